package org.chatserver.application.contract;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Images for tests: pictures written by the JDK's own encoders, and PNG files put together chunk by
 * chunk where a test needs a header no encoder would write.
 */
public final class TestImages {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private TestImages() {
    }

    /** A gradient with a circle, as a photo would be: not one colour that any decoder gets right by luck. */
    public static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        if (type == BufferedImage.TYPE_INT_ARGB) {
            graphics.setPaint(new GradientPaint(0, 0, new Color(255, 0, 0, 40), width, height, new Color(0, 0, 255, 220)));
        } else {
            graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        }
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    /** {@code image} in {@code format} ("jpeg", "png", "gif"), as ImageIO writes it. */
    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The signature and IHDR of an RGB PNG: all a decoder reads before the pixel data. */
    public static byte[] pngHeader(int width, int height, int bitDepth) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(SIGNATURE, pngChunk("IHDR", header.array()));
    }

    /** Length, type, data and the CRC over type and data. */
    public static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return concat(ByteBuffer.allocate(4).putInt(data.length).array(), typeBytes, data,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Where the phone was: 48° 51' 29" N, in the EXIF's GPS directory, the XMP and the IPTC alike. */
    public static final String PLACE = "Rue de Rivoli";
    /** The phone's make, in the EXIF. */
    public static final String PHONE = "SecretPhone";

    /**
     * {@code image} as a phone's JPEG: the encoder's JFIF, then an EXIF (Intel byte order) holding the make, the
     * {@code orientation} and a GPS position, an ICC profile, XMP and IPTC naming {@link #PLACE}, a comment, the
     * pixels, and a trailer after the end of the image as some phones append.
     */
    public static byte[] phonePhoto(BufferedImage image, int orientation) {
        byte[] jpeg = write(image, "jpeg");
        int afterJfif = 2 + 2 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0" + xmp()).getBytes(StandardCharsets.UTF_8);
        byte[] iptc = concat(ascii("Photoshop 3.0\0" + "8BIM"), new byte[] {4, 4, 0, 0, 0, 0, 0, 20},
                new byte[] {0x1C, 2, 90, 0, 13}, ascii(PLACE), new byte[] {0, 0});
        byte[] icc = concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1},
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData());
        return concat(java.util.Arrays.copyOf(jpeg, afterJfif),
                jpegSegment(0xE1, concat(ascii("Exif\0\0"), phoneExif(orientation))),
                jpegSegment(0xE2, icc), jpegSegment(0xE1, xmp), jpegSegment(0xED, iptc),
                jpegSegment(0xFE, ascii("taken at " + PLACE)),
                java.util.Arrays.copyOfRange(jpeg, afterJfif, jpeg.length),
                ascii("SEFH trailer: " + PLACE));
    }

    /**
     * {@code image} as a PNG a phone or an editor writes: after its header an EXIF ({@code eXIf}, the same as
     * {@link #phonePhoto}'s), the time, text and XMP naming {@link #PLACE}, a private chunk, then the encoder's
     * chunks, and a trailer after the end.
     */
    public static byte[] phonePng(BufferedImage image, int orientation) {
        byte[] png = write(image, "png");
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        return concat(java.util.Arrays.copyOf(png, afterHeader),
                pngChunk("eXIf", phoneExif(orientation)),
                pngChunk("tIME", new byte[] {0x07, (byte) 0xEA, 12, 6, 18, 0, 0}),
                pngChunk("tEXt", ascii("Location\0" + PLACE)),
                pngChunk("iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), xmp().getBytes(StandardCharsets.UTF_8))),
                pngChunk("prVt", ascii(PHONE + " " + PLACE)),
                pngChunk("sRGB", new byte[] {0}),
                java.util.Arrays.copyOfRange(png, afterHeader, png.length),
                ascii("trailer: " + PLACE));
    }

    private static String xmp() {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description exif:GPSLatitude=\"48,51.48N\""
                + " photoshop:City=\"" + PLACE + "\"/></rdf:RDF></x:xmpmeta>";
    }

    /** The TIFF structure of a phone's EXIF (Intel byte order): the make, the {@code orientation}, a GPS position. */
    public static byte[] phoneExif(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 3 * 12 + 4 + 12 + 2 + 2 * 12 + 4 + 24)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int make = 8 + 2 + 3 * 12 + 4;
        int gps = make + 12;
        int latitude = gps + 2 + 2 * 12 + 4;
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 3);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(12).putInt(make); // Make, ASCII
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gps); // GPS directory
        tiff.putInt(0);
        tiff.put((PHONE + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 2);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latitude); // GPSLatitude, 3 RATIONALs
        tiff.putInt(0);
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(29).putInt(1);
        return tiff.array();
    }

    /** A PNG's chunks, type and data, from its header to its end, each checked against its CRC. */
    public static java.util.List<java.util.Map.Entry<String, byte[]>> pngChunks(byte[] png) {
        java.util.List<java.util.Map.Entry<String, byte[]>> chunks = new java.util.ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            if (in.getInt() != (int) crc.getValue()) {
                throw new IllegalArgumentException("bad CRC in " + new String(type, StandardCharsets.ISO_8859_1));
            }
            chunks.add(java.util.Map.entry(new String(type, StandardCharsets.ISO_8859_1), data));
            if (new String(type, StandardCharsets.ISO_8859_1).equals("IEND")) {
                break;
            }
        }
        return chunks;
    }

    /** A JPEG marker segment: the marker, the length (counting itself) and {@code payload}. */
    public static byte[] jpegSegment(int marker, byte[] payload) {
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((payload.length + 2) >> 8),
                (byte) (payload.length + 2)}, payload);
    }

    /** A JPEG's marker segments from its start to its first start-of-scan, that included, or to where they break off. */
    public static java.util.List<JpegSegment> jpegSegments(byte[] jpeg) {
        java.util.List<JpegSegment> segments = new java.util.ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            if (at + 2 + length > jpeg.length) {
                break;
            }
            segments.add(new JpegSegment(marker, java.util.Arrays.copyOfRange(jpeg, at + 4, at + 2 + length)));
            if (marker == 0xDA) {
                break;
            }
            at += 2 + length;
        }
        return segments;
    }

    /** The bytes of a JPEG from its first start-of-scan to its end of image: the pixels as coded. */
    public static byte[] jpegScans(byte[] jpeg) {
        int start = 2;
        for (JpegSegment segment : jpegSegments(jpeg)) {
            if (segment.marker() == 0xDA) {
                break;
            }
            start += 4 + segment.payload().length;
        }
        int end = jpeg.length;
        while (end > start + 1 && !((jpeg[end - 2] & 0xFF) == 0xFF && (jpeg[end - 1] & 0xFF) == 0xD9)) {
            end--;
        }
        return java.util.Arrays.copyOfRange(jpeg, start, end);
    }

    /**
     * The entries of an EXIF segment's first directory, tag to the value in the entry itself (its first SHORT, or
     * the offset of a value that does not fit), in either byte order.
     */
    public static java.util.Map<Integer, Integer> exifEntries(byte[] app1Payload) {
        ByteBuffer tiff = ByteBuffer.wrap(app1Payload, 6, app1Payload.length - 6).slice()
                .order(app1Payload[6] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int directory = tiff.getInt(4);
        java.util.Map<Integer, Integer> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < (tiff.getShort(directory) & 0xFFFF); i++) {
            int entry = directory + 2 + 12 * i;
            int type = tiff.getShort(entry + 2);
            entries.put(tiff.getShort(entry) & 0xFFFF, type == 3 ? tiff.getShort(entry + 8) & 0xFFFF : tiff.getInt(entry + 8));
        }
        return entries;
    }

    /** @param marker 0xE1 for APP1 and so on */
    public record JpegSegment(int marker, byte[] payload) {

        public boolean startsWith(String prefix) {
            return new String(payload, StandardCharsets.ISO_8859_1).startsWith(prefix);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }
}
