package org.chatserver.loadgen;

import java.time.Duration;

/**
 * The modest fan-out that a scenario measures once alone and once beside some other load (logins,
 * image uploads): {@code --rooms} x {@code --members} at {@code --rate} messages/s for {@code --seconds}.
 */
record BackgroundChat(Duration length, int rooms, int members, int rate) {

    static BackgroundChat from(Options o) {
        return new BackgroundChat(o.seconds("seconds", 30, 0.1, 86_400), o.integer("rooms", 5, 1, 10_000),
                o.integer("members", 20, 2, 10_000), o.integer("rate", 100, 1, 1_000_000));
    }

    /** One step of the chat load, labelled "100/s " + {@code beside}. */
    StepResult step(RoomLoad load, String beside) throws InterruptedException {
        return load.fixedRate(rate + "/s " + beside, rate, length);
    }
}
