package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.util.Random;
import org.chatserver.application.contract.TestImages;
import org.junit.jupiter.api.Test;

class RiffWithoutMetadataTest {

    private static byte[] cleaned(byte[] file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = new RiffWithoutMetadata(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            }
        });
    }

    @Test
    void aWavLosesItsInfoBroadcastExtensionIxmlId3AndXmpKeepsItsSizeAndSound() {
        byte[] recording = Samples.phoneWav();

        byte[] stored = cleaned(recording);

        assertThat(text(stored)).doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE)
                .doesNotContain("Recorder").doesNotContain("2026");
        assertThat(stored).as("as long as uploaded, every size true").hasSize(recording.length);
        assertThat(chunks(stored, 12, stored.length))
                .containsExactly("fmt ", "JUNK", "JUNK", "JUNK", "data", "cue ", "JUNK", "JUNK");
        for (String kept : List.of("fmt ", "data", "cue ")) {
            assertThat(body(stored, kept)).as(kept).isEqualTo(body(recording, kept));
        }
        assertThat(body(stored, "data")).isEqualTo(Samples.wavSamples());
        assertThat(Arrays.copyOf(stored, 12)).isEqualTo(Arrays.copyOf(recording, 12));
    }

    @Test
    void anAviLosesItsInfoDateAndStreamNameKeepsItsHeadersFramesAndIndex() {
        byte[] video = Samples.phoneAvi();

        byte[] stored = cleaned(video);

        assertThat(text(stored)).doesNotContain(TestImages.PLACE).doesNotContain(TestImages.PHONE)
                .doesNotContain("2026");
        assertThat(stored).hasSize(video.length);
        assertThat(chunks(stored, 12, stored.length)).containsExactly("LIST hdrl", "JUNK", "JUNK", "LIST movi", "idx1");
        int hdrl = 12;
        assertThat(chunks(stored, hdrl + 12, hdrl + 8 + le32(stored, hdrl + 4)))
                .containsExactly("avih", "LIST strl", "JUNK");
        int strl = hdrl + 12 + 8 + le32(stored, hdrl + 16);
        assertThat(chunks(stored, strl + 12, strl + 8 + le32(stored, strl + 4))).containsExactly("strh", "strf", "JUNK");
        assertThat(Arrays.copyOf(stored, strl + 8 + 4 + 8 + 56 + 8 + 40))
                .as("up to the stream name: headers and format").isEqualTo(Arrays.copyOf(video, strl + 8 + 4 + 8 + 56 + 8 + 40));
        int movi = text(video).indexOf("movi") - 8;
        assertThat(Arrays.copyOfRange(stored, movi, stored.length)).as("frames and index")
                .isEqualTo(Arrays.copyOfRange(video, movi, video.length));
    }

    /** Filler is skipped by readers, and a writer may have left anything in it. */
    @Test
    void fillerIsZeroedOutsideAMovie() {
        byte[] filler = Samples.concat(Samples.ascii("JUNK"), le(14), Samples.ascii(TestImages.PHONE + "\0\0\0"));
        byte[] file = riff("WAVE", Samples.concat(filler, Arrays.copyOfRange(Samples.wav(), 12, Samples.wav().length)));

        byte[] stored = cleaned(file);

        assertThat(text(stored)).doesNotContain(TestImages.PHONE);
        assertThat(Arrays.copyOfRange(stored, 34, stored.length)).isEqualTo(Arrays.copyOfRange(file, 34, file.length));
    }

    @Test
    void aPlainWavOrAviIsStoredAsItIsAndWhatFollowsTheRiffIsDropped() {
        for (byte[] plain : List.of(Samples.wav(), Samples.avi())) {
            assertThat(cleaned(plain)).isEqualTo(plain);
            assertThat(cleaned(Samples.concat(plain, Samples.ascii("TAG" + TestImages.PLACE)))).isEqualTo(plain);
        }
    }

    @Test
    void aFileCutShortEndsWhereItIsCutWithoutItsMetadata() {
        for (byte[] file : List.of(Samples.phoneWav(), Samples.phoneAvi())) {
            for (int length = 0; length < file.length; length++) {
                byte[] stored = cleaned(Arrays.copyOf(file, length));
                assertThat(stored).as("cut at " + length).hasSize(length);
                assertThat(text(stored)).as("cut at " + length).doesNotContain(TestImages.PHONE)
                        .doesNotContain(TestImages.PLACE);
            }
        }
    }

    @Test
    void sizesThatLieNeverLetTheMetadataThrough() {
        for (byte[] file : List.of(Samples.phoneWav(), Samples.phoneAvi())) {
            List<Integer> sizes = new ArrayList<>(List.of(4)); // the RIFF's
            for (String type : List.of("LIST", "bext", "iXML", "id3 ", "_PMX", "IDIT", "strn", "ICMT", "IART")) {
                for (int at = text(file).indexOf(type); at >= 0; at = text(file).indexOf(type, at + 1)) {
                    sizes.add(at + 4);
                }
            }
            for (int sizeAt : sizes) {
                for (int size : new int[] {-1, 0x7FFFFFFF, 0, 1, 3, 4, 5}) {
                    byte[] lying = file.clone();
                    ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(sizeAt, size);
                    byte[] stored = cleaned(lying);
                    assertThat(stored.length).isLessThanOrEqualTo(lying.length);
                    assertThat(text(stored)).as("size " + size + " at " + sizeAt).doesNotContain(TestImages.PHONE)
                            .doesNotContain(TestImages.PLACE);
                }
            }
        }
    }

    @Test
    void damagedFilesAreCleanedAsFarAsTheyCanBeReadNeverLonger() {
        Random random = new Random(42);
        for (byte[] file : List.of(Samples.phoneWav(), Samples.phoneAvi())) {
            for (int round = 0; round < 1000; round++) {
                byte[] damaged = file.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                assertThat(cleaned(damaged).length).isLessThanOrEqualTo(damaged.length);
            }
        }
    }

    @Test
    void metadataNestedDeeperThanListsAreReadIsZeroedAndAMovieKeepsFramesOfAnyName() {
        byte[] nested = Samples.concat(Samples.ascii("LIST"), le(4 + 8 + 4 + TestImages.PLACE.length()),
                Samples.ascii("INFO"), Samples.ascii("ICMT"), le(TestImages.PLACE.length()), Samples.ascii(TestImages.PLACE));
        for (int level = 0; level < 20; level++) {
            nested = Samples.concat(Samples.ascii("LIST"), le(4 + nested.length), Samples.ascii("deep"), nested);
        }
        byte[] deep = riff("AVI ", nested);
        assertThat(cleaned(deep)).hasSize(deep.length);
        assertThat(text(cleaned(deep))).doesNotContain(TestImages.PLACE);

        byte[] frames = Samples.concat(Samples.ascii("LIST"), le(4 + 8 + 6 + 8 + 6), Samples.ascii("movi"),
                Samples.ascii("01wb"), le(5), Samples.ascii("sound\0"), Samples.ascii("ID3 "), le(5), Samples.ascii("phone\0"));
        byte[] stored = cleaned(riff("AVI ", frames));
        assertThat(text(stored)).contains("01wb").contains("sound").doesNotContain("phone").contains("JUNK");
    }

    @Test
    void aRiffIsReadAsItGoes() throws IOException {
        for (String type : List.of("data", "bext")) {
            byte[] header = Samples.concat(Samples.ascii("RIFF"), le(-1), Samples.ascii("WAVE" + type), le(-1));
            ProbeStream huge = ProbeStream.headerThenFiller(header, 1L << 30);

            try (InputStream in = new RiffWithoutMetadata(huge)) {
                assertThat(in.readNBytes(100_000)).hasSize(100_000);
            }
            assertThat(huge.deepestRead()).as(type).isLessThan(200_000);
        }
    }

    /** The inspector cleans a WAV by Tika's name for it as by the upload policy's, and an AVI. */
    @Test
    void theInspectorCleansAWavByEitherNameAndAnAvi() throws IOException {
        try (TikaMediaInspector inspector = Inspectors.standard()) {
            for (String type : List.of("audio/wav", "audio/vnd.wave", "video/x-msvideo")) {
                byte[] file = type.startsWith("video") ? Samples.phoneAvi() : Samples.phoneWav();
                try (InputStream stored = inspector.withoutMetadata(new ByteArrayInputStream(file), type).orElseThrow()) {
                    assertThat(text(stored.readAllBytes())).as(type).doesNotContain(TestImages.PHONE);
                }
            }
        }
    }

    private static byte[] riff(String form, byte[] body) {
        return Samples.concat(Samples.ascii("RIFF"), le(4 + body.length), Samples.ascii(form), body);
    }

    /** The chunks between two offsets, a list named with its type. */
    private static List<String> chunks(byte[] riff, int from, int to) {
        List<String> types = new ArrayList<>();
        for (int at = from; at + 8 <= to; ) {
            String type = new String(riff, at, 4, StandardCharsets.ISO_8859_1);
            types.add(type.equals("LIST") ? type + " " + new String(riff, at + 8, 4, StandardCharsets.ISO_8859_1) : type);
            int size = le32(riff, at + 4);
            at += 8 + size + (size & 1);
        }
        return types;
    }

    /** The data of the first chunk of that type at the RIFF's top. */
    private static byte[] body(byte[] riff, String type) {
        for (int at = 12; at + 8 <= riff.length; ) {
            int size = le32(riff, at + 4);
            if (new String(riff, at, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return Arrays.copyOfRange(riff, at + 8, at + 8 + size);
            }
            at += 8 + size + (size & 1);
        }
        throw new AssertionError("no " + type);
    }

    private static int le32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
