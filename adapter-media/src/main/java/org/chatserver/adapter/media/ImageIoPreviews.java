package org.chatserver.adapter.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;

/**
 * Previews with {@code javax.imageio}, in memory bounded by the preview's size rather than the image's:
 * dimensions come from the header before any pixel is decoded, and the decoder skips source pixels
 * (subsampling) so it never holds more than about twice the preview's width and height.
 */
final class ImageIoPreviews {

    /** A 100-megapixel photo is beyond any phone; past that the file is a decompression bomb or a mistake. */
    static final long MAX_SOURCE_PIXELS = 100_000_000L;

    /**
     * TwelveMonkeys' WebP decoder fills a raster of the full source size before it subsamples, so WebP
     * memory grows with the source: 4096 x 4096 (64 MiB of pixels) is the most we let it take. Stickers
     * and phone exports stay far below; WebP itself allows 16384 x 16384 (1 GiB).
     */
    static final long MAX_WEBP_PIXELS = 4096L * 4096L;

    /**
     * A preview is at most this many times as tall as it is wide at most: without it a 1 x 100,000,000
     * image would be "at most maxWidth wide" and still 400 MB of pixels. Long screenshots get narrower previews.
     */
    static final int MAX_ASPECT = 4;

    private static final float JPEG_QUALITY = 0.8f;

    /**
     * Only the formats a chat client sends: ImageIO also holds readers (WBMP, TIFF, BMP) whose format
     * checks accept arbitrary bytes or whose files are not uploads we allow. WebP is not in the JDK;
     * naming its provider here works whatever class loader initialised ImageIO's registry.
     */
    private final List<ImageReaderSpi> providers;

    ImageIoPreviews() {
        List<ImageReaderSpi> found = new ArrayList<>();
        for (String format : List.of("jpeg", "png", "gif")) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("this JDK has no ImageIO reader for " + format);
            }
            found.add(readers.next().getOriginatingProvider());
        }
        found.add(new WebPImageReaderSpi());
        this.providers = List.copyOf(found);
    }

    Optional<ImagePreview> preview(InputStream image, int maxWidth) {
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be at least 1, was " + maxWidth);
        }
        // the memory cache, unlike ImageIO's default, writes no temporary file and holds only what the reader asked for
        try (ImageInputStream input = new OverreadGuard(new MemoryCacheImageInputStream(image))) {
            ImageReader reader = readerFor(input);
            if (reader == null) {
                return Optional.empty();
            }
            try {
                return preview(reader, input, maxWidth);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // readers of corrupt files throw anything from IIOException to ArrayIndexOutOfBounds: all mean "not an image"
            return Optional.empty();
        }
    }

    private ImageReader readerFor(ImageInputStream input) throws IOException {
        for (ImageReaderSpi provider : providers) {
            if (provider.canDecodeInput(input)) {
                return provider.createReaderInstance();
            }
        }
        return null;
    }

    private static Optional<ImagePreview> preview(ImageReader reader, ImageInputStream input, int maxWidth)
            throws IOException {
        reader.setInput(input, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long limit = "webp".equalsIgnoreCase(reader.getFormatName()) ? MAX_WEBP_PIXELS : MAX_SOURCE_PIXELS;
        if (width < 1 || height < 1 || (long) width * height > limit) {
            return Optional.empty();
        }
        double scale = Math.min(1.0, Math.min(maxWidth / (double) width, MAX_ASPECT * (double) maxWidth / height));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));

        // a step of ceil(1/(2*scale)) leaves between 1x and 2x the target: enough to scale down smoothly
        int step = Math.max(1, (int) Math.ceil(1.0 / (2.0 * scale)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);

        // a truncated JPEG decodes "successfully" with a grey bottom and a warning; that is not a picture to show
        AtomicBoolean damaged = new AtomicBoolean();
        reader.addIIOReadWarningListener((source, warning) -> damaged.set(true));
        BufferedImage decoded = reader.read(0, param);
        if (damaged.get()) {
            return Optional.empty();
        }

        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage scaled = new BufferedImage(targetWidth, targetHeight,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scaled.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(decoded, 0, 0, targetWidth, targetHeight, null);
        } finally {
            graphics.dispose();
        }
        return Optional.of(alpha
                ? new ImagePreview(encode(scaled, "png", null), "image/png", targetWidth, targetHeight)
                : new ImagePreview(encode(scaled, "jpeg", JPEG_QUALITY), "image/jpeg", targetWidth, targetHeight));
    }

    private static byte[] encode(BufferedImage image, String format, Float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
