package org.chatserver.adapter.websocket;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The protocol's one timestamp format: UTC, whole seconds, with a {@code Z}. The iOS client
 * parses {@code yyyy-MM-dd'T'HH:mm:ss'Z'} literally, so a fraction or an offset would break it.
 */
final class WireTime {

    private WireTime() {
    }

    static String format(Instant instant) {
        // ISO_INSTANT leaves the fraction out once it is zero
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
