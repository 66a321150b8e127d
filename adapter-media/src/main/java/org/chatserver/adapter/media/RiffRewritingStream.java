package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A RIFF file (WebP, WAV, AVI) rewritten as it is read, chunk by chunk: a subclass reads a chunk's header into
 * {@link #out} and says how far the source is then copied ({@link #copyTo}) or zeroed ({@link #junk}, which makes
 * the chunk {@code JUNK}, RIFF's filler that readers skip, of the same size).
 */
abstract class RiffRewritingStream extends RewritingStream {

    private static final int PIECE = 8192;
    private static final byte[] JUNK = "JUNK".getBytes(StandardCharsets.ISO_8859_1);

    RiffRewritingStream(InputStream in) {
        super(in, PIECE);
    }

    /**
     * Reads the header of the next chunk of a list that ends at {@code listEnd} to the start of {@link #out}, and
     * answers where the chunk ends, its padding byte included, never past the list; -1 when there is no header: what is
     * left of the list, shorter than one, is copied, or the source ended.
     */
    protected final long nextChunk(long listEnd) throws IOException {
        if (listEnd - position() < 8) {
            copyTo(listEnd);
            return -1;
        }
        if (!copy(8)) {
            finish();
            return -1;
        }
        long size = littleEndian32(4);
        return Math.min(listEnd, position() + size + (size & 1));
    }

    /** The chunk whose header is at the start of {@link #out} becomes filler: {@code JUNK}, zeros up to {@code end}. */
    protected final void junk(long end) {
        System.arraycopy(JUNK, 0, out, 0, 4);
        zeroTo(end);
    }

    /** The four characters at {@code offset} of {@link #out}: a chunk's or a form's type. */
    protected final String chunkType(int offset) {
        return new String(out, offset, 4, StandardCharsets.ISO_8859_1);
    }

    /** The unsigned little-endian 32-bit number at {@code offset} of {@link #out}, as RIFF writes its sizes. */
    protected final long littleEndian32(int offset) {
        return (out[offset] & 0xFFL) | (out[offset + 1] & 0xFF) << 8 | (out[offset + 2] & 0xFF) << 16
                | (out[offset + 3] & 0xFFL) << 24;
    }
}
