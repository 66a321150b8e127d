package org.chatserver.adapter.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG's EXIF orientation, from its {@code eXIf} chunk before the image data: a phone's screenshot or an editor's
 * export may be stored sideways with an orientation saying how to turn it, as a JPEG is, and browsers turn it.
 */
final class PngOrientation {

    private static final int SIGNATURE = 8;
    /** Larger EXIF chunks are not read: an orientation sits in the first directory, and PNG's own copy drops them. */
    private static final int MAX_EXIF = 64 * 1024;

    private PngOrientation() {
    }

    /**
     * 1 to 8, 1 without one, reading from the start of {@code input} up to the image data; 1 too for chunks that lie
     * or end first, for the decoder to judge: an orientation never costs an image its preview.
     */
    static int of(ImageInputStream input) {
        try {
            input.seek(SIGNATURE);
            while (true) {
                long length = input.readUnsignedInt();
                byte[] type = new byte[4];
                input.readFully(type);
                String name = new String(type, StandardCharsets.ISO_8859_1);
                if (name.equals("IDAT") || name.equals("IEND") || !name.chars().allMatch(Character::isLetter)) {
                    return 1; // the image data, or no chunk: what follows is the decoder's to judge
                }
                if (name.equals("eXIf") && length <= MAX_EXIF) {
                    byte[] exif = new byte[(int) length];
                    input.readFully(exif);
                    return ExifOrientation.inPngChunk(exif, exif.length);
                }
                input.seek(input.getStreamPosition() + length + 4);
            }
        } catch (IOException e) {
            return 1;
        }
    }
}
