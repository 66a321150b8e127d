package org.chatserver.webclient.e2e;

import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * How long a browser test waits for what the server pushes as it happens (a {@code /ws/user} frame: presence, unread
 * counts, rooms added or taken away; a room's join seen by the others): the server tells each change at once (unread
 * counts within its 1 s interval), so what takes longer is the machine. After a log-in the stream connects only once
 * the room list is read, and on a loaded CI machine a change has taken more than 3 s from the click to the other page.
 * The wait stays well short of what would bring the same without the push, so that no fallback passes for it: the
 * room list read every 20 s while the stream is down (every 2 minutes while it is up), the members list every 30 s.
 * The assertions' default (30 s) is as long as the members list's reading, which could pass for a push that never came.
 */
final class Live {

    static final double MS = 10_000;

    private Live() {
    }

    static LocatorAssertions.HasTextOptions text() {
        return new LocatorAssertions.HasTextOptions().setTimeout(MS);
    }

    static LocatorAssertions.ContainsTextOptions containsText() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(MS);
    }

    static LocatorAssertions.HasCountOptions count() {
        return new LocatorAssertions.HasCountOptions().setTimeout(MS);
    }
}
