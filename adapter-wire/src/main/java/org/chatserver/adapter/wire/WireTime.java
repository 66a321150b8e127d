package org.chatserver.adapter.wire;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of REST and WebSocket alike: UTC, whole seconds, with a {@code Z}
 * ({@code 2025-10-04T18:42:41Z}). The iOS client parses {@code yyyy-MM-dd'T'HH:mm:ss'Z'}
 * literally, so a fraction or an offset would make it fail.
 */
public final class WireTime {

    private WireTime() {
    }

    /** Null for null, so that an optional time is an explicit {@code null} key; also used by MapStruct in REST. */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        // ISO_INSTANT omits the fraction entirely once it is zero
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
