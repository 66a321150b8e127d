package org.chatserver.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.presence.*}: who is around. Which store keeps it across nodes is {@code chat.presence.type}
 * ({@code local} or {@code redis}, see {@code chat.presence.redis.*}).
 *
 * @param awayAfter   a user whose connections sent no frame for this long shows as {@code away}
 * @param maxRoomSize a change of someone's status is told to the streams ({@code /ws/user}) of those
 *                    who share one of their rooms of at most this many members (0: to nobody)
 */
@ConfigurationProperties("chat.presence")
public record PresenceProperties(@DefaultValue("5m") Duration awayAfter, @DefaultValue("100") int maxRoomSize) {

    public PresenceProperties {
        if (awayAfter == null || awayAfter.compareTo(Duration.ofSeconds(1)) < 0
                || awayAfter.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("chat.presence.away-after must be between 1s and 1d, not " + awayAfter);
        }
        if (maxRoomSize < 0 || maxRoomSize > 10_000) {
            throw new IllegalArgumentException("chat.presence.max-room-size must be between 0 and 10000, not "
                    + maxRoomSize);
        }
    }

    /** How often connections are checked for silence: a tenth of the away period, 100 ms to 10 s. */
    Duration sweepInterval() {
        Duration tenth = awayAfter.dividedBy(10);
        Duration floor = Duration.ofMillis(100);
        Duration ceiling = Duration.ofSeconds(10);
        return tenth.compareTo(floor) < 0 ? floor : tenth.compareTo(ceiling) > 0 ? ceiling : tenth;
    }
}
