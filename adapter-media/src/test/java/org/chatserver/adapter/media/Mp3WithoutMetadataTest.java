package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;

class Mp3WithoutMetadataTest {

    private static final byte[] FRAMES = Samples.mp3(false);

    static byte[] cleaned(byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = new Mp3WithoutMetadata(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            }
        });
    }

    @Test
    void anMp3KeepsItsFramesAndLosesItsTagsAtBothEnds() {
        assertThat(cleaned(Samples.taggedMp3())).isEqualTo(FRAMES);
    }

    @Test
    void everyLeadingTagGoesWithItsFooterAndAnEndTagWithoutItsExtension() {
        byte[] tag = Samples.id3v2(0, Samples.ascii("TPE1 " + TestImages.PHONE));
        byte[] withFooter = Samples.concat(Samples.id3v2(0x10, Samples.ascii(TestImages.PLACE)),
                Samples.ascii("3DI"), new byte[7]);
        byte[] v1 = Arrays.copyOf(Samples.concat(Samples.ascii("TAG"), Samples.ascii(TestImages.PLACE)), 128);

        assertThat(cleaned(Samples.concat(tag, withFooter, tag, FRAMES, v1))).isEqualTo(FRAMES);
    }

    @Test
    void anMp3WithoutTagsIsStoredAsItIsWhateverItsLength() {
        for (int length = 0; length <= FRAMES.length; length += 37) {
            byte[] cut = Arrays.copyOf(FRAMES, length);
            assertThat(cleaned(cut)).as("of " + length + " bytes").isEqualTo(cut);
        }
        byte[] notATag = Samples.concat(Samples.ascii("ID3"), new byte[] {3, 0, 0, 0, 0, (byte) 0x80, 0}, FRAMES);
        assertThat(cleaned(notATag)).as("ID3 with a size that is not a tag's").isEqualTo(notATag);
    }

    @Test
    void anMp3CutShortInItsTagOrFramesKeepsTheFramesItHasAndNothingOfTheTag() {
        byte[] mp3 = Samples.taggedMp3();
        int tag = mp3.length - FRAMES.length - 227 - 128;

        for (int length = 0; length <= tag + FRAMES.length; length++) {
            assertThat(cleaned(Arrays.copyOf(mp3, length))).as("cut at " + length)
                    .isEqualTo(Arrays.copyOf(FRAMES, Math.max(0, length - tag)));
        }
    }

    @Test
    void aTagClaimingMoreThanTheFileDropsTheRest() {
        byte[] lying = Samples.concat(new byte[] {'I', 'D', '3', 4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F}, FRAMES);

        assertThat(cleaned(lying)).isEmpty();
    }

    @Test
    void readsAsItGoes() throws IOException {
        ProbeStream huge = ProbeStream.headerThenFiller(Samples.id3v2(0, new byte[500]), 1L << 30);

        try (InputStream in = new Mp3WithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(huge.deepestRead()).isLessThan(200_000);
    }
}
