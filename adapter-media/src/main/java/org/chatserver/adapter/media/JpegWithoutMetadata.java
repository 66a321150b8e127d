package org.chatserver.adapter.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JPEG without what it says about where, when and with what it was taken, shown as before and its pixels untouched:
 * the marker segments are copied or dropped whole, the entropy-coded data byte for byte, nothing is decoded. A phone
 * writes the GPS position into the EXIF, and every member of a room could read it from the original.
 *
 * <p>Kept: everything a decoder needs (tables, frame and scan headers, restart intervals, the scans), the JFIF header
 * (without a thumbnail), ICC colour profiles (APP2 {@code ICC_PROFILE}) and Adobe's colour transform (APP14, without
 * which a CMYK file shows in the wrong colours). The EXIF (APP1) becomes a minimal one holding only its orientation,
 * since a phone stores a portrait photo sideways and viewers turn it by that tag; none when it says upright. Dropped:
 * XMP and every other APP1, the other APP2s (MPF, FlashPix), APP3 to APP13 (Photoshop's and IPTC's in APP13), APP15,
 * comments, and anything after the end of the image (a phone's trailer, the images an MPF segment points to).
 *
 * <p>Reads as it goes, holding one segment at most (64 KiB). Data that is not where a marker should be is copied, as a
 * decoder skips it; a file cut short ends where it is cut.
 */
final class JpegWithoutMetadata extends RewritingStream {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;
    private static final int SCAN_CHUNK = 8192;
    /** A JFIF APP0 up to its thumbnail's size: identifier, version, units, densities, thumbnail width and height. */
    private static final int JFIF_WITHOUT_THUMBNAIL = 14;

    private enum Part { MARKERS, SCAN }

    private Part part = Part.MARKERS;
    private boolean afterFf;
    private boolean orientationWritten;

    JpegWithoutMetadata(InputStream in) {
        super(in, SCAN_CHUNK + 4 + 0xFFFF); // a chunk of scan data and at most one segment after it
    }

    @Override
    protected void nextPiece() throws IOException {
        if (part == Part.MARKERS) {
            nextSegment();
        } else {
            scanData();
        }
    }

    private void nextSegment() throws IOException {
        int first = next();
        if (first < 0) {
            finish();
        } else if (first != 0xFF) {
            emit(first); // not a marker where one should be: a decoder skips it, so it stays
            part = Part.SCAN;
        } else {
            int code;
            do {
                code = next();
            } while (code == 0xFF);
            segment(code);
        }
    }

    /** The scan's entropy-coded data up to the next marker that is not a restart, or a chunk of it. */
    private void scanData() throws IOException {
        while (outLimit < SCAN_CHUNK) {
            int b = next();
            if (b < 0) {
                finish();
                return;
            }
            if (!afterFf) {
                if (b == 0xFF) {
                    afterFf = true;
                } else {
                    emit(b);
                }
            } else if (b == 0xFF) {
                emit(0xFF); // fill
            } else if (b == 0 || JpegStructure.restart(b)) {
                afterFf = false;
                emit(0xFF);
                emit(b);
            } else {
                afterFf = false;
                segment(b);
                return;
            }
        }
    }

    /** The segment of the marker {@code code} (its 0xFF already read): copied, replaced or dropped. */
    private void segment(int code) throws IOException {
        part = Part.MARKERS;
        if (code < 0) {
            finish();
            return;
        }
        if (code == EOI) {
            emitMarker(code);
            finish(); // what follows is no part of this image
            return;
        }
        if (code == SOI || JpegStructure.standalone(code)) {
            emitMarker(code);
            return;
        }
        int high = next();
        int low = next();
        int length = high << 8 | low;
        if (low < 0 || high < 0 || length < 2) {
            finish();
            return;
        }
        int start = outLimit;
        emitMarker(code);
        emit(high);
        emit(low);
        int payload = outLimit;
        if (!copy(length - 2)) {
            outLimit = start;
            finish();
            return;
        }
        if (code == SOS) {
            part = Part.SCAN;
        } else if (code == APP1 && startsWith(payload, "Exif\0\0")) {
            outLimit = start;
            exif(payload, length - 2);
        } else if (code == APP0 && startsWith(payload, "JFIF\0") && length - 2 >= JFIF_WITHOUT_THUMBNAIL) {
            outLimit = payload + JFIF_WITHOUT_THUMBNAIL;
            out[payload + 12] = 0;
            out[payload + 13] = 0;
            setLength(start, JFIF_WITHOUT_THUMBNAIL);
        } else if (!kept(code, payload)) {
            outLimit = start;
        }
    }

    private boolean kept(int code, int payload) {
        if (code >= APP0 && code <= APP15) {
            return code == APP2 && startsWith(payload, "ICC_PROFILE\0") || code == APP14 && startsWith(payload, "Adobe");
        }
        return code != COM;
    }

    /**
     * In place of the EXIF segment now in {@code out} after the limit, one holding only its orientation: a TIFF header
     * and one directory of one entry.
     */
    private void exif(int payload, int length) {
        if (orientationWritten) {
            return;
        }
        int orientation = ExifOrientation.inTiff(out, payload + 6, length - 6);
        if (orientation == 1) {
            return; // as the preview does: the first EXIF that says how to turn the photo is the one
        }
        orientationWritten = true;
        byte[] tiff = ExifOrientation.tiff(orientation);
        byte[] minimal = Arrays.copyOf("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 6 + tiff.length);
        System.arraycopy(tiff, 0, minimal, 6, tiff.length);
        int start = outLimit;
        emitMarker(APP1);
        outLimit += 2;
        setLength(start, minimal.length);
        System.arraycopy(minimal, 0, out, outLimit, minimal.length);
        outLimit += minimal.length;
    }

    private void setLength(int marker, int payloadLength) {
        out[marker + 2] = (byte) ((payloadLength + 2) >> 8);
        out[marker + 3] = (byte) (payloadLength + 2);
    }

    private boolean startsWith(int at, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return outLimit - at >= expected.length
                && Arrays.equals(out, at, at + expected.length, expected, 0, expected.length);
    }

    private void emitMarker(int code) {
        emit(0xFF);
        emit(code);
    }
}
