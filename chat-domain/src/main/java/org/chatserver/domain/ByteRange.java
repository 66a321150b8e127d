package org.chatserver.domain;

/**
 * Bytes {@code first} to {@code last} of an object, both inclusive, as in an HTTP {@code Range}
 * header. {@code last} may lie beyond the end of the object: reading stops at the end, so
 * {@code bytes=100-} is {@code ByteRange.from(100)}.
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0) {
            throw new IllegalArgumentException("range start must not be negative: " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("range end " + last + " is before its start " + first);
        }
    }

    /** From {@code first} to the end of the object. */
    public static ByteRange from(long first) {
        return new ByteRange(first, Long.MAX_VALUE);
    }

    /** Whether at least one byte of an object of {@code size} bytes lies in this range. */
    public boolean isSatisfiable(long size) {
        return first < size;
    }

    /** This range cut to an object of {@code size} bytes; the range must be satisfiable. */
    public ByteRange clampTo(long size) {
        if (!isSatisfiable(size)) {
            throw new IllegalArgumentException(
                    "range starting at " + first + " is beyond the end of a " + size + " byte object");
        }
        return new ByteRange(first, Math.min(last, size - 1));
    }

    /** Number of bytes, for a range already clamped to its object. */
    public long length() {
        return last - first + 1;
    }
}
