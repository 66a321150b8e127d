package org.chatserver.adapter.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
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
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.chatserver.adapter.media.DecodingPool.Deadline;
import org.chatserver.adapter.media.DecodingPool.OverTimeLimit;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;

/**
 * Previews with {@code javax.imageio}, on the {@link DecodingPool}'s threads, in memory bounded by the
 * preview's size rather than the image's: dimensions come from the header and are checked against
 * the {@link DecodeLimits} before any pixel is decoded, and the decoder skips source pixels
 * (subsampling) so it never holds more than about twice the preview's width and height.
 */
final class ImageIoPreviews {

    /**
     * A preview is at most this many times as tall as it is wide at most: without it a 1 x 30,000,000
     * image would be "at most maxWidth wide" and still 120 MB of pixels. Long screenshots get narrower previews.
     */
    static final int MAX_ASPECT = 4;

    private static final float JPEG_QUALITY = 0.8f;

    /**
     * Only the formats a chat client sends: ImageIO also holds readers (WBMP, TIFF, BMP) whose format
     * checks accept arbitrary bytes or whose files are not uploads we allow. WebP is not in the JDK;
     * naming its provider here works whatever class loader initialised ImageIO's registry.
     */
    private final List<ImageReaderSpi> providers;
    private final DecodeLimits limits;
    private final DecodingPool pool;

    ImageIoPreviews(DecodeLimits limits, DecodingPool pool) {
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
        this.limits = limits;
        this.pool = pool;
    }

    Optional<ImagePreview> preview(InputStream image, int maxWidth) {
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be at least 1, was " + maxWidth);
        }
        try {
            return pool.decode(deadline -> decode(image, maxWidth, deadline));
        } catch (OverTimeLimit e) {
            long millis = pool.timeLimit().toMillis();
            throw new ImageRefusedException("Image took longer than "
                    + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms") + " to decode; it was refused");
        }
    }

    /** On a pool thread: the stream is read here too, so nothing of the image is touched by the caller's thread. */
    private Optional<ImagePreview> decode(InputStream image, int maxWidth, Deadline deadline) {
        // the memory cache, unlike ImageIO's default, writes no temporary file and holds only what the reader asked for
        try (ImageInputStream input = new OverreadGuard(new MemoryCacheImageInputStream(image), deadline)) {
            ImageReaderSpi provider = providerFor(input);
            if (provider == null) {
                return Optional.empty();
            }
            int orientation = 1;
            if (List.of(provider.getFormatNames()).contains("jpeg")) {
                Optional<JpegStructure> jpeg = checkJpeg(input);
                if (jpeg.isEmpty()) {
                    return Optional.empty();
                }
                orientation = jpeg.get().orientation();
            } else if (List.of(provider.getFormatNames()).contains("png")) {
                orientation = PngOrientation.of(input);
                input.seek(0);
            }
            ImageReader reader = provider.createReaderInstance();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    return Optional.empty();
                }
                limits.checkPixels(reader.getFormatName(), width, height);
                return preview(reader, width, height, orientation, maxWidth, deadline);
            } finally {
                reader.dispose();
            }
        } catch (ImageRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // readers of corrupt files throw anything from IIOException to ArrayIndexOutOfBounds: all mean "not an image"
            return Optional.empty();
        }
    }

    /**
     * The frame's size is checked before the scans are counted, so a hostile frame is refused having
     * read its header only. Empty when the markers lead to no frame.
     */
    private Optional<JpegStructure> checkJpeg(ImageInputStream input) throws IOException {
        Optional<JpegStructure> frame = JpegStructure.readFrame(input);
        if (frame.isEmpty()) {
            return frame;
        }
        limits.checkPixels("jpeg", frame.get().width(), frame.get().height());
        limits.checkJpeg(frame.get());
        limits.checkJpeg(frame.get().withScansCounted(input, DecodeLimits.MAX_JPEG_SCANS));
        input.seek(0);
        return frame;
    }

    private ImageReaderSpi providerFor(ImageInputStream input) throws IOException {
        for (ImageReaderSpi provider : providers) {
            if (provider.canDecodeInput(input)) {
                return provider;
            }
        }
        return null;
    }

    /**
     * The preview as the image is shown: a phone's portrait photo is stored sideways with an EXIF orientation saying
     * how to turn it (a JPEG's APP1, a PNG's eXIf), and the preview, which carries no EXIF, is turned here.
     */
    private static Optional<ImagePreview> preview(ImageReader reader, int width, int height, int orientation,
                                                  int maxWidth, Deadline deadline) throws IOException {
        boolean quarter = JpegStructure.turnsAQuarter(orientation);
        int shownWidth = quarter ? height : width;
        int shownHeight = quarter ? width : height;
        double scale = Math.min(1.0, Math.min(maxWidth / (double) shownWidth,
                MAX_ASPECT * (double) maxWidth / shownHeight));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));

        // a step of ceil(1/(2*scale)) leaves between 1x and 2x the target: enough to scale down smoothly
        int step = Math.max(1, (int) Math.ceil(1.0 / (2.0 * scale)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);

        // a truncated JPEG decodes "successfully" with a grey bottom and a warning; that is not a picture to show
        AtomicBoolean damaged = new AtomicBoolean();
        reader.addIIOReadWarningListener((source, warning) -> damaged.set(true));
        reader.addIIOReadProgressListener(new StopAtDeadline(deadline));
        BufferedImage decoded = reader.read(0, param);
        if (damaged.get() || deadline.passed()) {
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
        if (orientation != 1) {
            scaled = upright(scaled, orientation);
            targetWidth = scaled.getWidth();
            targetHeight = scaled.getHeight();
        }
        return Optional.of(alpha
                ? new ImagePreview(encode(scaled, "png", null), "image/png", targetWidth, targetHeight)
                : new ImagePreview(encode(scaled, "jpeg", JPEG_QUALITY), "image/jpeg", targetWidth, targetHeight));
    }

    /** The image turned and mirrored as EXIF orientation 2 to 8 says (TIFF 6.0, tag 274), exactly: no resampling. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> null;
        };
        if (turn == null) {
            return image;
        }
        boolean quarter = JpegStructure.turnsAQuarter(orientation);
        BufferedImage shown = new BufferedImage(quarter ? h : w, quarter ? w : h, image.getType());
        Graphics2D graphics = shown.createGraphics();
        try {
            graphics.drawImage(image, turn, null);
        } finally {
            graphics.dispose();
        }
        return shown;
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

    /**
     * Aborts the read at the decoder's next progress report once the deadline has passed. From the
     * decoding thread itself: the JDK's JPEG reader refuses calls, abort included, from any other.
     */
    private record StopAtDeadline(Deadline deadline) implements IIOReadProgressListener {

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (deadline.passed()) {
                source.abort();
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
    }
}
