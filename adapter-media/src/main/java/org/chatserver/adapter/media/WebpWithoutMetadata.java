package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * A WebP without its EXIF (a camera's or phone's GPS position, make, time) and XMP, its image data byte for byte: every
 * chunk but those that make up the image (header, image data, alpha, animation, colour profile), {@code EXIF} and
 * {@code XMP } among them, becomes a {@code JUNK} chunk of the same size with its bytes zeroed, RIFF's filler that
 * readers skip as the WebP specification asks of unknown chunks, so the RIFF size stays true; the extended header
 * ({@code VP8X}) no longer says the file has EXIF or XMP. Anything after the RIFF's end is dropped. WebP viewers do not
 * turn an image by its EXIF orientation, so nothing of it is kept.
 *
 * <p>Reads as it goes, holding 8 KiB. A chunk larger than the RIFF ends with it, and what a size that lies makes
 * look like chunks is zeroed as any other unknown chunk; a file cut short ends where it is cut.
 */
final class WebpWithoutMetadata extends RiffRewritingStream {

    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;
    /** The chunks that make up the image: header, image data, alpha, animation, colour profile. */
    private static final Set<String> SHOWN = Set.of("VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP");

    /** Where the RIFF ends, as its header says; -1 before it is read. */
    private long riffEnd = -1;

    WebpWithoutMetadata(InputStream in) {
        super(in);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (riffEnd < 0) {
            if (!copy(12)) {
                finish();
                return;
            }
            boolean webp = chunkType(0).equals("RIFF") && chunkType(8).equals("WEBP");
            riffEnd = webp ? 8 + littleEndian32(4) : Long.MAX_VALUE; // not one: copied as it is
            copyTo(webp ? position() : Long.MAX_VALUE);
            return;
        }
        if (nextOfRuns()) {
            return;
        }
        if (position() >= riffEnd) {
            finish();
            return;
        }
        long end = nextChunk(riffEnd);
        if (end < 0) {
            return;
        }
        String type = chunkType(0);
        if (!SHOWN.contains(type)) {
            junk(end);
        } else {
            if (type.equals("VP8X") && end > position() && copy(1)) {
                out[outLimit - 1] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
            }
            copyTo(end);
        }
    }
}
