package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A PNG without what it says about where, when and with what it was made, shown as before and its pixels untouched:
 * chunks are copied or dropped whole, nothing is decoded. Kept: every critical chunk (its type's first letter upper
 * case: header, palette, image data, end) and the ancillary chunks that change how it shows (transparency, colour
 * space and profile, gamma, HDR metadata, pixel size, background, animation). The EXIF ({@code eXIf}) becomes one
 * holding only its orientation, none when it says upright. Dropped: text ({@code tEXt}, {@code zTXt}, {@code iTXt},
 * where XMP lives), the time ({@code tIME}), every other ancillary chunk (private ones included) and anything after
 * the end ({@code IEND}).
 *
 * <p>Reads as it goes, holding 8 KiB of image data or one EXIF chunk (64 KiB at most; a larger one is dropped whole).
 * A file cut short ends where it is cut.
 */
final class PngWithoutMetadata extends RewritingStream {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> SHOWN = Set.of("tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs",
            "hIST", "sPLT", "cICP", "mDCv", "cLLi", "acTL", "fcTL", "fdAT");
    private static final int MAX_EXIF = 64 * 1024;

    private boolean started;
    private boolean orientationWritten;

    PngWithoutMetadata(InputStream in) {
        super(in, 8 + MAX_EXIF + 4);
    }

    @Override
    protected void nextPiece() throws IOException {
        if (!started) {
            started = true;
            if (!copy(SIGNATURE.length)) {
                finish();
            }
            return;
        }
        if (nextOfRuns()) {
            return;
        }
        if (!copy(8)) {
            outLimit = 0;
            finish();
            return;
        }
        long length = bigEndian32(0);
        String type = new String(out, 4, 4, StandardCharsets.ISO_8859_1);
        if (type.equals("IEND")) {
            copy(4);
            finish();
        } else if (Character.isUpperCase(type.charAt(0)) || SHOWN.contains(type)) {
            copyTo(position() + length + 4); // the chunk's data and CRC
        } else {
            outLimit = 0;
            if (type.equals("eXIf") && length <= MAX_EXIF) {
                exif((int) length);
            } else {
                if (!drop(length + 4)) {
                    finish();
                }
            }
        }
    }

    /** In place of the EXIF chunk, one holding only its orientation. */
    private void exif(int length) throws IOException {
        if (!copy(length + 4)) {
            outLimit = 0;
            finish();
            return;
        }
        int orientation = ExifOrientation.inPngChunk(out, length);
        outLimit = 0;
        if (orientation == 1 || orientationWritten) {
            return;
        }
        orientationWritten = true;
        byte[] tiff = ExifOrientation.tiff(orientation);
        CRC32 crc = new CRC32();
        crc.update("eXIf".getBytes(StandardCharsets.ISO_8859_1));
        crc.update(tiff);
        writeInt(tiff.length);
        for (byte b : "eXIf".getBytes(StandardCharsets.ISO_8859_1)) {
            emit(b);
        }
        for (byte b : tiff) {
            emit(b);
        }
        writeInt((int) crc.getValue());
    }

    private void writeInt(int value) {
        emit(value >>> 24);
        emit(value >>> 16 & 0xFF);
        emit(value >>> 8 & 0xFF);
        emit(value & 0xFF);
    }
}
