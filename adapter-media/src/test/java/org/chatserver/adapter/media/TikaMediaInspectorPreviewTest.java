package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.chatserver.application.contract.TestImages;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Surefire runs this module with a small heap (see the pom): a preview that decoded the whole of a
 * large image instead of subsampling it would fail here with an OutOfMemoryError.
 */
class TikaMediaInspectorPreviewTest {

    private final TikaMediaInspector inspector = Inspectors.standard();

    @AfterEach
    void close() {
        inspector.close();
    }

    private Optional<ImagePreview> preview(byte[] image, int maxWidth) {
        return inspector.preview(new ByteArrayInputStream(image), maxWidth);
    }

    private static BufferedImage decode(ImagePreview preview) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview.bytes()));
            assertThat(image).as("the preview's bytes decode").isNotNull();
            assertThat(image.getWidth()).isEqualTo(preview.width());
            assertThat(image.getHeight()).isEqualTo(preview.height());
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A phone stores a portrait photo sideways and says in its EXIF how to turn it; the preview carries no EXIF, so
     * it must be turned itself, or every portrait photo shows sideways in the chat. The stored image here is red on
     * its left half and blue on its right.
     */
    @ParameterizedTest(name = "orientation {0}, {1} byte order")
    @MethodSource("orientations")
    void aPhotoIsPreviewedTurnedAsItsExifOrientationSays(int orientation, String byteOrder, boolean portrait,
                                                        Color top, Color left) {
        ImagePreview preview = preview(withExifOrientation(redLeftBlueRight(400, 200), orientation,
                byteOrder.equals("Intel")), 320).orElseThrow();
        BufferedImage shown = decode(preview);

        if (portrait) {
            assertThat(preview.width()).as("width of a portrait preview, shown 200 x 400").isEqualTo(200);
            assertThat(preview.height()).isEqualTo(400);
        } else {
            assertThat(preview.width()).isEqualTo(320);
            assertThat(preview.height()).isEqualTo(160);
        }
        assertThat(dominant(shown.getRGB(shown.getWidth() / 2, 2))).as("at the top").isEqualTo(top);
        assertThat(dominant(shown.getRGB(2, shown.getHeight() / 2))).as("at the left").isEqualTo(left);
    }

    static Stream<Arguments> orientations() {
        return Stream.of(
                Arguments.of(1, "Motorola", false, null, Color.RED),
                Arguments.of(3, "Motorola", false, null, Color.BLUE),
                Arguments.of(6, "Motorola", true, Color.RED, null),
                Arguments.of(6, "Intel", true, Color.RED, null),
                Arguments.of(8, "Motorola", true, Color.BLUE, null));
    }

    /** A PNG says how to turn it in its eXIf chunk, which browsers honour: so does its preview. */
    @ParameterizedTest(name = "orientation {0}, {1} byte order")
    @MethodSource("orientations")
    void aPngIsPreviewedTurnedAsItsExifOrientationSays(int orientation, String byteOrder, boolean portrait,
                                                      Color top, Color left) {
        byte[] png = TestImages.write(redLeftBlueRight(400, 200), "png");
        byte[] tiff = tiffWithOrientation(orientation, byteOrder.equals("Intel"));
        byte[] chunk = orientation == 6 && byteOrder.equals("Intel")
                ? Samples.concat(Samples.ascii("Exif\0\0"), tiff) // as some writers have it, JPEG's prefix first
                : tiff;
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ImagePreview preview = preview(Samples.concat(Arrays.copyOf(png, afterHeader),
                Samples.concat(TestImages.pngChunk("tEXt", Samples.ascii("Software\0test")),
                        TestImages.pngChunk("eXIf", chunk)),
                Arrays.copyOfRange(png, afterHeader, png.length)), 320).orElseThrow();
        BufferedImage shown = decode(preview);

        assertThat(preview.width()).as("the preview's width").isEqualTo(portrait ? 200 : 320);
        assertThat(dominant(shown.getRGB(shown.getWidth() / 2, 2))).as("at the top").isEqualTo(top);
        assertThat(dominant(shown.getRGB(2, shown.getHeight() / 2))).as("at the left").isEqualTo(left);
    }

    @Test
    void aPngWhoseExifLiesIsPreviewedAsStored() {
        byte[] png = TestImages.write(redLeftBlueRight(400, 200), "png");
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        byte[] lying = Samples.concat(Arrays.copyOf(png, afterHeader),
                TestImages.pngChunk("eXIf", new byte[] {'M', 'M', 0, 42, 0x7F, -1, -1, -1, 1, 2, 3}),
                Arrays.copyOfRange(png, afterHeader, png.length));

        assertThat(preview(lying, 320)).hasValueSatisfying(p -> assertThat(p.width()).isEqualTo(320));
    }

    private static BufferedImage redLeftBlueRight(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, x < width / 2 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        return image;
    }

    /** Red, blue, or null when neither clearly dominates (the middle of a half-and-half row or column). */
    private static Color dominant(int rgb) {
        int red = rgb >> 16 & 0xFF;
        int blue = rgb & 0xFF;
        return red > 200 && blue < 60 ? Color.RED : blue > 200 && red < 60 ? Color.BLUE : null;
    }

    /** The image as a JPEG with an APP1 EXIF segment after SOI whose first directory holds only the orientation. */
    private static byte[] withExifOrientation(BufferedImage image, int orientation, boolean intel) {
        byte[] jpeg;
        try {
            var out = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            jpeg = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] tiff = tiffWithOrientation(orientation, intel);
        byte[] exif = ("Exif\0\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        var out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** EXIF's TIFF structure whose first directory holds only the orientation. */
    private static byte[] tiffWithOrientation(int orientation, boolean intel) {
        var tiff = java.nio.ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(intel ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (intel ? 'I' : 'M')).put((byte) (intel ? 'I' : 'M')).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        return tiff.array();
    }

    @Test
    void scalesAPhoneSizedPhotoDownToAJpegThumbnail() {
        byte[] photo = Samples.jpeg(4032, 3024);

        ImagePreview preview = preview(photo, 320).orElseThrow();

        assertThat(preview.mimeType()).isEqualTo("image/jpeg");
        assertThat(preview.width()).isEqualTo(320);
        assertThat(preview.height()).isEqualTo(240);
        assertThat(preview.bytes().length).isLessThan(30_000);
        assertThat(decode(preview).getColorModel().hasAlpha()).isFalse();
    }

    static Stream<Arguments> everyImageFormat() {
        return Stream.of(
                Arguments.of("jpeg", Samples.jpeg(1000, 500), "image/jpeg"),
                Arguments.of("png", Samples.png(1000, 500, false), "image/jpeg"),
                Arguments.of("png with alpha", Samples.png(1000, 500, true), "image/png"),
                Arguments.of("gif", Samples.gif(1000, 500), "image/jpeg"),
                Arguments.of("webp", Samples.webp(1000, 500, new Color(30, 144, 255)), "image/jpeg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyImageFormat")
    void keepsTheAspectRatioAndStaysWithinTheWidth(String format, byte[] image, String expectedType) {
        ImagePreview preview = preview(image, 200).orElseThrow();

        assertThat(preview.width()).isEqualTo(200);
        assertThat(preview.height()).isEqualTo(100);
        assertThat(preview.mimeType()).isEqualTo(expectedType);
        assertThat(decode(preview).getColorModel().hasAlpha()).isEqualTo(expectedType.equals("image/png"));
        assertThat(preview.bytes().length).isLessThan(image.length + 20_000).isLessThan(40_000);
    }

    @Test
    void showsTheWebpsActualPixels() {
        Color dodgerBlue = new Color(30, 144, 255);

        BufferedImage decoded = decode(preview(Samples.webp(640, 480, dodgerBlue), 320).orElseThrow());

        Color centre = new Color(decoded.getRGB(160, 120));
        assertThat(centre.getRed()).isCloseTo(30, within(8));
        assertThat(centre.getGreen()).isCloseTo(144, within(8));
        assertThat(centre.getBlue()).isCloseTo(255, within(8));
    }

    @Test
    void neverUpscalesASmallImage() {
        ImagePreview preview = preview(Samples.png(120, 90, false), 320).orElseThrow();

        assertThat(preview.width()).isEqualTo(120);
        assertThat(preview.height()).isEqualTo(90);
    }

    @Test
    void aVeryTallImageGetsANarrowerPreviewAtMostFourTimesAsTallAsItIsWide() {
        ImagePreview preview = preview(Samples.blackPng(800, 25_600), 320).orElseThrow();

        assertThat(preview.height()).isEqualTo(4 * 320);
        assertThat(preview.width()).isEqualTo(40);
    }

    @Test
    void previewsTheLargestImageAllowedWithinTheSmallTestHeap() {
        byte[] large = Samples.blackPng(7680, 4320); // 100 MB of pixels decoded in full

        ImagePreview preview = preview(large, 320).orElseThrow();

        assertThat(preview.width()).isEqualTo(320);
        assertThat(preview.height()).isEqualTo(180);
        assertThat(decode(preview).getRGB(10, 10) & 0xFFFFFF).isZero();
    }

    @Test
    void previewsTheLargestWebpAllowedWithinTheSmallTestHeap() {
        ImagePreview preview = preview(Samples.webp(4096, 4096, Color.GREEN), 320).orElseThrow();

        assertThat(preview.width()).isEqualTo(320);
        assertThat(preview.height()).isEqualTo(320);
    }

    @Test
    void refusesWebpOverSixteenMegapixelsBecauseItsDecoderHoldsTheWholeImage() {
        assertThatThrownBy(() -> preview(Samples.webp(4097, 4096, Color.GREEN), 320))
                .isInstanceOf(ImageRefusedException.class).hasMessageContaining("for WebP");
    }

    @Test
    void aWebpWhoseDataEndsLongBeforeItsPixelsGivesNoPreview() {
        byte[] announcesSixteenMegapixels = Arrays.copyOf(Samples.webp(4096, 4096, Color.GREEN), 34);

        // OverreadGuard stops the decoder after a few thousand reads past the end (OverreadGuardTest); without
        // it the decoder would fail to read once per pixel for about a minute and be refused at the time limit
        assertThat(preview(announcesSixteenMegapixels, 320)).isEmpty();
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] bomb = Samples.blackPng(12_000, 12_000);
        assertThat(bomb.length).as("small file, huge image").isLessThan(1_000_000);

        assertThatThrownBy(() -> preview(bomb, 320))
                .isInstanceOf(ImageRefusedException.class)
                .hasMessage("Image is 12000 × 12000 pixels (144.0 megapixels); at most 33.2 megapixels are accepted");
    }

    @Test
    void truncatedImagesGiveNoPreview() {
        for (byte[] image : new byte[][] {Samples.jpeg(400, 300), Samples.png(400, 300, false), Samples.gif(400, 300)}) {
            assertThat(preview(Arrays.copyOf(image, image.length / 2), 100)).isEmpty();
            assertThat(preview(Arrays.copyOf(image, 40), 100)).isEmpty();
        }
    }

    @Test
    void corruptImagesGiveNoPreview() {
        byte[] jpeg = Samples.jpeg(400, 300);
        for (int i = 600; i < jpeg.length - 2; i += 7) {
            jpeg[i] = (byte) 0xFF; // marker bytes in the middle of entropy-coded data
        }
        byte[] png = Samples.png(400, 300, false);
        png[png.length / 2] ^= 0x55; // the IDAT's CRC no longer matches

        assertThat(preview(jpeg, 100)).isEmpty();
        assertThat(preview(png, 100)).isEmpty();
    }

    static Stream<Arguments> notImages() {
        return Stream.of(
                Arguments.of("pdf", Samples.pdf()),
                Arguments.of("docx", Samples.docx()),
                Arguments.of("html", Samples.text("<html><body><img src=x></body></html>")),
                Arguments.of("svg", Samples.text("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")),
                Arguments.of("mp4", Samples.isoMedia("isom", "isom")),
                Arguments.of("wav", Samples.wav()),
                Arguments.of("exe", Samples.windowsExe()),
                Arguments.of("nothing", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notImages")
    void contentThatIsNotAnImageGivesNoPreview(String kind, byte[] content) {
        assertThat(preview(content, 100)).isEmpty();
    }

    @Test
    void aWidthBelowOneIsAProgrammingError() {
        assertThatIllegalArgumentException().isThrownBy(() -> preview(Samples.png(10, 10, false), 0));
    }
}
