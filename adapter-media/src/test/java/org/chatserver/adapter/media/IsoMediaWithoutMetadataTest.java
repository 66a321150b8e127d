package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoMediaWithoutMetadataTest {

    static byte[] cleaned(byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = new IsoMediaWithoutMetadata(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            }
        });
    }

    @ParameterizedTest(name = "movie first: {0}")
    @ValueSource(booleans = {true, false})
    void aPhoneVideoKeepsItsSamplesWhereTheyWereAndLosesWhereAndWhenItWasRecorded(boolean movieFirst) {
        byte[] video = Samples.phoneVideo("qt  ", movieFirst);

        byte[] stored = cleaned(video);

        assertThat(stored).as("as long as uploaded").hasSize(video.length);
        assertThat(text(stored)).doesNotContain(Samples.VIDEO_PLACE).doesNotContain(TestImages.PHONE)
                .doesNotContain(TestImages.PLACE).doesNotContain("Apple").doesNotContain("Canon")
                .doesNotContain("Sony");
        assertThat(boxes(stored, 0, stored.length)).as("the file's boxes (XMP and a Sony camera's XML free)")
                .containsExactly("ftyp", movieFirst ? "moov" : "mdat", movieFirst ? "mdat" : "moov", "free", "free");
        int moov = find(stored, "moov");
        assertThat(boxes(stored, moov + 8, moov + int32(stored, moov))).as("the movie's boxes (a Canon camera's free)")
                .containsExactly("mvhd", "free", "free", "trak", "free");
        int trak = find(stored, "trak");
        assertThat(boxes(stored, trak + 8, trak + int32(stored, trak))).as("the track's boxes")
                .containsExactly("tkhd", "mdia", "free");
        int minf = find(stored, "minf");
        assertThat(boxes(stored, minf + 8, minf + int32(stored, minf))).as("the media information's boxes")
                .containsExactly("stbl", "free");
        int mdat = find(video, "mdat");
        assertThat(Arrays.copyOfRange(stored, mdat, mdat + 264)).as("the samples, where they were")
                .isEqualTo(Arrays.copyOfRange(video, mdat, mdat + 264));
        int stco = find(video, "stco");
        assertThat(int32(stored, stco + 16)).as("the chunk offset").isEqualTo(mdat + 8);
        int free = find(stored, "free");
        assertThat(Arrays.copyOfRange(stored, free + 8, free + int32(stored, free))).as("a free box's payload")
                .containsOnly(0);
        for (String timed : List.of("mvhd", "mdhd")) {
            int at = find(stored, timed);
            assertThat(Arrays.copyOfRange(stored, at + 8, at + 20)).as(timed + "'s version, flags and times")
                    .containsOnly(0);
            assertThat(Arrays.copyOfRange(stored, at + 20, at + int32(stored, at))).as(timed + "'s other fields")
                    .isEqualTo(Arrays.copyOfRange(video, at + 20, at + int32(video, at)));
        }
        int tkhd = find(stored, "tkhd");
        assertThat(Arrays.copyOfRange(stored, tkhd + 8, tkhd + 28)).as("tkhd's version 1, flags and long times")
                .isEqualTo(new byte[] {1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(int32(stored, tkhd + 28)).as("the track's id").isEqualTo(1);
    }

    /** A fragmented MP4 (a recording streamed as it is made) can carry user data in each fragment. */
    @Test
    void aFragmentLosesItsUserDataAndKeepsItsTimingAndEncryption() {
        byte[] piff = Samples.box("uuid", new byte[16], new byte[8]);
        byte[] traf = Samples.box("traf", Samples.box("tfhd", new byte[8]), Samples.box("meta", Samples.ascii(
                Samples.VIDEO_PLACE)), piff);
        byte[] moof = Samples.box("moof", Samples.box("mfhd", new byte[8]), traf,
                Samples.box("udta", Samples.ascii(TestImages.PHONE)));
        byte[] file = Samples.concat(Samples.isoMedia("iso6"), moof, Samples.box("mdat", new byte[32]));

        byte[] stored = cleaned(file);

        assertThat(stored).hasSize(file.length);
        assertThat(text(stored)).doesNotContain(Samples.VIDEO_PLACE).doesNotContain(TestImages.PHONE);
        int at = find(stored, "moof");
        assertThat(boxes(stored, at + 8, at + moof.length)).containsExactly("mfhd", "traf", "free");
        at = find(stored, "traf");
        assertThat(boxes(stored, at + 8, at + traf.length)).containsExactly("tfhd", "free", "uuid");
        assertThat(stored).as("the fragment's uuid box").containsSequence(piff);
    }

    /** A 360° camera's track says how to project its video (Spherical Video V1); without it the video plays flat. */
    @Test
    void aThreeSixtyVideoKeepsItsProjectionAndNothingElse() {
        byte[] projection = Samples.box("uuid", HexFormat.of().parseHex("FFCC8263F8554A938814587A02521FDD"),
                Samples.ascii("<rdf:SphericalVideo><GSpherical:Spherical>true</GSpherical:Spherical>"
                        + "<GSpherical:ProjectionType>equirectangular</GSpherical:ProjectionType>"
                        + "</rdf:SphericalVideo>"));
        byte[] xmp = Samples.box("uuid", HexFormat.of().parseHex("BE7ACFCB97A942E89C71999491E3AFAC"),
                Samples.ascii("<x:xmpmeta>" + TestImages.PLACE + "</x:xmpmeta>"));
        byte[] elsewhere = Samples.box("uuid", HexFormat.of().parseHex("FFCC8263F8554A938814587A02521FDD"),
                Samples.ascii(TestImages.PHONE));
        byte[] trak = Samples.box("trak", xmp, projection, Samples.box("uuid", new byte[10]));
        byte[] file = Samples.concat(Samples.isoMedia("isom"), Samples.box("moov", trak, elsewhere), elsewhere);

        byte[] stored = cleaned(file);

        assertThat(stored).hasSize(file.length).containsSequence(projection);
        assertThat(text(stored)).doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE);
        int at = find(stored, "trak");
        assertThat(boxes(stored, at + 8, at + trak.length)).as("the track's boxes")
                .containsExactly("free", "uuid", "free");
        assertThat(text(stored).split("uuid", -1)).as("uuid boxes but the track's projection").hasSize(2);
    }

    @Test
    void aFileWithNothingToRemoveIsStoredAsItIs() {
        byte[] plain = Samples.isoMedia("mp42", "isom", "mp42");

        assertThat(cleaned(plain)).isEqualTo(plain);
    }

    @Test
    void aVideoCutShortAnywhereEndsWhereItIsCutWithoutWhereItWasRecorded() {
        byte[] video = Samples.phoneVideo("isom", true);

        List<Integer> starts = new ArrayList<>();
        for (int at = 0; at < video.length; at += int32(video, at)) {
            starts.add(at);
        }
        for (int length = 0; length < video.length; length++) {
            byte[] cut = Arrays.copyOf(video, length);
            byte[] stored = cleaned(cut);
            int end = length;
            // a box of the file's level whose header is cut short is no box: it is dropped
            starts.stream().filter(at -> at < end && end < at + 8).findFirst().ifPresentOrElse(
                    at -> assertThat(stored).as("cut at " + end + ", in a header").isEqualTo(cleaned(Arrays.copyOf(video, at))),
                    () -> assertThat(stored).as("cut at " + end).hasSize(end));
            assertThat(text(stored)).as("cut at " + length).doesNotContain(Samples.VIDEO_PLACE)
                    .doesNotContain(TestImages.PHONE);
        }
    }

    /** An action camera appends its GPS track after the file's last box, where no player looks. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\0\1GPS +48.8606+002.3376 8db42d694ccc418790edff439fe026bf", "GPS", "\0\0\0\4ftyp+48.8606",
            "\0\0\0\1mdat+48", "\0\0\0\1mdat\0\0\0\0\0\0\0\7+48.8606"})
    void whatFollowsTheLastBoxIsDropped(String trailer) {
        byte[] video = Samples.phoneVideo("isom", true);

        byte[] stored = cleaned(Samples.concat(video, Samples.ascii(trailer)));

        assertThat(stored).isEqualTo(cleaned(video));
    }

    /**
     * An action camera's GPS trailer may start with four bytes that read as a plausible size and four letters: a box
     * of no type a file holds at its level is no part of the movie, whatever its size.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("boxLikeTrailers")
    void aTrailerThatLooksLikeABoxIsDroppedToo(String what, byte[] trailer) {
        byte[] video = Samples.phoneVideo("isom", true);

        byte[] stored = cleaned(Samples.concat(video, trailer));

        assertThat(stored).as(what).isEqualTo(cleaned(video));
    }

    static Stream<Arguments> boxLikeTrailers() {
        byte[] track = Samples.ascii("$GPRMC,123519,A,4851.636,N,00220.256,E " + Samples.VIDEO_PLACE);
        return Stream.of(
                Arguments.of("a box of its own", Samples.box("GPS ", track)),
                Arguments.of("a size beyond the file", Samples.concat(Samples.ascii("\0\0\1\0gps0"), track)),
                Arguments.of("a size of 0, to the end", Samples.concat(Samples.ascii("\0\0\0\0LIGOGPSINFO"), track)),
                Arguments.of("a 64-bit size", Samples.concat(ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("gpmd"))
                        .putLong(16 + track.length).array(), track)),
                Arguments.of("boxes of their own, then bytes that are none", Samples.concat(Samples.box("gps0", track),
                        Samples.box("gps1", track), Samples.ascii("\1\2" + Samples.VIDEO_PLACE))),
                Arguments.of("a header cut short after one", Samples.concat(Samples.box("GPS ", track), new byte[5])));
    }

    /** Before the movie, such a box is zeroed as a free box of its size: the movie after it and its offsets stay. */
    @Test
    void aBoxOfAnUnknownTypeBeforeTheMovieBecomesFreeAndTheMovieStays() {
        byte[] video = Samples.phoneVideo("isom", false);
        int mdat = find(video, "mdat");
        byte[] unknown = Samples.concat(Samples.box("abcd", Samples.ascii(Samples.VIDEO_PLACE)),
                Samples.box("efgh", Samples.ascii(TestImages.PHONE)));
        byte[] file = Samples.concat(Arrays.copyOf(video, mdat), unknown, Arrays.copyOfRange(video, mdat, video.length));

        byte[] stored = cleaned(file);

        assertThat(stored).hasSize(file.length);
        assertThat(text(stored)).doesNotContain(Samples.VIDEO_PLACE).doesNotContain(TestImages.PHONE);
        assertThat(boxes(stored, 0, stored.length)).as("the file's boxes, the two unknown ones one free box")
                .containsExactly("ftyp", "free", "mdat", "moov", "free", "free");
        assertThat(Arrays.copyOfRange(stored, mdat + 8, mdat + unknown.length)).containsOnly(0);
        int samples = mdat + unknown.length;
        assertThat(Arrays.copyOfRange(stored, samples, samples + 264)).as("the samples")
                .isEqualTo(Arrays.copyOfRange(file, samples, samples + 264));
    }

    /** A million boxes of unknown types cost one free box, not a million held headers. */
    @Test
    void manyBoxesOfUnknownTypesBecomeOneFreeBox() {
        int count = 1_000_000;
        ByteBuffer many = ByteBuffer.allocate(count * 8);
        for (int i = 0; i < count; i++) {
            many.putInt(8).put(Samples.ascii("zz" + (char) ('a' + i % 26) + "z"));
        }
        byte[] movie = Samples.box("moov", Samples.box("mvhd", new byte[100]));
        byte[] file = Samples.concat(Samples.isoMedia("isom"), many.array(), movie);

        byte[] stored = cleaned(file);

        assertThat(stored).hasSize(file.length).endsWith(cleaned(movie));
        assertThat(boxes(stored, 0, stored.length)).as("isoMedia's ftyp, free and mdat, then the unknown boxes as one")
                .containsExactly("ftyp", "free", "mdat", "free", "moov");
    }

    /** More than 4 GiB of them: the free box standing for them has a 64-bit size, and what follows stays. */
    @Test
    void boxesOfUnknownTypesOfMoreThanFourGibibytesBecomeAFreeBoxOfA64BitSize() throws IOException {
        long size = (1L << 32) + 24;
        byte[] movie = Samples.box("moov", Samples.box("mvhd", new byte[100]));
        byte[] start = Samples.concat(Samples.isoMedia("isom"),
                ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("gps0")).putLong(size).array());
        InputStream file = new SequenceInputStream(new ByteArrayInputStream(start), new SequenceInputStream(
                new Zeros(size - 16), new ByteArrayInputStream(movie)));

        try (InputStream in = new IsoMediaWithoutMetadata(file)) {
            byte[] head = in.readNBytes(start.length);
            assertThat(Arrays.copyOf(head, start.length - 16)).as("the boxes before")
                    .isEqualTo(Arrays.copyOf(start, start.length - 16));
            assertThat(Arrays.copyOfRange(head, start.length - 16, start.length)).as("the free box's header")
                    .isEqualTo(ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("free")).putLong(size).array());
            assertThat(in.skip(size - 16)).as("its zeros").isEqualTo(size - 16);
            assertThat(in.readAllBytes()).as("the movie after it").isEqualTo(cleaned(movie));
        }
    }

    /** Zeros, handed out a buffer at a time. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long count) {
            left = count;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            Arrays.fill(buffer, offset, offset + count, (byte) 0);
            left -= count;
            return count;
        }
    }

    @Test
    void aRecordingCutShortKeepsWhatThereIsOfItsSamples() {
        byte[] video = Samples.phoneVideo("isom", true);
        int mdat = find(video, "mdat");
        byte[] cut = Arrays.copyOf(video, mdat + 100);

        assertThat(cleaned(cut)).as("the samples there are").endsWith(Arrays.copyOfRange(video, mdat, mdat + 100));
    }

    /** Sizes that lie, wherever they are, cost neither the samples before them nor a place after them. */
    @Test
    void sizesThatLieNeverLetThePlaceThrough() {
        byte[] video = Samples.phoneVideo("isom", false);
        int moov = find(video, "moov");
        int udta = find(video, "udta");
        for (long size : new long[] {0, 1, 2, 7, 0xFFFFFFFFL}) {
            byte[] lying = video.clone();
            ByteBuffer.wrap(lying).putInt(udta, (int) size);
            byte[] stored = cleaned(lying);
            assertThat(stored).as("udta of size " + size).hasSize(lying.length);
            assertThat(text(stored)).as("udta of size " + size).doesNotContain(Samples.VIDEO_PLACE)
                    .doesNotContain(TestImages.PHONE);
            assertThat(Arrays.copyOf(stored, moov)).as("what comes before the movie, udta of size " + size)
                    .isEqualTo(Arrays.copyOf(video, moov));
        }
        byte[] hugeMovie = video.clone();
        ByteBuffer.wrap(hugeMovie).putInt(moov, 0x7FFFFFFF);
        assertThat(text(cleaned(hugeMovie))).as("a movie larger than the file").doesNotContain(Samples.VIDEO_PLACE)
                .doesNotContain(TestImages.PHONE);
        byte[] stoppedAtEight = video.clone();
        ByteBuffer.wrap(stoppedAtEight).putInt(find(video, "mvhd"), 3);
        assertThat(text(cleaned(stoppedAtEight))).as("a size too small in the movie").doesNotContain(Samples.VIDEO_PLACE);
    }

    @Test
    void sixtyFourBitSizesAreReadAndOnesThatLieAreHarmless() {
        byte[] samples = new byte[100];
        Arrays.fill(samples, (byte) 5);
        byte[] video = Samples.phoneVideo("isom", false);
        int moov = find(video, "moov");
        byte[] movie = Arrays.copyOfRange(video, moov, moov + int32(video, moov));
        for (long largeSize : new long[] {16 + samples.length, 8, Long.MAX_VALUE, Long.MIN_VALUE, -1, 1L << 40, 0}) {
            byte[] mdat = Samples.concat(ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("mdat")).putLong(largeSize)
                    .array(), samples);
            byte[] file = Samples.concat(Samples.isoMedia("isom"), mdat, movie);
            byte[] stored = cleaned(file);
            // too small for a header of 16 bytes: no box, dropped with all after it
            boolean noBox = largeSize == 8;
            assertThat(stored).as("mdat of size " + Long.toUnsignedString(largeSize))
                    .hasSize(noBox ? file.length - mdat.length - movie.length : file.length);
            if (largeSize > 16 + samples.length || largeSize <= 0) {
                // 2^63 and more too, which a signed long reads as negative: it ends with the file, kept
                assertThat(stored).as("mdat of size " + Long.toUnsignedString(largeSize) + ", to the file's end")
                        .isEqualTo(file);
            }
            if (largeSize == 16 + samples.length) {
                assertThat(boxes(stored, 0, stored.length)).containsExactly("ftyp", "free", "mdat", "mdat", "moov");
                assertThat(Arrays.copyOf(stored, file.length - movie.length)).as("the samples")
                        .isEqualTo(Arrays.copyOf(file, file.length - movie.length));
            }
            if (largeSize <= 16 + samples.length && largeSize > 0) {
                // larger ones hold the movie in their samples, as a player reading the boxes sees it too
                assertThat(text(stored)).as("mdat of size " + largeSize).doesNotContain(Samples.VIDEO_PLACE);
            }
        }
    }

    /** Boxes nested a million deep are not followed: only moov, its tracks, their media and its information open. */
    @Test
    void deepNestingCostsNothing() {
        int depth = 1_000_000;
        ByteBuffer nested = ByteBuffer.allocate(depth * 8 + 8);
        for (int level = 0; level < depth; level++) {
            nested.putInt(8 * (depth - level) + 8).put(Samples.ascii(level == 0 ? "moov" : "trak"));
        }
        nested.putInt(8).put(Samples.ascii("udta"));

        assertThat(cleaned(nested.array())).hasSize(nested.capacity());
    }

    @Test
    void readsAsItGoes() throws IOException {
        byte[] header = Samples.concat(Samples.isoMedia("isom"),
                ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("mdat")).putLong(1L << 40).array());
        ProbeStream huge = ProbeStream.headerThenFiller(header, 1L << 30);

        try (InputStream in = new IsoMediaWithoutMetadata(huge)) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }
        assertThat(huge.deepestRead()).isLessThan(200_000);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int int32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).getInt(at);
    }

    /** Where a box of this type begins, its size being 4 bytes before its type. */
    private static int find(byte[] file, String type) {
        String text = text(file);
        int at = text.indexOf(type);
        assertThat(at).as(type).isGreaterThanOrEqualTo(4);
        return at - 4;
    }

    private static List<String> boxes(byte[] file, int from, int to) {
        List<String> types = new ArrayList<>();
        for (int at = from; at + 8 <= to; ) {
            long size = Integer.toUnsignedLong(int32(file, at));
            types.add(new String(file, at + 4, 4, StandardCharsets.ISO_8859_1));
            if (size == 1) {
                size = ByteBuffer.wrap(file).getLong(at + 8);
            }
            if (size < 8) {
                break;
            }
            at += (int) size;
        }
        return types;
    }
}
