package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatserver.application.contract.TestImages.JpegSegment;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MediaInspector} must do, run against the fake the use-case tests rely on and
 * the real adapter, so that the two cannot drift apart. Images are written by the JDK's own encoders.
 */
public abstract class MediaInspectorContract {

    /** The inspector under test, with its default limits. */
    protected abstract MediaInspector inspector();

    @Test
    void tellsWhatTheBytesAreWhateverTheNameSays() {
        assertThat(detect(image("png", 32, 24), "report.pdf")).isEqualTo("image/png");
        assertThat(detect(image("jpeg", 32, 24), "song.mp3")).isEqualTo("image/jpeg");
        assertThat(detect(ascii("%PDF-1.4\n%%EOF\n"), "photo.jpg")).isEqualTo("application/pdf");
        assertThat(detect(ascii("<html><script>alert(1)</script></html>"), "cat.png")).isEqualTo("text/html");
        assertThat(detect(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xfe, 0}, "photo.jpg"))
                .isEqualTo("application/octet-stream");
    }

    @Test
    void previewsAnImageNoWiderThanAskedInItsOwnProportions() {
        for (String format : new String[] {"png", "jpeg"}) {
            ImagePreview preview = preview(image(format, 640, 480), 320).orElseThrow();

            assertThat(preview.width()).as(format).isEqualTo(320);
            assertThat(preview.height()).as(format).isEqualTo(240);
            assertThat(preview.bytes()).as(format).isNotEmpty();
            assertThat(preview.mimeType()).as(format).isIn("image/jpeg", "image/png");
        }
    }

    @Test
    void neverScalesAnImageUp() {
        ImagePreview preview = preview(image("png", 120, 90), 320).orElseThrow();

        assertThat(preview.width()).isEqualTo(120);
        assertThat(preview.height()).isEqualTo(90);
    }

    @Test
    void aFileThatIsNotAnImageOrIsCutShortHasNoPreview() {
        byte[] png = image("png", 400, 300);
        byte[] jpeg = image("jpeg", 400, 300);

        assertThat(preview(ascii("%PDF-1.4\n%%EOF\n"), 100)).isEmpty();
        assertThat(preview(new byte[0], 100)).isEmpty();
        assertThat(preview(Arrays.copyOf(png, png.length / 2), 100)).isEmpty();
        assertThat(preview(Arrays.copyOf(jpeg, jpeg.length / 2), 100)).isEmpty();
    }

    @Test
    void refusesAnImageWhoseHeaderAnnouncesTooManyPixelsWithoutReadingItsPixels() {
        // a PNG header for 1 x 100,000,000 pixels, then 64 KB of an ancillary chunk, then pixel data that must not be read
        byte[] header = TestImages.concat(TestImages.pngHeader(1, 100_000_000, 8), TestImages.pngChunk("teXt", new byte[64 * 1024]));
        Tripwire file = new Tripwire(header);

        assertThatThrownBy(() -> inspector().preview(file, 320))
                .isInstanceOf(ImageRefusedException.class)
                .hasMessageContaining("1 × 100000000");
        assertThat(file.pixelDataRead).as("read any of the pixel data").isFalse();
    }

    @Test
    void aPhonePhotoIsStoredWithoutWhereItWasTakenAndShownAsBefore() {
        byte[] photo = TestImages.phonePhoto(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6);

        byte[] stored = withoutMetadata(photo);

        List<JpegSegment> segments = TestImages.jpegSegments(stored);
        assertThat(segments).filteredOn(s -> s.marker() == 0xE1).as("EXIF and XMP").singleElement()
                .satisfies(exif -> assertThat(TestImages.exifEntries(exif.payload()))
                        .as("the EXIF's entries").containsExactly(Map.entry(0x0112, 6)));
        assertThat(segments).filteredOn(s -> s.marker() == 0xE0).singleElement()
                .satisfies(jfif -> assertThat(jfif.startsWith("JFIF\0")).isTrue());
        assertThat(segments).filteredOn(s -> s.marker() == 0xE2).as("the colour profile").singleElement()
                .satisfies(icc -> assertThat(icc.payload()).isEqualTo(TestImages.jpegSegments(photo).stream()
                        .filter(s -> s.marker() == 0xE2).findFirst().orElseThrow().payload()));
        assertThat(segments).extracting(JpegSegment::marker).as("IPTC, comment").doesNotContain(0xED, 0xFE);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE).doesNotContain("ns.adobe.com");
        assertThat(TestImages.jpegScans(stored)).as("the pixels as coded").isEqualTo(TestImages.jpegScans(photo));
        assertThat(Arrays.copyOfRange(stored, stored.length - 2, stored.length)).as("ends with the image")
                .containsExactly(0xFF, 0xD9);
    }

    @Test
    void anUprightPhotoKeepsNoExifAtAllAndOneWithNothingToRemoveIsStoredAsItIs() {
        byte[] upright = TestImages.phonePhoto(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 1);
        byte[] plain = image("jpeg", 64, 48);

        assertThat(TestImages.jpegSegments(withoutMetadata(upright))).extracting(JpegSegment::marker)
                .doesNotContain(0xE1);
        assertThat(withoutMetadata(plain)).isEqualTo(plain);
    }

    @Test
    void otherKindsOfFileAreStoredAsTheyAre() {
        assertThat(inspector().withoutMetadata(new ByteArrayInputStream(ascii("%PDF-1.4\n%%EOF\n")),
                "application/pdf")).isEmpty();
        assertThat(inspector().withoutMetadata(new ByteArrayInputStream(ascii("notes")), "text/plain")).isEmpty();
    }

    @Test
    void tellsTheCharsetTextIsWrittenIn() {
        String accented = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, 5 \u20ac, \u201cquoted\u201d\n";

        assertThat(charset(accented.getBytes(StandardCharsets.UTF_8))).isEqualTo("utf-8");
        assertThat(charset(ascii("plain words\n"))).as("ASCII").isEqualTo("utf-8");
        assertThat(charset(accented.getBytes(java.nio.charset.Charset.forName("windows-1252"))))
                .isEqualTo("windows-1252");
        assertThat(charset(accented.replace("\u20ac", "EUR").replace('\u201c', '"').replace('\u201d', '"')
                .getBytes(StandardCharsets.ISO_8859_1))).as("Latin-1").isEqualTo("windows-1252");
    }

    private String charset(byte[] text) {
        return inspector().textCharset(new ByteArrayInputStream(text));
    }

    private byte[] withoutMetadata(byte[] jpeg) {
        try (InputStream stored = inspector().withoutMetadata(new ByteArrayInputStream(jpeg), "image/jpeg")
                .orElseThrow()) {
            return stored.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWidthBelowOneIsAProgrammingError() {
        assertThatIllegalArgumentException().isThrownBy(() -> preview(image("png", 10, 10), 0));
    }

    private String detect(byte[] content, String name) {
        return inspector().detectType(new ByteArrayInputStream(content), name);
    }

    private Optional<ImagePreview> preview(byte[] image, int maxWidth) {
        return inspector().preview(new ByteArrayInputStream(image), maxWidth);
    }

    private static byte[] image(String format, int width, int height) {
        return TestImages.write(TestImages.picture(width, height, BufferedImage.TYPE_INT_RGB), format);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A header, then an endless IDAT that no inspector may read: reaching it records the fact and
     * fails the decode with an error no decoder swallows.
     */
    private static final class Tripwire extends InputStream {

        private final byte[] header;
        private int position;
        volatile boolean pixelDataRead;

        Tripwire(byte[] header) {
            this.header = TestImages.concat(header, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(), ascii("IDAT"));
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= header.length) {
                pixelDataRead = true;
                throw new AssertionError("the pixel data was read: the image was decoded despite its header");
            }
            int count = Math.min(length, header.length - position);
            System.arraycopy(header, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
