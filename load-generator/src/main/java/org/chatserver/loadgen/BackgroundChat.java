package org.chatserver.loadgen;

import java.time.Duration;
import java.util.Optional;

/**
 * The modest fan-out that a scenario measures once alone and once beside some other load (logins,
 * image uploads): {@code --rooms} x {@code --members} at {@code --rate} messages/s for {@code --seconds},
 * after {@code --warmup-seconds} of the same load that are reported but not compared (a server's first
 * seconds of a load are its JIT's, and made the "alone" step of one run 6x another's).
 */
record BackgroundChat(Duration length, Duration warmUp, int rooms, int members, int rate) {

    static BackgroundChat from(Options o) {
        return new BackgroundChat(o.seconds("seconds", 30, 0.1, 86_400), o.seconds("warmup-seconds", 10, 0, 3_600),
                o.integer("rooms", 5, 1, 10_000), o.integer("members", 20, 2, 10_000),
                o.integer("rate", 100, 1, 1_000_000));
    }

    /** The warm-up step, labelled "100/s warm-up (not compared)"; none when {@code --warmup-seconds=0}. */
    Optional<StepResult> warmUp(RoomLoad load) throws InterruptedException {
        if (warmUp.isZero()) {
            return Optional.empty();
        }
        return Optional.of(load.fixedRate(StepResult.warmUpLabel(rate + "/s") + " (not compared)", rate, warmUp));
    }

    /** One step of the chat load, labelled "100/s " + {@code beside}. */
    StepResult step(RoomLoad load, String beside) throws InterruptedException {
        return load.fixedRate(rate + "/s " + beside, rate, length);
    }
}
