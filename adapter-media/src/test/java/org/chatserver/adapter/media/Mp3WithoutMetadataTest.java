package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Tags that music tools write at the end, before the ID3v1 tag or without one, in either order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endTags")
    void tagsAtTheEndGoWhateverTheirKind(String what, byte[] tags) {
        byte[] v1 = Arrays.copyOf(Samples.concat(Samples.ascii("TAG"), Samples.ascii(Samples.MP3_END_PLACE)), 128);

        assertThat(cleaned(Samples.concat(FRAMES, tags))).as(what).isEqualTo(FRAMES);
        assertThat(cleaned(Samples.concat(FRAMES, tags, v1))).as(what + " before ID3v1").isEqualTo(FRAMES);
    }

    static Stream<Arguments> endTags() {
        // 131 bytes: the "TAG" of its header's "APETAGEX" is where an ID3v1 tag's would be
        byte[] ape = Samples.apeTag(true, "Artist", TestImages.PHONE, "Comment", "recorded at " + TestImages.PLACE);
        byte[] apeWithoutHeader = Samples.apeTag(false, "REPLAYGAIN_TRACK_GAIN", "-6.5 dB", "Location", TestImages.PLACE);
        byte[] lyrics = Samples.lyrics3v2("[00:01]" + TestImages.PLACE);
        return Stream.of(
                Arguments.of("APEv2 with a header", ape),
                Arguments.of("APEv2 without a header", apeWithoutHeader),
                Arguments.of("APEv2 without items", Samples.apeTag(true)),
                Arguments.of("Lyrics3 v2", lyrics),
                Arguments.of("Lyrics3 v1", Samples.lyrics3v1("recorded at " + TestImages.PLACE)),
                Arguments.of("APEv2 then Lyrics3 v2", Samples.concat(ape, lyrics)),
                Arguments.of("Lyrics3 v2 then APEv2", Samples.concat(lyrics, apeWithoutHeader)));
    }

    /** A footer whose size or items lie, or bytes that only look like one, cost no frame and throw nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lyingEndTags")
    void anEndTagThatLiesIsKeptAsTheAudioItMayBe(String what, byte[] tail) {
        byte[] file = Samples.concat(FRAMES, tail);

        assertThat(cleaned(file)).as(what).isEqualTo(file);
    }

    static Stream<Arguments> lyingEndTags() {
        byte[] ape = Samples.apeTag(false, "Artist", TestImages.PHONE);
        byte[] withHeader = Samples.apeTag(true, "Artist", TestImages.PHONE);
        int footer = ape.length - 32;
        return Stream.of(
                Arguments.of("APE size larger than the file", withSize(ape, footer + 12, 0x7FFFFFF0)),
                Arguments.of("APE size of 2^32 - 1", withSize(ape, footer + 12, -1)),
                Arguments.of("APE size smaller than its footer", withSize(ape, footer + 12, 8)),
                Arguments.of("APE size one byte off", withSize(ape, footer + 12, ape.length + 1)),
                Arguments.of("APE count that is not its items'", withSize(ape, footer + 16, 2)),
                Arguments.of("APE item larger than the tag", withSize(ape, 0, 1000)),
                Arguments.of("APE header that disagrees", withSize(withHeader, 12, withHeader.length)),
                Arguments.of("APE of an unknown version", withSize(ape, footer + 8, 3000)),
                Arguments.of("APE footer alone", Samples.concat(Samples.ascii("APETAGEX"), new byte[24])),
                Arguments.of("Lyrics3 v2 size off", Samples.concat(Samples.ascii("LYRICSBEGIN"), Samples.ascii(
                        "000012LYRICS200"))),
                Arguments.of("Lyrics3 v2 size not digits", Samples.concat(Samples.ascii("LYRICSBEGIN"),
                        Samples.ascii("0000+1LYRICS200"))),
                Arguments.of("Lyrics3 v2 size beyond the file", Samples.ascii("999999LYRICS200")),
                Arguments.of("Lyrics3 v1 without its beginning", Samples.ascii("lyricsLYRICSEND")));
    }

    private static byte[] withSize(byte[] tag, int at, int value) {
        byte[] lying = tag.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return lying;
    }

    @Test
    void anMp3WithEndTagsCutAnywhereKeepsEveryFrameItHas() {
        byte[] file = Samples.concat(FRAMES, Samples.apeTag(true, "Artist", TestImages.PHONE),
                Samples.lyrics3v2(TestImages.PLACE), Arrays.copyOf(Samples.ascii("TAG"), 128));

        for (int length = 0; length <= file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            byte[] stored = cleaned(cut);
            assertThat(stored).as("cut at " + length).startsWith(Arrays.copyOf(FRAMES, Math.min(length, FRAMES.length)));
            assertThat(cut).as("cut at " + length).startsWith(stored);
        }
    }

    @Test
    void readsAsItGoes() throws IOException {
        ProbeStream huge = ProbeStream.headerThenFiller(Samples.id3v2(0, new byte[500]), 1L << 30);

        try (InputStream in = new Mp3WithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        // the last bytes read are held back until the next ones show they are no tag of the end
        assertThat(huge.deepestRead()).isLessThan(200_000 + Mp3WithoutMetadata.HELD);
    }
}
