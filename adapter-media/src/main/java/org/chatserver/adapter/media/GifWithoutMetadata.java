package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A GIF without its comments and XMP, its frames byte for byte: comment extensions and every application extension
 * but those that change how it plays or shows (looping: {@code NETSCAPE2.0}, {@code ANIMEXTS1.0}; a colour profile:
 * {@code ICCRGBG1012}) are dropped, as is anything after its end (the trailer, {@code ;}). Kept: the header, colour
 * tables, images, graphic control (frame timing, transparency) and plain text extensions.
 *
 * <p>Reads as it goes, one data sub-block (255 bytes) at a time. A file cut short ends where it is cut; bytes that are
 * not a block where one should be end it there, as a decoder stops there too.
 */
final class GifWithoutMetadata extends RewritingStream {

    private static final int PIECE = 8192;
    private static final int SUB_BLOCK = 256;
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int COMMENT = 0xFE;
    private static final int APPLICATION = 0xFF;
    private static final Set<String> SHOWN = Set.of("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012");

    private boolean started;
    /** Whether the sub-blocks being read are copied or dropped; none are being read when null. */
    private Boolean copyingSubBlocks;

    GifWithoutMetadata(InputStream in) {
        super(in, PIECE + SUB_BLOCK);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (!started) {
            started = true;
            // header and logical screen descriptor, then the global colour table its flags announce
            if (!copy(13) || !copy(colourTable(out[10]))) {
                finish();
            }
            return;
        }
        if (copyingSubBlocks != null) {
            subBlocks(copyingSubBlocks);
            return;
        }
        int introducer = next();
        if (introducer == IMAGE) {
            emit(IMAGE);
            int descriptor = outLimit;
            if (!copy(9) || !copy(colourTable(out[descriptor + 8])) || !copy(1)) { // then the LZW code size
                finish();
                return;
            }
            copyingSubBlocks = true;
        } else if (introducer == EXTENSION) {
            extension();
        } else {
            if (introducer == TRAILER) {
                emit(TRAILER);
            }
            finish(); // the end, or bytes that are no block: nothing after them is shown
        }
    }

    private void extension() throws IOException {
        int label = next();
        if (label < 0) {
            finish();
        } else if (label == COMMENT) {
            copyingSubBlocks = false;
        } else if (label == APPLICATION) {
            int length = next();
            if (length < 0 || !copy(length)) {
                outLimit = 0;
                finish();
                return;
            }
            String identifier = new String(out, 0, outLimit, StandardCharsets.ISO_8859_1);
            outLimit = 0;
            copyingSubBlocks = length == 11 && SHOWN.contains(identifier);
            if (copyingSubBlocks) {
                emit(EXTENSION);
                emit(APPLICATION);
                emit(length);
                for (byte b : identifier.getBytes(StandardCharsets.ISO_8859_1)) {
                    emit(b);
                }
            }
        } else {
            emit(EXTENSION);
            emit(label);
            copyingSubBlocks = true;
        }
    }

    /** Sub-blocks until the piece is full or their terminator (a zero length), which ends them. */
    private void subBlocks(boolean copied) throws IOException {
        while (outLimit <= PIECE - SUB_BLOCK) {
            int length = next();
            if (length < 0) {
                finish();
                return;
            }
            if (copied) {
                emit(length);
            }
            if (length == 0) {
                copyingSubBlocks = null;
                return;
            }
            if (!(copied ? copy(length) : drop(length))) {
                finish();
                return;
            }
        }
    }

    /** The size of the colour table that a descriptor's packed fields announce. */
    private static int colourTable(byte packed) {
        return (packed & 0x80) == 0 ? 0 : 3 << ((packed & 7) + 1);
    }
}
