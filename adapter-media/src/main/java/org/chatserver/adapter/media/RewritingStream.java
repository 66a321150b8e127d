package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A file rewritten as it is read: a subclass writes the next piece of the output into {@link #out} each time the
 * reader has taken the last one, reading its source as it goes, so that no more than a piece is ever held.
 */
abstract class RewritingStream extends InputStream {

    private final InputStream in;
    private final byte[] readBuffer = new byte[8192];
    private int readPosition;
    private int readLimit;
    /** The piece being handed out, from 0 to {@link #outLimit}. */
    protected final byte[] out;
    protected int outLimit;
    private int outPosition;
    private boolean finished;
    /** How many bytes of the source were read. */
    private long position;
    /** Stretches of the source still to hand out, copied or zeroed, in order ({@link #copyTo}, {@link #zeroTo}). */
    private final Deque<Run> runs = new ArrayDeque<>();

    /** Bytes of the source read again by {@link #next}, from {@link #unreadStart} to {@link #unreadEnd}. */
    private final byte[] unread = new byte[16];
    private int unreadStart;
    private int unreadEnd;

    /** A stretch of the source up to {@code end} (a position in it), copied or zeroed. */
    private record Run(boolean zeroed, long end) {
    }

    RewritingStream(InputStream in, int largestPiece) {
        this.in = in;
        this.out = new byte[largestPiece];
    }

    /** Writes the next piece into {@link #out} from 0, or calls {@link #finish}; may write nothing and be called again. */
    protected abstract void nextPiece() throws IOException;

    /** Nothing follows what is in {@link #out} now. */
    protected final void finish() {
        finished = true;
    }

    @Override
    public final int read() throws IOException {
        if (outPosition == outLimit && !fill()) {
            return -1;
        }
        return out[outPosition++] & 0xFF;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (outPosition == outLimit && !fill()) {
            return -1;
        }
        int count = Math.min(length, outLimit - outPosition);
        System.arraycopy(out, outPosition, buffer, offset, count);
        outPosition += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        outPosition = 0;
        outLimit = 0;
        while (outLimit == 0 && !finished) {
            nextPiece();
        }
        return outLimit > 0;
    }

    protected final void emit(int b) {
        out[outLimit++] = (byte) b;
    }

    /** Copies {@code count} bytes of the source to the output; false when it ends first. */
    protected final boolean copy(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int b = next();
            if (b < 0) {
                return false;
            }
            emit(b);
        }
        return true;
    }

    /** Reads {@code count} bytes of the source and writes as many zeros in their place; false when it ends first. */
    protected final boolean zero(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (next() < 0) {
                return false;
            }
            emit(0);
        }
        return true;
    }

    /** Reads {@code count} bytes of the source and writes nothing; false when it ends first. */
    protected final boolean drop(long count) throws IOException {
        for (long left = count; left > 0; ) {
            if (unreadStart == unreadEnd && readPosition < readLimit) {
                // a buffer at a time: a box or tag of gigabytes is passed over in as many reads, not a call a byte
                int skipped = (int) Math.min(left, readLimit - readPosition);
                readPosition += skipped;
                position += skipped;
                left -= skipped;
            } else if (next() < 0) {
                return false;
            } else {
                left--;
            }
        }
        return true;
    }

    /** After what is queued already, the source is copied as it is up to {@code end}, a position in it. */
    protected final void copyTo(long end) {
        runs.add(new Run(false, end));
    }

    /** After what is queued already, the source is read up to {@code end} and as many zeros written in its place. */
    protected final void zeroTo(long end) {
        runs.add(new Run(true, end));
    }

    /**
     * Writes the next piece of the stretches {@link #copyTo} and {@link #zeroTo} queued, or finishes at the source's
     * end; false when none is left, and the subclass reads on.
     */
    protected final boolean nextOfRuns() throws IOException {
        for (Run run; (run = runs.peekFirst()) != null; runs.removeFirst()) {
            int count = (int) Math.min(out.length - outLimit, run.end() - position);
            if (count > 0) {
                if (!(run.zeroed() ? zero(count) : copy(count))) {
                    finish();
                }
                return true;
            }
        }
        return false;
    }

    /** The unsigned big-endian 32-bit number at {@code offset} of {@link #out}, as ISO media and PNG write sizes. */
    protected final long bigEndian32(int offset) {
        return (out[offset] & 0xFFL) << 24 | (out[offset + 1] & 0xFF) << 16 | (out[offset + 2] & 0xFF) << 8
                | (out[offset + 3] & 0xFF);
    }

    /** How many bytes of the source were read so far. */
    protected final long position() {
        return position;
    }

    /**
     * The last {@code count} bytes read from the source (at most 16), which {@link #out} holds from {@code from}, are
     * read again by {@link #next}, as if they had not been yet.
     */
    protected final void unread(int from, int count) {
        if (count > unread.length || unreadStart < unreadEnd) {
            throw new IllegalStateException("can unread up to " + unread.length + " bytes, once");
        }
        System.arraycopy(out, from, unread, 0, count);
        unreadStart = 0;
        unreadEnd = count;
        position -= count;
    }

    /** The next byte of the source, -1 at its end. */
    protected final int next() throws IOException {
        if (unreadStart < unreadEnd) {
            position++;
            return unread[unreadStart++] & 0xFF;
        }
        if (readPosition == readLimit) {
            readLimit = in.read(readBuffer);
            readPosition = 0;
            if (readLimit <= 0) {
                readLimit = 0;
                return -1;
            }
        }
        position++;
        return readBuffer[readPosition++] & 0xFF;
    }
}
