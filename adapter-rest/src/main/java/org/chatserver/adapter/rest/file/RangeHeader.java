package org.chatserver.adapter.rest.file;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatserver.domain.ByteRange;

/**
 * Reads a {@code Range} header (RFC 9110 section 14.2) for one object. Only a single byte range is
 * honoured; a header this server does not understand, or a request for several ranges, gets the
 * whole file, which RFC 9110 allows and every client handles.
 */
final class RangeHeader {

    private static final String UNIT = "bytes=";
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");
    /** More digits than this cannot fit a long; such positions lie beyond any stored file anyway. */
    private static final int MAX_DIGITS = 18;

    private RangeHeader() {
    }

    /** What to send for a {@code Range} header. */
    sealed interface Decision {
    }

    /** Serve the whole file with 200. */
    record Whole() implements Decision {
    }

    /** Serve this range with 206; its end may lie past the file's end (the store cuts it). */
    record Part(ByteRange range) implements Decision {
    }

    /** Answer 416: not one byte of the file lies in the range. */
    record Unsatisfiable() implements Decision {
    }

    static Decision parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (value.length() < UNIT.length()
                || !value.substring(0, UNIT.length()).toLowerCase(Locale.ROOT).equals(UNIT)) {
            return new Whole();
        }
        String spec = value.substring(UNIT.length()).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = position(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : position(m.group(2));
        if (last < first) {
            // invalid, so ignored (RFC 9110 section 14.1.1) rather than refused
            return new Whole();
        }
        ByteRange range = new ByteRange(first, last);
        return range.isSatisfiable(size) ? new Part(range) : new Unsatisfiable();
    }

    private static long position(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
