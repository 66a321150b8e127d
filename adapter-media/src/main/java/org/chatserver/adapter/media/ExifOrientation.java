package org.chatserver.adapter.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** An EXIF orientation read from the TIFF structure EXIF is, and the smallest such structure that says one. */
final class ExifOrientation {

    private ExifOrientation() {
    }

    /** 1 to 8, 1 for none or a structure that lies: it is read within its bounds only. */
    static int inTiff(byte[] bytes, int offset, int length) {
        try (ImageInputStream tiff = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            return JpegStructure.tiffOrientation(tiff, 0, length);
        } catch (IOException e) {
            return 1; // its bounds are checked as it is read, but a lie in it must not cost the upload
        }
    }

    /** 1 to 8 as a PNG's {@code eXIf} chunk says: a TIFF structure, though some writers put JPEG's "Exif\0\0" first. */
    static int inPngChunk(byte[] data, int length) {
        int skip = length >= 6 && new String(data, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0") ? 6 : 0;
        return inTiff(data, skip, length - skip);
    }

    /** A big-endian TIFF header and one directory of one entry, the orientation; no next directory. */
    static byte[] tiff(int orientation) {
        return new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
    }
}
