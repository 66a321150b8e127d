package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;

class PngWithoutMetadataTest {

    private static byte[] cleaned(byte[] png) throws IOException {
        try (InputStream in = new PngWithoutMetadata(new ByteArrayInputStream(png))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPngIsStoredWithoutWhereAndWhenItWasMadeAndShownAsBefore() throws IOException {
        byte[] png = TestImages.phonePng(TestImages.picture(64, 48, BufferedImage.TYPE_INT_ARGB), 6);

        byte[] stored = cleaned(png);

        var chunks = TestImages.pngChunks(stored); // every CRC checked
        assertThat(chunks).extracting(Map.Entry::getKey).as("the chunks kept")
                .containsExactly("IHDR", "eXIf", "sRGB", "IDAT", "IEND");
        assertThat(TestImages.exifEntries(Samples.concat(Samples.ascii("Exif\0\0"), chunks.get(1).getValue())))
                .containsExactly(Map.entry(0x0112, 6));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE)
                .doesNotContain(TestImages.PHONE);
        assertThat(chunks.get(3).getValue()).as("the image data").isEqualTo(TestImages.pngChunks(png).stream()
                .filter(c -> c.getKey().equals("IDAT")).findFirst().orElseThrow().getValue());
        assertThat(pixels(stored)).isEqualTo(pixels(png));
    }

    @Test
    void aPngWithNothingToRemoveIsStoredAsItIsAndAnUprightOneKeepsNoExif() throws IOException {
        byte[] plain = Samples.png(64, 48, true);
        byte[] upright = TestImages.phonePng(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 1);

        assertThat(cleaned(plain)).isEqualTo(plain);
        assertThat(TestImages.pngChunks(cleaned(upright))).extracting(Map.Entry::getKey).doesNotContain("eXIf");
    }

    @Test
    void aPngCutShortEndsWhereItIsCut() throws IOException {
        byte[] png = TestImages.phonePng(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6);

        for (int length : new int[] {4, 20, 60, png.length / 2, png.length - 30}) {
            assertThat(new String(cleaned(Arrays.copyOf(png, length)), StandardCharsets.ISO_8859_1)).as("cut at " + length)
                    .doesNotContain(TestImages.PLACE);
        }
    }

    @Test
    void readsAsItGoes() throws IOException {
        byte[] header = Samples.concat(Samples.pngHeader(64, 64, 8),
                ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).put(Samples.ascii("IDAT")).array());
        ProbeStream huge = ProbeStream.headerThenFiller(header, 1L << 30);

        try (InputStream in = new PngWithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(huge.deepestRead()).isLessThan(200_000);
    }

    private static int[] pixels(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
