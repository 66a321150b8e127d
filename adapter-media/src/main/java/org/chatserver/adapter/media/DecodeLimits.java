package org.chatserver.adapter.media;

import java.util.Locale;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;

/**
 * How large an image the server decodes, checked against the header before any pixel is decoded.
 *
 * @param maxPixels            any image; the default, 7680 x 4320 (33.2 megapixels), is Mattermost's
 *                             (Synapse takes 32 megapixels): beyond any phone's camera in its usual mode
 * @param maxWholeImagePixels  a JPEG the decoder must hold whole (progressive, or in several scans),
 *                             whose cost grows with pixels times scans, not with the file's size
 */
record DecodeLimits(long maxPixels, long maxWholeImagePixels) {

    static final long DEFAULT_MAX_PIXELS = 7680L * 4320L;

    /** A 12-megapixel phone photo saved as a progressive JPEG: about 0.75 s of one core here. */
    static final long DEFAULT_MAX_PROGRESSIVE_PIXELS = 4000L * 3000L;

    /**
     * TwelveMonkeys' WebP decoder fills a raster of the full source size before it subsamples, so WebP
     * memory grows with the source: 4096 x 4096 (64 MiB of pixels) is the most we let it take. Stickers
     * and phone exports stay far below; WebP itself allows 16384 x 16384 (1 GiB).
     */
    static final long MAX_WEBP_PIXELS = 4096L * 4096L;

    /**
     * Encoders write 10 scans or fewer (libjpeg's progression has 10 for colour); each scan is another
     * pass over every block, and a scan costs a dozen bytes, so a small file could hold thousands.
     */
    static final int MAX_JPEG_SCANS = 32;

    DecodeLimits {
        if (maxPixels < 1 || maxWholeImagePixels < 1) {
            throw new IllegalArgumentException("pixel limits must be positive");
        }
    }

    static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_PROGRESSIVE_PIXELS);
    }

    /** Refuses an image of {@code format} (ImageIO's name) whose header announces too many pixels. */
    void checkPixels(String format, int width, int height) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw refused("Image", width, height, maxPixels, "");
        }
        if ("webp".equalsIgnoreCase(format) && pixels > MAX_WEBP_PIXELS) {
            throw refused("WebP image", width, height, MAX_WEBP_PIXELS, " for WebP");
        }
    }

    /** Refuses a JPEG whose structure makes it cost more than its pixels alone say. */
    void checkJpeg(JpegStructure jpeg) {
        long pixels = (long) jpeg.width() * jpeg.height();
        if (jpeg.buffersWholeImage() && pixels > maxWholeImagePixels) {
            throw refused(jpeg.progressive() ? "Progressive JPEG" : "Multi-scan JPEG", jpeg.width(), jpeg.height(),
                    maxWholeImagePixels, " for progressive and multi-scan JPEGs (save it as a baseline JPEG)");
        }
        if (jpeg.scans() > MAX_JPEG_SCANS) {
            throw new ImageRefusedException("JPEG has more than " + MAX_JPEG_SCANS + " scans; at most "
                    + MAX_JPEG_SCANS + " are accepted");
        }
    }

    private static ImageRefusedException refused(String what, int width, int height, long limit, String which) {
        long pixels = (long) width * height;
        if (megapixels(pixels).equals(megapixels(limit))) {
            // just over: in megapixels both read the same, and the refusal would seem to say the image is within it
            return new ImageRefusedException(String.format(Locale.ROOT,
                    "%s is %d × %d pixels (%,d pixels); at most %,d pixels are accepted%s",
                    what, width, height, pixels, limit, which));
        }
        return new ImageRefusedException(String.format(Locale.ROOT,
                "%s is %d × %d pixels (%s megapixels); at most %s megapixels are accepted%s",
                what, width, height, megapixels(pixels), megapixels(limit), which));
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1e6);
    }
}
