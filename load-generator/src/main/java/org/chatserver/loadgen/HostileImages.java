package org.chatserver.loadgen;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The images of issue 8 that froze the server, and the costliest ones a hardened server still decodes,
 * made in memory. Small files: the cost is in what their headers announce.
 */
final class HostileImages {

    /** @param name a file name with the extension of what the bytes are */
    record Image(String name, String contentType, byte[] bytes) {
    }

    private HostileImages() {
    }

    /** The three files of the issue. */
    static List<Image> issue() {
        return List.of(
                new Image("progressive-10000x10000.jpg", "image/jpeg", progressiveJpegClaiming(10_000, 10_000)),
                new Image("png-1x100000000.png", "image/png", blackPng(1, 100_000_000, 8)),
                new Image("png16-10000x10000.png", "image/png", blackPng(10_000, 10_000, 16)));
    }

    /** A progressive JPEG and a PNG at the default limits: the most a hardened server still decodes. */
    static List<Image> atTheLimits() {
        return List.of(
                new Image("progressive-4000x3000.jpg", "image/jpeg", progressiveJpegClaiming(4000, 3000)),
                new Image("png-7680x4320.png", "image/png", blackPng(7680, 4320, 8)));
    }

    /** A 16 x 16 progressive JPEG whose frame header claims another size; its data ends long before. */
    static byte[] progressiveJpegClaiming(int width, int height) {
        BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(small, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC2) {
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
        }
        throw new IllegalStateException("the JDK's encoder wrote no progressive frame header");
    }

    /** An all-black RGB PNG, streamed row by row through the deflater: hundreds of MB of pixels in a few hundred KB. */
    static byte[] blackPng(int width, int height, int bitDepth) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
            byte[] row = new byte[1 + width * 3 * (bitDepth / 8)];
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
