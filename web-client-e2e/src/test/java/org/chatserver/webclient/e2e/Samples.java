package org.chatserver.webclient.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Small real files for uploads, made here rather than shipped. */
final class Samples {

    private Samples() {
    }

    /** A 3 × 2 PNG. */
    static byte[] png() {
        return png(3, 2);
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / Math.max(1, width - 1)) << 16 | (y * 255 / Math.max(1, height - 1)) << 8 | 0x90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The PNG as numbers, to hand to a page script (which builds a File of them). */
    static List<Integer> pngAsInts() {
        List<Integer> values = new ArrayList<>();
        for (byte b : png()) {
            values.add(b & 0xff);
        }
        return values;
    }
}
