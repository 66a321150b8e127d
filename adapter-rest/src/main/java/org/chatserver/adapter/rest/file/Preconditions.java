package org.chatserver.adapter.rest.file;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Enumeration;

/**
 * The conditional request headers of a download (RFC 9110 section 13) against the file's entity tag
 * and modification time. Tags are compared with their quotes, as sent.
 */
final class Preconditions {

    private static final String WEAK_PREFIX = "W/";

    private Preconditions() {
    }

    /**
     * Whether the client's copy is current: {@code If-None-Match} by weak comparison when present,
     * else {@code If-Modified-Since} at whole seconds.
     */
    static boolean notModified(Enumeration<String> ifNoneMatch, String ifModifiedSince, String etag,
                               Instant lastModified) {
        if (ifNoneMatch != null && ifNoneMatch.hasMoreElements()) {
            String opaque = opaque(etag);
            while (ifNoneMatch.hasMoreElements()) {
                if (anyTagMatches(ifNoneMatch.nextElement(), opaque)) {
                    return true;
                }
            }
            return false;
        }
        Instant since = httpDate(ifModifiedSince);
        return since != null && lastModified.getEpochSecond() <= since.getEpochSecond();
    }

    /**
     * Whether a {@code Range} may be honoured: always without {@code If-Range}; with one, only when it
     * names this very version (strong comparison of tags, or the exact modification time).
     */
    static boolean rangeAllowed(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith(WEAK_PREFIX)) {
            return false;
        }
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        Instant date = httpDate(value);
        return date != null && date.getEpochSecond() == lastModified.getEpochSecond();
    }

    /**
     * A list of entity tags, or {@code *}. Tags may hold commas, so the list is scanned tag by
     * tag instead of split.
     */
    private static boolean anyTagMatches(String header, String opaque) {
        int i = 0;
        int n = header.length();
        while (i < n) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
            } else if (c == '*') {
                return true;
            } else {
                if (header.startsWith(WEAK_PREFIX, i)) {
                    i += WEAK_PREFIX.length();
                }
                if (i >= n || header.charAt(i) != '"') {
                    return false;
                }
                int close = header.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                if (header.substring(i, close + 1).equals(opaque)) {
                    return true;
                }
                i = close + 1;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith(WEAK_PREFIX) ? etag.substring(WEAK_PREFIX.length()) : etag;
    }

    private static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // RFC 9110: an invalid date makes the condition absent, not the request bad
            return null;
        }
    }
}
