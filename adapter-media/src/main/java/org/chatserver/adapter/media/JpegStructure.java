package org.chatserver.adapter.media;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Optional;
import javax.imageio.stream.ImageInputStream;

/**
 * What a JPEG's markers say before any pixel is decoded: the frame's size, whether it is progressive,
 * and how many scans follow. The JDK's decoder holds the coefficients of the whole image for a JPEG in
 * more than one scan (progressive, or sequential with one scan per component) and works through every
 * block once per scan: a 519-byte progressive file announcing 10000 x 10000 pixels in 10 scans costs
 * about 6 s of CPU and 290 MB outside the heap, subsampling or not.
 *
 * @param width       from the frame header
 * @param height      from the frame header
 * @param progressive SOF2, SOF6, SOF10 or SOF14
 * @param scans       start-of-scan markers in the file, counted up to one more than asked for
 * @param orientation the EXIF orientation (1 to 8: how to turn the pixels to show them upright), 1 without one
 */
record JpegStructure(int width, int height, boolean progressive, int scans, int orientation) {

    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    /**
     * The frame header, read from the start of {@code input} and no further; empty when the markers
     * do not lead to one (not a JPEG a decoder would take). Leaves {@code input} after the header.
     */
    static Optional<JpegStructure> readFrame(ImageInputStream input) throws IOException {
        int orientation = 1;
        input.seek(0);
        if (input.read() != 0xFF || input.read() != SOI) {
            return Optional.empty();
        }
        while (true) {
            int marker = nextMarker(input);
            if (marker < 0 || marker == EOI || marker == SOS || marker == SOI) {
                return Optional.empty(); // a scan before its frame, or no frame at all
            }
            if (standalone(marker)) {
                continue;
            }
            long segment = input.getStreamPosition();
            int length = input.readUnsignedShort();
            if (length < 2) {
                return Optional.empty();
            }
            if (startOfFrame(marker)) {
                input.readUnsignedByte(); // sample precision
                int height = input.readUnsignedShort();
                int width = input.readUnsignedShort();
                input.seek(segment + length);
                return Optional.of(new JpegStructure(width, height, progressive(marker), 0, orientation));
            }
            if (marker == APP1 && orientation == 1) {
                orientation = exifOrientation(input, segment + 2, segment + length);
            }
            input.seek(segment + length);
        }
    }

    /**
     * This frame with its scans counted from where {@link #readFrame} left {@code input}, stopping
     * at {@code atMost + 1}. Reads the entropy-coded data only to step over it; decodes nothing.
     */
    JpegStructure withScansCounted(ImageInputStream input, int atMost) throws IOException {
        int count = 0;
        while (count <= atMost) {
            int marker = nextMarker(input);
            if (marker < 0 || marker == EOI) {
                break;
            }
            if (standalone(marker)) {
                continue;
            }
            long segment = input.getStreamPosition();
            int length = input.readUnsignedShort();
            if (length < 2) {
                break;
            }
            input.seek(segment + length);
            if (marker == SOS) {
                count++;
                if (!skipEntropyCodedData(input)) {
                    break;
                }
            }
        }
        return new JpegStructure(width, height, progressive, count, orientation);
    }

    /**
     * The orientation an APP1 segment from {@code start} to {@code end} holds, when it is EXIF and says one: the
     * tag 0x0112 of its first image directory (TIFF, either byte order). 1 for anything else, a segment that lies
     * included: it is read within its bounds only.
     */
    static int exifOrientation(ImageInputStream input, long start, long end) throws IOException {
        if (end - start < 6 + 8 || input.readInt() != 0x45786966 || input.readUnsignedShort() != 0) { // "Exif\0\0"
            return 1;
        }
        return tiffOrientation(input, start + 6, end);
    }

    /** As {@link #exifOrientation}, for the TIFF structure alone, from {@code tiff} to {@code end}. */
    static int tiffOrientation(ImageInputStream input, long tiff, long end) throws IOException {
        if (end - tiff < 8) {
            return 1;
        }
        input.seek(tiff);
        int order = input.readUnsignedShort();
        if (order != 0x4949 && order != 0x4D4D) {
            return 1;
        }
        ByteOrder was = input.getByteOrder();
        input.setByteOrder(order == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        try {
            if (input.readUnsignedShort() != 42) {
                return 1;
            }
            long directory = tiff + input.readUnsignedInt();
            if (directory + 2 > end) {
                return 1;
            }
            input.seek(directory);
            int entries = input.readUnsignedShort();
            for (int i = 0; i < entries && directory + 2 + 12L * (i + 1) <= end; i++) {
                input.seek(directory + 2 + 12L * i);
                int tag = input.readUnsignedShort();
                int type = input.readUnsignedShort();
                input.readInt(); // count
                int value = input.readUnsignedShort();
                if (tag == ORIENTATION_TAG) {
                    return type == 3 && value >= 1 && value <= 8 ? value : 1; // a SHORT, in the entry itself
                }
            }
            return 1;
        } finally {
            input.setByteOrder(was);
        }
    }

    /** Shown turned a quarter: what is stored as its width is shown as its height. */
    static boolean turnsAQuarter(int orientation) {
        return orientation >= 5;
    }

    /** Needs the whole image's coefficients at once: progressive, or several scans of a sequential frame. */
    boolean buffersWholeImage() {
        return progressive || scans > 1;
    }

    /** The code of the marker at the stream's position, after any fill bytes; -1 at the end, -2 for junk. */
    private static int nextMarker(ImageInputStream input) throws IOException {
        int first = input.read();
        if (first < 0) {
            return -1;
        }
        if (first != 0xFF) {
            return -2;
        }
        int code;
        do {
            code = input.read();
        } while (code == 0xFF);
        return code;
    }

    /** Steps to the next marker: 0xFF followed by anything but a stuffed zero, a restart marker or fill. */
    private static boolean skipEntropyCodedData(ImageInputStream input) throws IOException {
        byte[] buffer = new byte[8192];
        boolean afterFf = false;
        while (true) {
            long start = input.getStreamPosition();
            int read = input.read(buffer);
            if (read < 0) {
                return false;
            }
            for (int i = 0; i < read; i++) {
                int b = buffer[i] & 0xFF;
                if (afterFf && b != 0x00 && b != 0xFF && !restart(b)) {
                    input.seek(start + i - 1);
                    return true;
                }
                afterFf = b == 0xFF;
            }
        }
    }

    static boolean standalone(int marker) {
        return marker == 0x01 || restart(marker);
    }

    static boolean restart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    /** SOF0 to SOF15, without DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean startOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean progressive(int marker) {
        return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
    }
}
