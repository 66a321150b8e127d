package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;

/** What the contract does not reach: scans after the first, thumbnails, damaged files, and memory. */
class JpegWithoutMetadataTest {

    private static byte[] cleaned(byte[] jpeg) throws IOException {
        try (InputStream in = new JpegWithoutMetadata(new ByteArrayInputStream(jpeg))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aProgressiveJpegKeepsEveryScanAndTheTablesBetweenThemButNoSegmentOfMetadataThere() throws IOException {
        byte[] progressive = Samples.progressiveJpeg(64, 64);
        int secondScan = indexOf(progressive, 0xFF, 0xDA, 1);
        byte[] withComment = Samples.concat(Arrays.copyOf(progressive, secondScan),
                TestImages.jpegSegment(0xFE, Samples.ascii("taken at home")),
                TestImages.jpegSegment(0xED, Samples.ascii("Photoshop 3.0\0")),
                Arrays.copyOfRange(progressive, secondScan, progressive.length));

        assertThat(cleaned(progressive)).isEqualTo(progressive);
        assertThat(cleaned(withComment)).isEqualTo(progressive);
    }

    /** A JFIF thumbnail is the photo before it was cropped. */
    @Test
    void aJfifThumbnailGoesAndTheHeaderStays() throws IOException {
        byte[] jpeg = Samples.jpeg(32, 32);
        int jfifLength = (jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF);
        byte[] jfif = Arrays.copyOfRange(jpeg, 6, 4 + jfifLength);
        jfif[12] = 2;
        jfif[13] = 1;
        byte[] withThumbnail = Samples.concat(Arrays.copyOf(jpeg, 2),
                TestImages.jpegSegment(0xE0, Samples.concat(jfif, new byte[] {1, 2, 3, 4, 5, 6})),
                Arrays.copyOfRange(jpeg, 4 + jfifLength, jpeg.length));

        assertThat(cleaned(withThumbnail)).isEqualTo(jpeg);
    }

    @Test
    void aDamagedPhotoIsCleanedAsFarAsItGoes() throws IOException {
        byte[] photo = TestImages.phonePhoto(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6);
        int exif = indexOf(photo, 0xFF, 0xE1, 0);
        byte[] cutInTheExif = Arrays.copyOf(photo, exif + 40);
        byte[] cutInTheScan = Arrays.copyOf(photo, photo.length - 200);
        byte[] junkBeforeAMarker = Samples.concat(Arrays.copyOf(photo, exif), Samples.ascii("junk"),
                Arrays.copyOfRange(photo, exif, photo.length));

        assertThat(cleaned(cutInTheExif)).isEqualTo(Arrays.copyOf(photo, exif));
        assertThat(new String(cleaned(cutInTheScan), StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE)
                .contains(new String(Arrays.copyOfRange(photo, photo.length - 400, photo.length - 300),
                        StandardCharsets.ISO_8859_1));
        byte[] afterJunk = cleaned(junkBeforeAMarker);
        assertThat(new String(afterJunk, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE).contains("junk");
        assertThat(ImageIO.read(new ByteArrayInputStream(afterJunk))).as("decodes").isNotNull();
    }

    @Test
    void readsAsItGoes() throws IOException {
        ProbeStream huge = ProbeStream.headerThenFiller(Samples.jpegHeader(Samples.jpeg(64, 64)), 1L << 30);

        try (InputStream in = new JpegWithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(huge.deepestRead()).isLessThan(200_000);
    }

    private static int indexOf(byte[] bytes, int first, int second, int skip) {
        int found = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == first && (bytes[i + 1] & 0xFF) == second && found++ == skip) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
