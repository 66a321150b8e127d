package org.chatserver.adapter.media;

import java.time.Duration;

/** Inspectors as the tests need them; close each after use. */
final class Inspectors {

    private Inspectors() {
    }

    /**
     * The production limits on two threads, with a time limit long enough that no honest test image
     * meets it on a loaded build machine.
     */
    static TikaMediaInspector standard() {
        return with(2, 8, Duration.ofMinutes(2), Duration.ofSeconds(2));
    }

    static TikaMediaInspector with(int threads, int queue, Duration timeLimit, Duration retryAfter) {
        return new TikaMediaInspector(DecodeLimits.defaults(), new DecodingPool(threads, queue, timeLimit, retryAfter));
    }
}
