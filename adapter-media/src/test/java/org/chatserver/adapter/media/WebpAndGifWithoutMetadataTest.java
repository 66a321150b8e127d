package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;

class WebpAndGifWithoutMetadataTest {

    private static byte[] cleaned(Function<InputStream, InputStream> rewriting, byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = rewriting.apply(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            }
        });
    }

    private static byte[] webp(byte[] file) {
        return cleaned(WebpWithoutMetadata::new, file);
    }

    private static byte[] gif(byte[] file) {
        return cleaned(GifWithoutMetadata::new, file);
    }

    @Test
    void aWebpLosesItsExifAndXmpKeepsItsSizeAndShowsAsBefore() throws IOException {
        byte[] photo = Samples.phoneWebp(40, 30, Color.ORANGE);

        byte[] stored = webp(photo);

        assertThat(text(stored)).doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE);
        assertThat(stored).as("as long as uploaded, its RIFF size true").hasSize(photo.length);
        assertThat(chunks(stored)).containsExactly("VP8X", "VP8L", "JUNK", "JUNK");
        assertThat(stored[20]).as("VP8X flags: no EXIF, no XMP").isZero();
        assertThat(Arrays.copyOfRange(stored, 0, photo.length - 200)).as("up to the metadata, with the image data")
                .isEqualTo(Arrays.copyOfRange(patchedFlags(photo), 0, photo.length - 200));
        assertThat(pixels(stored)).isEqualTo(pixels(photo));
    }

    @Test
    void aSimpleWebpIsStoredAsItIsAndWhatFollowsTheRiffIsDropped() {
        byte[] plain = Samples.webp(40, 30, Color.RED);

        assertThat(webp(plain)).isEqualTo(plain);
        assertThat(webp(Samples.concat(plain, Samples.ascii(TestImages.PLACE)))).isEqualTo(plain);
    }

    @Test
    void aWebpCutShortOrLyingNeverLetsTheExifThrough() {
        byte[] photo = Samples.phoneWebp(40, 30, Color.ORANGE);
        for (int length = 0; length < photo.length; length++) {
            byte[] stored = webp(Arrays.copyOf(photo, length));
            assertThat(stored).as("cut at " + length).hasSize(length);
            assertThat(text(stored)).as("cut at " + length).doesNotContain(TestImages.PHONE);
        }
        int exif = text(photo).indexOf("EXIF");
        for (int size : new int[] {-1, 0x7FFFFFFF, 1}) {
            byte[] lying = photo.clone();
            ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(exif + 4, size);
            assertThat(text(webp(lying))).as("EXIF of size " + size).doesNotContain(TestImages.PHONE);
            byte[] longRiff = photo.clone();
            ByteBuffer.wrap(longRiff).order(ByteOrder.LITTLE_ENDIAN).putInt(4, size);
            assertThat(text(webp(longRiff))).as("RIFF of size " + size).doesNotContain(TestImages.PHONE);
        }
    }

    @Test
    void aGifLosesItsCommentXmpAndTrailerKeepsItsLoopAndShowsAsBefore() throws IOException {
        byte[] gif = Samples.phoneGif(40, 30);

        byte[] stored = gif(gif);

        assertThat(text(stored)).doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE)
                .doesNotContain("XMP DataXMP").contains("NETSCAPE2.0");
        assertThat(stored).isEqualTo(loopingGif(Samples.gif(40, 30)));
        assertThat(pixels(stored)).isEqualTo(pixels(gif));
    }

    @Test
    void aGifCutShortOrDamagedEndsWhereItIsCutWithoutItsComment() {
        byte[] gif = Samples.phoneGif(40, 30);
        for (int length = 0; length < gif.length; length++) {
            byte[] stored = gif(Arrays.copyOf(gif, length));
            assertThat(stored.length).as("cut at " + length).isLessThanOrEqualTo(length);
            assertThat(text(stored)).as("cut at " + length).doesNotContain(TestImages.PHONE)
                    .doesNotContain(TestImages.PLACE);
        }
        byte[] screen = Arrays.copyOf(Samples.gifHeader(40, 30), 13);
        byte[] unterminated = Samples.concat(screen, new byte[] {0x21, (byte) 0xFE, 10},
                Samples.ascii(TestImages.PLACE));
        assertThat(text(gif(unterminated))).doesNotContain(TestImages.PLACE);
        byte[] noBlock = Samples.concat(screen, Samples.ascii("?" + TestImages.PLACE));
        assertThat(text(gif(noBlock))).doesNotContain(TestImages.PLACE);
    }

    @Test
    void aWebpIsReadAsItGoes() throws IOException {
        byte[] header = Samples.concat(Samples.ascii("RIFF"), new byte[] {-1, -1, -1, 0x7F}, Samples.ascii("WEBPVP8L"),
                new byte[] {-1, -1, -1, 0x7F});
        ProbeStream huge = ProbeStream.headerThenFiller(header, 1L << 30);

        try (InputStream in = new WebpWithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(huge.deepestRead()).isLessThan(200_000);
    }

    /** An image whose data sub-blocks never end. */
    @Test
    void aGifIsReadAsItGoes() throws IOException {
        byte[] header = Samples.gifHeader(40, 30);
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long at = read[0]++;
                return at < header.length ? header[(int) at] & 0xFF : (at - header.length) % 256 == 0 ? 255 : 7;
            }
        };

        try (InputStream in = new GifWithoutMetadata(endless)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(read[0]).isLessThan(200_000);
    }

    /** What {@link Samples#phoneGif} becomes: the GIF with its looping extension only. */
    private static byte[] loopingGif(byte[] gif) {
        int blocks = 13 + ((gif[10] & 0x80) == 0 ? 0 : 3 << ((gif[10] & 7) + 1));
        byte[] loop = Samples.concat(new byte[] {0x21, (byte) 0xFF, 11}, Samples.ascii("NETSCAPE2.0"),
                new byte[] {3, 1, 0, 0, 0});
        return Samples.concat(Arrays.copyOf(gif, blocks), loop, Arrays.copyOfRange(gif, blocks, gif.length));
    }

    private static byte[] patchedFlags(byte[] webp) {
        byte[] copy = webp.clone();
        copy[20] = 0;
        return copy;
    }

    private static List<String> chunks(byte[] webp) {
        List<String> types = new ArrayList<>();
        ByteBuffer riff = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= webp.length; ) {
            types.add(new String(webp, at, 4, StandardCharsets.ISO_8859_1));
            int size = riff.getInt(at + 4);
            at += 8 + size + (size & 1);
        }
        return types;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int[] pixels(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
    }
}
