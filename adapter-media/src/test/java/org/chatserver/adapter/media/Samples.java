package org.chatserver.adapter.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.chatserver.application.contract.TestImages;

/** Real files of every kind a client sends or an attacker tries, made in memory so the tests need no fixtures. */
public final class Samples {

    private Samples() {
    }

    // ---- images, written by the JDK's own encoders ----

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height, boolean alpha) {
        return write(picture(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB), "png");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    private static BufferedImage picture(int width, int height, int type) {
        return TestImages.picture(width, height, type);
    }

    private static byte[] write(BufferedImage image, String format) {
        return TestImages.write(image, format);
    }

    /**
     * A PNG of any size, all black, streamed row by row through the deflater: a 12000 x 12000 image costs
     * a 36 KB row here and about 400 KB on disk, the shape of a decompression bomb.
     */
    public static byte[] blackPng(int width, int height) {
        return blackPng(width, height, 8);
    }

    /** As {@link #blackPng(int, int)}, with 8 or 16 bits per channel. */
    public static byte[] blackPng(int width, int height, int bitDepth) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(), 1 << 16)) {
            byte[] row = new byte[1 + width * 3 * (bitDepth / 8)]; // filter byte 0 then RGB zeros
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return concat(pngHeader(width, height, bitDepth), TestImages.pngChunk("IDAT", idat.toByteArray()),
                TestImages.pngChunk("IEND", new byte[0]));
    }

    /** The signature and IHDR of an RGB PNG: all a decoder reads before the pixel data. */
    public static byte[] pngHeader(int width, int height, int bitDepth) {
        return TestImages.pngHeader(width, height, bitDepth);
    }

    /** A progressive JPEG as the JDK's encoder writes it: 10 scans. */
    public static byte[] progressiveJpeg(int width, int height) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(picture(width, height, BufferedImage.TYPE_INT_RGB), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The hostile file: a 16 x 16 progressive JPEG whose frame header claims {@code width} x
     * {@code height}. About 520 bytes; decoding 10000 x 10000 of it took 6 s of CPU and 290 MB.
     */
    public static byte[] progressiveJpegClaiming(int width, int height) {
        return jpegClaiming(progressiveJpeg(16, 16), width, height);
    }

    /** {@code jpeg} with its frame header (baseline or progressive) changed to claim another size. */
    public static byte[] jpegClaiming(byte[] jpeg, int width, int height) {
        byte[] changed = jpeg.clone();
        int sof = Math.min(markerOffset(changed, 0xC0), markerOffset(changed, 0xC2));
        if (sof == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("no frame header");
        }
        ByteBuffer.wrap(changed, sof + 5, 4).putShort((short) height).putShort((short) width);
        return changed;
    }

    /** A small progressive JPEG with its last scan repeated until it has {@code scans} scans. */
    public static byte[] progressiveJpegWithScans(int scans) {
        byte[] jpeg = progressiveJpeg(64, 64);
        int lastScan = jpeg.length - 2;
        while (!((jpeg[lastScan] & 0xFF) == 0xFF && (jpeg[lastScan + 1] & 0xFF) == 0xDA)) {
            lastScan--;
        }
        byte[] scan = Arrays.copyOfRange(jpeg, lastScan, jpeg.length - 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(Arrays.copyOf(jpeg, jpeg.length - 2));
        for (int i = 10; i < scans; i++) {
            bytes.writeBytes(scan);
        }
        bytes.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return bytes.toByteArray();
    }

    /** The JPEG up to and including its first start-of-scan segment: everything before the pixel data. */
    public static byte[] jpegHeader(byte[] jpeg) {
        int sos = markerOffset(jpeg, 0xDA);
        if (sos == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("no start of scan");
        }
        int length = (jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF);
        return Arrays.copyOf(jpeg, sos + 2 + length);
    }

    private static int markerOffset(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** A GIF's header, screen and first image descriptor for one {@code width} x {@code height} frame, up to its pixel data. */
    public static byte[] gifHeader(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(6 + 7 + 10 + 6 + 1).order(ByteOrder.LITTLE_ENDIAN);
        gif.put(ascii("GIF89a")).putShort((short) width).putShort((short) height) // logical screen,
                .put((byte) 0).put((byte) 0).put((byte) 0); // no global colour table
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0x80); // image descriptor with a local colour table of two entries:
        gif.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        gif.put((byte) 2); // LZW minimum code size; the data sub-blocks would follow
        return gif.array();
    }

    /**
     * A lossless WebP (VP8L) of one colour: five single-symbol prefix codes make every pixel cost zero
     * bits, so any size up to WebP's 16384 x 16384 fits in a hundred bytes.
     */
    public static byte[] webp(int width, int height, Color colour) {
        BitWriter bits = new BitWriter();
        bits.write(0x2f, 8); // VP8L signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // alpha unused
        bits.write(0, 3); // version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        for (int symbol : new int[] {colour.getGreen(), colour.getRed(), colour.getBlue(), 255}) {
            bits.write(1, 1); // simple code
            bits.write(0, 1); // one symbol
            bits.write(1, 1); // of eight bits
            bits.write(symbol, 8);
        }
        bits.write(1, 1); // distance code: simple,
        bits.write(0, 1); // one symbol,
        bits.write(0, 1); // of one bit:
        bits.write(0, 1); // 0
        byte[] packed = bits.toByteArray();
        // bit readers fetch bytes ahead of the bits they use: give them some, as real encoders' output does
        byte[] vp8l = Arrays.copyOf(packed, packed.length + 64);
        return riff("WEBP", chunk("VP8L", vp8l));
    }

    /**
     * {@link #webp} in the extended format as a camera or editor writes it: its header ({@code VP8X}) announcing EXIF
     * and XMP, then the image, an EXIF naming {@link TestImages#PHONE} and {@link TestImages#PLACE} (of odd length, so
     * padded) and XMP naming the place.
     */
    public static byte[] phoneWebp(int width, int height, Color colour) {
        byte[] image = Arrays.copyOfRange(webp(width, height, colour), 12, webp(width, height, colour).length);
        byte[] vp8x = concat(new byte[] {0x0C, 0, 0, 0}, Arrays.copyOf(le32(width - 1), 3), Arrays.copyOf(le32(height - 1), 3));
        return riff("WEBP", chunk("VP8X", vp8x), image,
                chunk("EXIF", ascii("MM\0*\0\0\0\b" + TestImages.PHONE + " GPS " + TestImages.PLACE + "!")),
                chunk("XMP ", ascii("<x:xmpmeta><photoshop:City>" + TestImages.PLACE + "</photoshop:City></x:xmpmeta>")));
    }

    /**
     * {@link #gif} as an editor leaves it: a looping extension ({@code NETSCAPE2.0}), a comment naming
     * {@link TestImages#PHONE} and XMP naming {@link TestImages#PLACE} before its image, and a trailer naming the
     * place after its end.
     */
    public static byte[] phoneGif(int width, int height) {
        byte[] gif = gif(width, height);
        int blocks = 13 + ((gif[10] & 0x80) == 0 ? 0 : 3 << ((gif[10] & 7) + 1));
        byte[] loop = concat(new byte[] {0x21, (byte) 0xFF, 11}, ascii("NETSCAPE2.0"), new byte[] {3, 1, 0, 0, 0});
        byte[] note = ascii("made with " + TestImages.PHONE);
        byte[] comment = concat(new byte[] {0x21, (byte) 0xFE, (byte) note.length}, note, new byte[] {0});
        byte[] xmp = ascii("<x:xmpmeta><photoshop:City>" + TestImages.PLACE + "</photoshop:City></x:xmpmeta>");
        byte[] xmpExtension = concat(new byte[] {0x21, (byte) 0xFF, 11}, ascii("XMP DataXMP"),
                new byte[] {(byte) xmp.length}, xmp, new byte[] {0});
        return concat(Arrays.copyOf(gif, blocks), loop, comment, xmpExtension,
                Arrays.copyOfRange(gif, blocks, gif.length), ascii("trailer: " + TestImages.PLACE));
    }

    // ---- audio and video containers ----

    /** An ISO base media file: ftyp with the given major and compatible brands, then an empty mdat. */
    public static byte[] isoMedia(String majorBrand, String... compatibleBrands) {
        ByteArrayOutputStream ftyp = new ByteArrayOutputStream();
        ftyp.writeBytes(ascii(majorBrand));
        ftyp.writeBytes(new byte[] {0, 0, 2, 0}); // minor version
        for (String brand : compatibleBrands) {
            ftyp.writeBytes(ascii(brand));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", ftyp.toByteArray()));
        file.writeBytes(box("free", new byte[0]));
        file.writeBytes(box("mdat", new byte[64]));
        return file.toByteArray();
    }

    /**
     * {@link #isoMedia} with the smallest movie a player reads, its header ({@code moov/mvhd}), after the samples: an
     * ISO media file is nothing a player plays without a movie.
     */
    public static byte[] isoMovie(String majorBrand, String... compatibleBrands) {
        byte[] mvhd = box("mvhd", new byte[4], new byte[8], int32(600), int32(1200), new byte[80]);
        return concat(isoMedia(majorBrand, compatibleBrands), box("moov", mvhd));
    }

    public static byte[] box(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body).array(); // ©xyz: the copyright sign is 0xA9
    }

    /** Where {@link #phoneVideo} was recorded, as ISO 6709 writes it. */
    public static final String VIDEO_PLACE = "+48.8606+002.3376";
    /** The creation time {@link #phoneVideo} gives its movie, track and media, in seconds since 1904. */
    public static final int VIDEO_TIME = 0xE2A1B3C4;

    /**
     * A video as a phone writes it: the movie's header and a track (with its times), their user data naming {@link
     * #VIDEO_PLACE} ({@code ©xyz}, in the media information too), the make and {@link TestImages#PHONE}, Apple's
     * metadata ({@code moov/meta}, {@code com.apple.quicktime.location.ISO6709}), XMP naming {@link TestImages#PLACE}
     * at the top level and in the track, a Canon camera's {@code uuid} box in the movie naming the phone and the place,
     * a Sony camera's XML ({@code uuid}) at the top level naming {@link TestImages#PLACE}, and 256 bytes of samples in
     * {@code mdat} that the track's chunk offset ({@code stco}) points at, placed before or after the movie ({@code
     * moov}), as a phone does while recording.
     */
    public static byte[] phoneVideo(String brand, boolean movieFirst) {
        byte[] ftyp = box("ftyp", ascii(brand), new byte[] {0, 0, 2, 0}, ascii(brand), ascii("isom"));
        byte[] samples = new byte[256];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (i * 7 + 3);
        }
        byte[] mdat = box("mdat", samples);
        byte[] xmp = box("uuid", HexFormat.of().parseHex("BE7ACFCB97A942E89C71999491E3AFAC"),
                ascii("<x:xmpmeta><photoshop:City>" + TestImages.PLACE + "</photoshop:City></x:xmpmeta>"));
        // a Sony camera's XML, which names the device and the place
        byte[] sony = box("uuid", HexFormat.of().parseHex("50524F4621D24FCEBB88695CFAC9C740"),
                ascii("<NonRealTimeMeta><Device manufacturer=\"Sony\"/><Location>" + TestImages.PLACE
                        + "</Location></NonRealTimeMeta>"));
        int movieLength = movie(0).length;
        int offset = ftyp.length + (movieFirst ? movieLength : 0) + 8;
        return movieFirst ? concat(ftyp, movie(offset), mdat, xmp, sony) : concat(ftyp, mdat, movie(offset), xmp, sony);
    }

    private static byte[] movie(int chunkOffset) {
        byte[] time = ByteBuffer.allocate(4).putInt(VIDEO_TIME).array();
        byte[] mvhd = box("mvhd", new byte[4], time, time, int32(600), int32(1200), new byte[80]);
        byte[] udta = box("udta",
                box("©xyz", new byte[] {0, (byte) (VIDEO_PLACE.length() + 1), 0x15, (byte) 0xC7}, ascii(VIDEO_PLACE + "/")),
                box("©mak", new byte[] {0, 5, 0x15, (byte) 0xC7}, ascii("Apple")),
                box("©mod", new byte[] {0, (byte) TestImages.PHONE.length(), 0x15, (byte) 0xC7}, ascii(TestImages.PHONE)));
        byte[] meta = box("meta",
                box("hdlr", new byte[8], ascii("mdta"), new byte[13]),
                box("keys", new byte[4], int32(2),
                        box("mdta", ascii("com.apple.quicktime.location.ISO6709")),
                        box("mdta", ascii("com.apple.quicktime.model"))),
                box("ilst",
                        box(new String(new char[] {0, 0, 0, 1}), box("data", int32(1), new byte[4],
                                ascii(VIDEO_PLACE + "+035.000/"))),
                        box(new String(new char[] {0, 0, 0, 2}), box("data", int32(1), new byte[4],
                                ascii(TestImages.PHONE)))));
        byte[] longTime = ByteBuffer.allocate(8).putLong(VIDEO_TIME & 0xFFFFFFFFL).array();
        byte[] tkhd = box("tkhd", new byte[] {1, 0, 0, 3}, longTime, longTime, int32(1), new byte[4],
                new byte[8], new byte[60]);
        byte[] mdhd = box("mdhd", new byte[4], time, time, int32(600), int32(1200), new byte[4]);
        byte[] stbl = box("stbl", box("stco", new byte[4], int32(1), int32(chunkOffset)));
        // some writers put the media's user data in its media information
        byte[] mediaUdta = box("udta", box("©xyz", new byte[] {0, (byte) (VIDEO_PLACE.length() + 1), 0x15,
                (byte) 0xC7}, ascii(VIDEO_PLACE + "/")));
        byte[] mdia = box("mdia", mdhd, box("hdlr", new byte[8], ascii("vide"), new byte[13]),
                box("minf", stbl, mediaUdta));
        byte[] trackXmp = box("udta", box("XMP_", ascii("<photoshop:City>" + TestImages.PLACE + "</photoshop:City>")));
        // a Canon camera's own box: its make and model (CMT1, TIFF) and GPS position (CMT4)
        byte[] canon = box("uuid", HexFormat.of().parseHex("85C0B687820F11E08111F4CE462B6A48"),
                box("CMT1", ascii("II*\0Canon " + TestImages.PHONE)), box("CMT4", ascii("II*\0" + VIDEO_PLACE)));
        return box("moov", mvhd, udta, meta, box("trak", tkhd, mdia, trackXmp), canon);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    /** A PCM WAVE: 8 kHz mono 16-bit, 100 ms of silence. */
    public static byte[] wav() {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        return riff("WAVE", chunk("fmt ", fmt.array()), chunk("data", new byte[1600]));
    }

    /** An AVI: RIFF 'AVI ' with a header list holding a main AVI header, then an empty movie list. */
    public static byte[] avi() {
        ByteBuffer avih = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(40000).putInt(0).putInt(0).putInt(0x10).putInt(1).putInt(0).putInt(1).putInt(0)
                .putInt(16).putInt(16);
        byte[] hdrl = concat(ascii("hdrl"), chunk("avih", avih.array()));
        return riff("AVI ", chunk("LIST", hdrl), chunk("LIST", ascii("movi")));
    }

    /**
     * {@link #wav}'s format as a recorder or an editor leaves it, with sound that is not silence ({@link #wavSamples})
     * and a cue point, among an INFO list (artist {@link TestImages#PHONE}, a comment naming {@link TestImages#PLACE}
     * of odd length, so padded, software and date), a broadcast extension ({@code bext}: originator and description),
     * {@code iXML}, an ID3 tag ({@code id3 }) and XMP ({@code _PMX}) naming them, the samples between.
     */
    public static byte[] phoneWav() {
        byte[] info = concat(ascii("INFO"), chunk("IART", ascii(TestImages.PHONE + "\0")),
                chunk("ICMT", ascii("recorded at " + TestImages.PLACE)), chunk("ISFT", ascii("Recorder 5.1\0")),
                chunk("ICRD", ascii("2026-12-06\0")));
        byte[] bext = concat(Arrays.copyOf(ascii("Interview at " + TestImages.PLACE), 256),
                Arrays.copyOf(ascii(TestImages.PHONE), 32), new byte[32], ascii("2026-12-0610:42:00"), new byte[264]);
        byte[] cue = concat(le32(1), le32(1), le32(0), ascii("data"), le32(0), le32(0), le32(400));
        return riff("WAVE", chunk("fmt ", Arrays.copyOfRange(wav(), 20, 36)), chunk("LIST", info),
                chunk("bext", bext), chunk("iXML", ascii("<BWFXML><NOTE>" + TestImages.PLACE + "</NOTE></BWFXML>")),
                chunk("data", wavSamples()), chunk("cue ", cue),
                chunk("id3 ", id3v2(0, id3Frame("TPE1", concat(new byte[] {0}, ascii(TestImages.PHONE))))),
                chunk("_PMX", ascii("<x:xmpmeta><photoshop:City>" + TestImages.PLACE + "</photoshop:City></x:xmpmeta>")));
    }

    /** 800 samples of {@link #phoneWav}: a ramp, every byte value. */
    public static byte[] wavSamples() {
        byte[] samples = new byte[1600];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (i * 7);
        }
        return samples;
    }

    /**
     * An AVI as a camera leaves it: a header list with a main header, a stream list (header, format and a stream name
     * naming {@link TestImages#PHONE}) and the date it was shot ({@code IDIT}); an INFO list naming the phone and
     * {@link TestImages#PLACE}; filler; a movie list of two frames (the first of odd size, so padded) and its index.
     */
    public static byte[] phoneAvi() {
        byte[] avih = Arrays.copyOfRange(avi(), 32, 88);
        byte[] strh = concat(ascii("vidsMJPG"), new byte[48]);
        byte[] strf = concat(le32(40), le32(16), le32(16), new byte[28]);
        byte[] strl = concat(ascii("strl"), chunk("strh", strh), chunk("strf", strf),
                chunk("strn", ascii(TestImages.PHONE + " video\0")));
        byte[] hdrl = concat(ascii("hdrl"), chunk("avih", avih), chunk("LIST", strl),
                chunk("IDIT", ascii("SUN DEC 06 10:42:00 2026\n\0")));
        byte[] info = concat(ascii("INFO"), chunk("ISFT", ascii(TestImages.PHONE)),
                chunk("ICMT", ascii("shot at " + TestImages.PLACE)));
        byte[] movi = concat(ascii("movi"), chunk("00dc", ascii("frame")), chunk("00dc", ascii("next")));
        byte[] idx1 = concat(ascii("00dc"), le32(0x10), le32(4), le32(5), ascii("00dc"), le32(0x10), le32(18), le32(4));
        return riff("AVI ", chunk("LIST", hdrl), chunk("LIST", info), chunk("JUNK", new byte[12]),
                chunk("LIST", movi), chunk("idx1", idx1));
    }

    /** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes each), optionally behind an empty ID3v2.4 tag. */
    public static byte[] mp3(boolean id3) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        if (id3) {
            file.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        }
        for (int frame = 0; frame < 3; frame++) {
            byte[] bytes = new byte[417];
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xFB;
            bytes[2] = (byte) 0x90;
            bytes[3] = (byte) 0x64;
            file.writeBytes(bytes);
        }
        return file.toByteArray();
    }

    /**
     * {@link #mp3}'s frames between the tags a recorder or a music library writes: an ID3v2.3 tag (title, artist
     * {@link TestImages#PHONE}, a comment naming {@link TestImages#PLACE}, a picture) with padding, and at the end an
     * extended ID3v1 tag ({@code TAG+}) and an ID3v1 tag naming {@link #MP3_END_PLACE}.
     */
    public static byte[] taggedMp3() {
        byte[] frames = concat(id3Frame("TIT2", concat(new byte[] {0}, ascii("Voice memo"))),
                id3Frame("TPE1", concat(new byte[] {0}, ascii(TestImages.PHONE))),
                id3Frame("COMM", concat(new byte[] {0}, ascii("eng\0recorded at " + TestImages.PLACE))),
                id3Frame("APIC", concat(new byte[] {0}, ascii("image/jpeg\0\3\0"), jpeg(8, 8))));
        byte[] extended = Arrays.copyOf(concat(ascii("TAG+"), ascii(TestImages.PHONE)), 227);
        byte[] v1 = Arrays.copyOf(concat(ascii("TAG"), ascii(MP3_END_PLACE)), 128);
        return concat(id3v2(0, concat(frames, new byte[100])), mp3(false), extended, v1);
    }

    /** The place {@link #taggedMp3}'s ID3v1 tag names. */
    public static final String MP3_END_PLACE = "Quai Branly";

    /** An ID3v2.3 tag around {@code body} (frames and padding); flags 0x10 says a footer follows in v2.4. */
    public static byte[] id3v2(int flags, byte[] body) {
        int size = body.length;
        return concat(new byte[] {'I', 'D', '3', 3, 0, (byte) flags,
                (byte) (size >>> 21 & 0x7F), (byte) (size >>> 14 & 0x7F), (byte) (size >>> 7 & 0x7F), (byte) (size & 0x7F)},
                body);
    }

    /**
     * An APEv2 tag (as foobar2000, Mp3tag or MP3Gain write at an MP3's end) of {@code keysAndValues}, its 32-byte
     * footer "APETAGEX" giving its size, with a header of the same shape before the items when {@code header}.
     */
    public static byte[] apeTag(boolean header, String... keysAndValues) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            byte[] value = keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8);
            items.writeBytes(le32(value.length));
            items.writeBytes(le32(0));
            items.writeBytes(ascii(keysAndValues[i] + "\0"));
            items.writeBytes(value);
        }
        int size = items.size() + 32;
        int count = keysAndValues.length / 2;
        int flags = header ? 0x80000000 : 0;
        byte[] footer = concat(ascii("APETAGEX"), le32(2000), le32(size), le32(count), le32(flags), new byte[8]);
        byte[] head = header
                ? concat(ascii("APETAGEX"), le32(2000), le32(size), le32(count), le32(flags | 0x20000000), new byte[8])
                : new byte[0];
        return concat(head, items.toByteArray(), footer);
    }

    /** A Lyrics3 v2 tag: "LYRICSBEGIN", fields of a 3-letter name and a 5-digit size, its 6-digit size, "LYRICS200". */
    public static byte[] lyrics3v2(String lyrics) {
        byte[] body = concat(ascii("LYRICSBEGIN"), ascii("IND00002" + "10"),
                ascii("LYR" + "%05d".formatted(lyrics.length()) + lyrics));
        return concat(body, ascii("%06d".formatted(body.length)), ascii("LYRICS200"));
    }

    /** A Lyrics3 v1 tag: "LYRICSBEGIN", the lyrics, "LYRICSEND", no size. */
    public static byte[] lyrics3v1(String lyrics) {
        return ascii("LYRICSBEGIN" + lyrics + "LYRICSEND");
    }

    private static byte[] id3Frame(String id, byte[] content) {
        return concat(ascii(id), int32(content.length), new byte[2], content);
    }

    private static byte[] riff(String form, byte[]... chunks) {
        byte[] body = concat(ascii(form), concat(chunks));
        return concat(ascii("RIFF"), le32(body.length), body);
    }

    private static byte[] chunk(String id, byte[] data) {
        byte[] padded = data.length % 2 == 0 ? data : Arrays.copyOf(data, data.length + 1);
        return concat(ascii(id), le32(data.length), padded);
    }

    // ---- documents ----

    public static byte[] pdf() {
        return ascii("""
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """);
    }

    /** A WordprocessingML package as Word writes it: content types first, then the relationships and the body. */
    public static byte[] docx() {
        return officePackage("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    }

    /** An Office Open XML package as Office writes it, its main part of {@code mainContentType}. */
    public static byte[] officePackage(String mainContentType) {
        return zip(
                "[Content_Types].xml", contentTypes(mainContentType, ""),
                "_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                        </Relationships>""",
                "word/document.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                        <w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>""");
    }

    /** An Office package's content types, its main part's of {@code mainContentType}, then {@code more} lines. */
    private static String contentTypes(String mainContentType, String more) {
        return contentTypes("word/document.xml", mainContentType, more);
    }

    private static String contentTypes(String mainPart, String mainContentType, String more) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/%s" ContentType="%s"/>
                %s</Types>""".formatted(mainPart, mainContentType, more);
    }

    /** Who wrote {@link #docxWithProperties}, in its core properties, and for whom, in its extended ones. */
    public static final String AUTHOR = "Ann Author-Smith";
    public static final String COMPANY = "Initech Secret Division";

    /**
     * A WordprocessingML package as Word saves it, with its properties: the author, last modified by and dates in
     * {@code docProps/core.xml}, the company, manager and editing time in {@code docProps/app.xml}, a custom property
     * in {@code docProps/custom.xml}; written by {@link ZipOutputStream}, each entry's sizes after its data.
     */
    public static byte[] docxWithProperties() {
        return officeWithProperties("word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                        <w:body><w:p><w:r><w:t>The quarterly figures are attached.</w:t></w:r></w:p></w:body></w:document>""");
    }

    /** A spreadsheet as Excel saves it, with the properties of {@link #docxWithProperties}. */
    public static byte[] xlsxWithProperties() {
        return officeWithProperties("xl/workbook.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">                        <sheets><sheet name="Q4 figures" sheetId="1"/></sheets></workbook>""");
    }

    /** A presentation as PowerPoint saves it, with the properties of {@link #docxWithProperties}. */
    public static byte[] pptxWithProperties() {
        return officeWithProperties("ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">                        <p:sldSz cx="12192000" cy="6858000"/></p:presentation>""");
    }

    /**
     * An Office Open XML package whose main part {@code mainPart} holds {@code mainXml}, with the properties of
     * {@link #docxWithProperties}.
     */
    public static byte[] officeWithProperties(String mainPart, String mainContentType, String mainXml) {
        return zip(
                "[Content_Types].xml", contentTypes(mainPart, mainContentType, """
                        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
                        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
                        <Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>
                        """),
                "_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/>
                        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
                        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
                        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>
                        </Relationships>""".formatted(mainPart),
                mainPart, mainXml,
                "docProps/core.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                        <dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy>
                        <dcterms:created xsi:type="dcterms:W3CDTF">2026-11-30T08:15:00Z</dcterms:created>
                        <dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-06T17:42:00Z</dcterms:modified>
                        </cp:coreProperties>""".formatted(AUTHOR, AUTHOR),
                "docProps/app.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
                        <Template>Normal.dotm</Template><TotalTime>93</TotalTime><Application>Microsoft Office Word</Application>
                        <Company>%s</Company><Manager>Bill Lumbergh</Manager></Properties>""".formatted(COMPANY),
                "docProps/custom.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
                        <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>%s</vt:lpwstr></property>
                        </Properties>""".formatted(COMPANY));
    }

    /** Who reviewed {@link #docxWithReview}: the author of its comments and tracked changes. */
    public static final String REVIEWER = "Rita Reviewer";
    /** The account {@link #REVIEWER} is known by in {@code word/people.xml}. */
    public static final String REVIEWER_ACCOUNT = "rita.reviewer@initech.example";

    /**
     * A Word document as Word saves it after a review: a comment and tracked changes (an insertion, a deletion, a
     * change of format, in the body and in a header) by {@link #REVIEWER} with their dates, the reviewer's account
     * in {@code word/people.xml}, a document management system's {@code customXml} item and a thumbnail of the
     * first page, each with its relationship and content type; written by {@link ZipOutputStream}.
     */
    public static byte[] docxWithReview() {
        String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        String when = "w:date=\"2026-12-05T09:30:00Z\"";
        return zip(withCompanyParts(
                "[Content_Types].xml", contentTypes(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", """
                        <Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
                        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
                        <Override PartName="/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/>
                        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
                        """ + COMPANY_TYPES),
                "_rels/.rels", packageRelationships("word/document.xml"),
                "word/_rels/document.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>                        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>                        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>                        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>                        <Relationship Id="rId5" Type="http://schemas.microsoft.com/office/2011/relationships/people" Target="people.xml"/>                        <Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/people.xml" TargetMode="External"/>                        </Relationships>""",
                "word/document.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:document %1$s><w:body>                        <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>The quarterly figures are attached.</w:t></w:r>                        <w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>                        <w:ins w:id="1" w:author="%2$s" %3$s><w:r><w:t xml:space="preserve"> Revenue grew.</w:t></w:r></w:ins>                        <w:del w:id="2" w:author='%2$s' %3$s><w:r><w:delText>Costs fell.</w:delText></w:r></w:del>                        <w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="%2$s" %3$s><w:rPr/></w:rPrChange></w:rPr>                        <w:t>Bold &lt;now&gt;.</w:t></w:r></w:p>                        <!-- w:author="kept in a comment" --><w:sectPr><w:headerReference w:type="default" r:id="rId4"                         xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>                        </w:body></w:document>""".formatted(w, REVIEWER, when),
                "word/comments.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:comments %1$s><w:comment w:id="0" w:author="%2$s" %3$s w:initials="RR">                        <w:p><w:r><w:t>Please check these numbers.</w:t></w:r></w:p></w:comment></w:comments>                        """.formatted(w, REVIEWER, when),
                "word/header1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:hdr %1$s><w:p><w:ins w:id="4" w:author="%2$s" %3$s><w:r><w:t>Draft</w:t></w:r></w:ins>                        </w:p></w:hdr>""".formatted(w, REVIEWER, when),
                "word/people.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">                        <w15:person w15:author="%s"><w15:presenceInfo w15:providerId="AD" w15:userId="%s"/>                        </w15:person></w15:people>""".formatted(REVIEWER, REVIEWER_ACCOUNT),
                "word/styles.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:styles %s><w:style w:type="paragraph" w:default="1" w:styleId="Normal">                        <w:name w:val="Normal"/></w:style></w:styles>""".formatted(w)));
    }

    /** The content types of {@link #withCompanyParts}' parts. */
    private static final String COMPANY_TYPES = """
            <Default Extension="jpeg" ContentType="image/jpeg"/>
            <Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>
            """;

    /** A package's own relationships: to its main part and to the thumbnail of {@link #withCompanyParts}. */
    private static String packageRelationships(String mainPart) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/>\
                </Relationships>""".formatted(mainPart);
    }

    /**
     * {@code namesAndContents}, then a document management system's {@code customXml} item naming
     * {@link #REVIEWER_ACCOUNT} and a thumbnail of the first page, as Office adds them to any of its packages.
     */
    private static String[] withCompanyParts(String... namesAndContents) {
        String[] company = {
                "customXml/item1.xml", "<dms><owner>" + REVIEWER_ACCOUNT + "</owner><matter>4711</matter></dms>",
                "customXml/itemProps1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                        <ds:datastoreItem ds:itemID="{6B1F9C1E-0000-4000-8000-000000000001}"                         xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>""",
                "customXml/_rels/item1.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/>                        </Relationships>""",
                "docProps/thumbnail.jpeg", "first page of " + REVIEWER + "'s draft"};
        String[] all = Arrays.copyOf(namesAndContents, namesAndContents.length + company.length);
        System.arraycopy(company, 0, all, namesAndContents.length, company.length);
        return all;
    }

    /** When {@link #REVIEWER} commented on and changed the Excel, PowerPoint and OpenDocument samples. */
    public static final String REVIEW_DATE = "2026-12-05T09:30:00";

    /**
     * A spreadsheet as Excel saves it after a review: a note (a legacy comment, its author in the comments' list of
     * authors) by {@link #REVIEWER}, a threaded comment by them with its date, their name and account in
     * {@code xl/persons/person.xml}, the threaded comment's legacy copy written by "tc={its id}", and the parts of
     * {@link #withCompanyParts}, each with its relationship and content type.
     */
    public static byte[] xlsxWithReview() {
        String main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
        String threaded = "xmlns=\"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments\"";
        String relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        return zip(withCompanyParts(
                "[Content_Types].xml", contentTypes("xl/workbook.xml",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", """
                        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                        <Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>
                        <Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>
                        <Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>
                        """ + COMPANY_TYPES),
                "_rels/.rels", packageRelationships("xl/workbook.xml"),
                "xl/workbook.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <workbook %s><sheets><sheet name="Q4 figures" sheetId="1" r:id="rId1" \
                        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>\
                        """.formatted(main),
                "xl/_rels/workbook.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                        <Relationship Id="rId1" Type="%1$sworksheet" Target="worksheets/sheet1.xml"/>\
                        <Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>\
                        <Relationship Id="rId3" Type="%1$scustomXml" Target="../customXml/item1.xml"/>\
                        </Relationships>""".formatted(relationship),
                "xl/worksheets/sheet1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <worksheet %s><sheetData><row r="2"><c r="B2"><v>4711</v></c><c r="C2"><v>42</v></c></row>\
                        </sheetData></worksheet>""".formatted(main),
                "xl/worksheets/_rels/sheet1.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                        <Relationship Id="rId1" Type="%1$scomments" Target="../comments1.xml"/>\
                        <Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" \
                        Target="../threadedComments/threadedComment1.xml"/></Relationships>""".formatted(relationship),
                "xl/comments1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <comments %1$s><authors><author>tc={3D4C2B1A-0000-4000-8000-000000000002}</author>\
                        <author>%2$s</author></authors><commentList>\
                        <comment ref="B2" authorId="1"><text><t>Please check these numbers.</t></text></comment>\
                        <comment ref="C2" authorId="0"><text><t>[Threaded comment] Is this final?</t></text></comment>\
                        </commentList></comments>""".formatted(main, REVIEWER),
                "xl/threadedComments/threadedComment1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <ThreadedComments %s><threadedComment ref="C2" dT="%s.00" \
                        personId="{5B1F9C1E-0000-4000-8000-000000000003}" id="{3D4C2B1A-0000-4000-8000-000000000002}">\
                        <text>Is this final?</text></threadedComment></ThreadedComments>""".formatted(threaded, REVIEW_DATE),
                "xl/persons/person.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <personList %s><person displayName="%s" id="{5B1F9C1E-0000-4000-8000-000000000003}" \
                        userId="%s" providerId="AD"/></personList>""".formatted(threaded, REVIEWER, REVIEWER_ACCOUNT)));
    }

    /**
     * A presentation as PowerPoint saves it after a review: a legacy comment by {@link #REVIEWER} with its date, its
     * author's name and initials in {@code ppt/commentAuthors.xml}, a modern comment with its date, its author's name,
     * initials and account in {@code ppt/authors.xml}, and the parts of {@link #withCompanyParts}.
     */
    public static byte[] pptxWithReview() {
        String p = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
        String p188 = "xmlns:p188=\"http://schemas.microsoft.com/office/powerpoint/2018/8/main\"";
        String relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        String author = "{7E2D3C4B-0000-4000-8000-000000000004}";
        return zip(withCompanyParts(
                "[Content_Types].xml", contentTypes("ppt/presentation.xml",
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", """
                        <Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>
                        <Override PartName="/ppt/commentAuthors.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/>
                        <Override PartName="/ppt/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.comments+xml"/>
                        <Override PartName="/ppt/authors.xml" ContentType="application/vnd.ms-powerpoint.authors+xml"/>
                        <Override PartName="/ppt/comments/modernComment_100_1A2B3C4D.xml" ContentType="application/vnd.ms-powerpoint.comments+xml"/>
                        """ + COMPANY_TYPES),
                "_rels/.rels", packageRelationships("ppt/presentation.xml"),
                "ppt/presentation.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p:presentation %s><p:sldIdLst><p:sldId id="256" r:id="rId1" \
                        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></p:sldIdLst>\
                        <p:sldSz cx="12192000" cy="6858000"/></p:presentation>""".formatted(p),
                "ppt/_rels/presentation.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                        <Relationship Id="rId1" Type="%1$sslide" Target="slides/slide1.xml"/>\
                        <Relationship Id="rId2" Type="%1$scommentAuthors" Target="commentAuthors.xml"/>\
                        <Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2018/10/relationships/authors" Target="authors.xml"/>\
                        <Relationship Id="rId4" Type="%1$scustomXml" Target="../customXml/item1.xml"/>\
                        </Relationships>""".formatted(relationship),
                "ppt/slides/slide1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p:sld %s><p:cSld><p:spTree/></p:cSld></p:sld>""".formatted(p),
                "ppt/slides/_rels/slide1.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                        <Relationship Id="rId1" Type="%scomments" Target="../comments/comment1.xml"/>\
                        <Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2018/10/relationships/comments" \
                        Target="../comments/modernComment_100_1A2B3C4D.xml"/></Relationships>""".formatted(relationship),
                "ppt/commentAuthors.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p:cmAuthorLst %s><p:cmAuthor id="1" name="%s" initials="RR" lastIdx="1" clrIdx="0"/>\
                        </p:cmAuthorLst>""".formatted(p, REVIEWER),
                "ppt/comments/comment1.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p:cmLst %s><p:cm authorId="1" dt="%s.000" idx="1"><p:pos x="10" y="10"/>\
                        <p:text>Please check these numbers.</p:text></p:cm></p:cmLst>""".formatted(p, REVIEW_DATE),
                "ppt/authors.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p188:authorLst %s><p188:author id="%s" name="%s" initials="RR" userId="%s" \
                        providerId="AD"/></p188:authorLst>""".formatted(p188, author, REVIEWER, REVIEWER_ACCOUNT),
                "ppt/comments/modernComment_100_1A2B3C4D.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <p188:cmLst %s><p188:cm id="{9A8B7C6D-0000-4000-8000-000000000005}" authorId="%s" \
                        created="%s.123"><p188:txBody><a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">\
                        <a:r><a:t>Is this final?</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>\
                        """.formatted(p188, author, REVIEW_DATE)));
    }

    /**
     * An OpenDocument file of type {@code mimetype} as LibreOffice saves it: its {@code mimetype} first and stored,
     * then its content, its {@code meta.xml} with {@link #AUTHOR} as its creator and the dates it was made, edited
     * and printed, and its manifest.
     */
    public static byte[] openDocument(String mimetype) {
        return openDocument(mimetype, new String[0][]);
    }

    /** {@link #openDocument(String)} with {@code more} entries after its own, each a name and its content. */
    public static byte[] openDocument(String mimetype, String[]... more) {
        return openDocument(mimetype, """
                <office:body><office:text><text:p>The quarterly figures are attached.</text:p>\
                </office:text></office:body>""", "", more);
    }

    /**
     * An OpenDocument file of type {@code mimetype} as LibreOffice saves it after a review: in its content an
     * annotation (a comment) and a tracked change by {@link #REVIEWER}, each with its date and the annotation with
     * their initials, and a thumbnail of the first page, listed in the manifest; with the {@code meta.xml} of
     * {@link #openDocument(String)}.
     */
    public static byte[] openDocumentWithReview(String mimetype) {
        String annotation = """
                <office:annotation><dc:creator>%1$s</dc:creator><dc:date>%2$s.123456789</dc:date>\
                <meta:creator-initials>RR</meta:creator-initials><text:p>Please check these numbers.</text:p>\
                </office:annotation>""".formatted(REVIEWER, REVIEW_DATE);
        String changeInfo = """
                <office:change-info><dc:creator>%s</dc:creator><dc:date>%s</dc:date></office:change-info>\
                """.formatted(REVIEWER, REVIEW_DATE);
        String body = switch (mimetype.substring(mimetype.lastIndexOf('.') + 1)) {
            case "text" -> """
                    <office:body><office:text><text:tracked-changes><text:changed-region text:id="ct1">\
                    <text:insertion>%s</text:insertion></text:changed-region></text:tracked-changes>\
                    <text:p>The quarterly figures are attached.%s<text:change-start text:change-id="ct1"/>Revenue grew.\
                    <text:change-end text:change-id="ct1"/></text:p></office:text></office:body>\
                    """.formatted(changeInfo, annotation);
            case "spreadsheet" -> """
                    <office:body><office:spreadsheet><table:tracked-changes><table:cell-content-change table:id="ct1">\
                    <table:cell-address table:column="0" table:row="0" table:table="0"/>%s<table:previous>\
                    <table:change-track-table-cell office:value-type="float" office:value="42"><text:p>42</text:p>\
                    </table:change-track-table-cell></table:previous></table:cell-content-change></table:tracked-changes>\
                    <table:table table:name="Q4 figures"><table:table-row><table:table-cell office:value-type="float" \
                    office:value="4711">%s<text:p>4711</text:p></table:table-cell></table:table-row></table:table>\
                    </office:spreadsheet></office:body>""".formatted(changeInfo, annotation);
            default -> """
                    <office:body><office:presentation><draw:page draw:name="page1">%s</draw:page>\
                    </office:presentation></office:body>""".formatted(annotation.replace("office:annotation",
                    "officeooo:annotation"));
        };
        return openDocument(mimetype, body, """
                <manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>\
                """, new String[] {"Thumbnails/thumbnail.png", "first page of " + REVIEWER + "'s draft"});
    }

    /**
     * An OpenDocument file whose content is {@code body}, whose manifest lists {@code manifestEntries} after its own,
     * with {@code more} entries after its own.
     */
    private static byte[] openDocument(String mimetype, String body, String manifestEntries, String[]... more) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] type = mimetype.getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(type.length);
            CRC32 crc = new CRC32();
            crc.update(type);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(type);
            zip.closeEntry();
            for (String[] entry : new String[][] {
                    {"content.xml", """
                            <?xml version="1.0" encoding="UTF-8"?>
                            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
                            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
                            xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
                            xmlns:officeooo="http://openoffice.org/2009/office" xmlns:dc="http://purl.org/dc/elements/1.1/" \
                            xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">\
                            %s</office:document-content>""".formatted(body)},
                    {"meta.xml", """
                            <?xml version="1.0" encoding="UTF-8"?>
                            <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"                             xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"                             xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>                            <meta:initial-creator>%1$s</meta:initial-creator><dc:creator>%1$s</dc:creator>                            <meta:creation-date>2026-11-30T08:15:00</meta:creation-date>                            <dc:date>2026-12-06T17:42:00</dc:date><meta:print-date>2026-12-06T17:45:00</meta:print-date>                            <meta:editing-duration>PT1H33M</meta:editing-duration>                            <meta:generator>LibreOffice/24.2.7.2$Linux_X86_64</meta:generator>                            </office:meta></office:document-meta>""".formatted(AUTHOR)},
                    {"META-INF/manifest.xml", """
                            <?xml version="1.0" encoding="UTF-8"?>
                            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"                             manifest:version="1.3"><manifest:file-entry manifest:full-path="/"                             manifest:media-type="%s"/><manifest:file-entry manifest:full-path="content.xml"                             manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml"                             manifest:media-type="text/xml"/>%s</manifest:manifest>""".formatted(mimetype, manifestEntries)}}) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (String[] entry : more) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip as {@link ZipOutputStream} writes it, each entry deflated with its sizes after its data. */
    public static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entries of {@code zip} by name, in order, as {@link ZipInputStream} reads them. */
    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** An OLE2 compound file header (what .doc/.xls/.ppt share), version 3 with 512-byte sectors. */
    public static byte[] ole2() {
        ByteBuffer header = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        header.position(24);
        header.putShort((short) 0x3E).putShort((short) 3).putShort((short) 0xFFFE).putShort((short) 9).putShort((short) 6);
        return header.array();
    }

    public static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- executables ----

    /** The 64-byte header of an x86-64 Linux executable. */
    public static byte[] elf() {
        byte[] bytes = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, bytes, 0, 8);
        bytes[16] = 2; // ET_EXEC
        bytes[18] = 0x3e; // x86-64
        return bytes;
    }

    /** A DOS stub pointing at a PE header, as every Windows .exe starts. */
    public static byte[] windowsExe() {
        ByteBuffer exe = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        exe.put((byte) 'M').put((byte) 'Z').putShort((short) 0x90);
        exe.position(0x3c);
        exe.putInt(0x80);
        exe.position(0x4e);
        exe.put(ascii("This program cannot be run in DOS mode."));
        exe.position(0x80);
        exe.put(ascii("PE")).put((byte) 0).put((byte) 0);
        return exe.array();
    }

    // ---- helpers ----

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] concat(byte[]... parts) {
        return TestImages.concat(parts);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    /** LSB-first bit packing, as VP8L reads it. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >>> i) & 1) << used;
                if (++used == 8) {
                    bytes.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            return used == 0 ? bytes.toByteArray() : concat(bytes.toByteArray(), new byte[] {(byte) current});
        }
    }
}
