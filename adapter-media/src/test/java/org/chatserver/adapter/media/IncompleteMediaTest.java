package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A recording cut short (an upload that broke off on the sender's side, a copy from a card pulled too soon) was stored
 * and shown its receivers as a player that does not play: reading it to store it refuses it, saying so. Files that
 * play, whatever a writer left at their end, are stored as before.
 */
class IncompleteMediaTest {

    private static final String VIDEO_CUT = "Video file is incomplete (truncated or damaged): ";
    private static final String AUDIO_CUT = "Audio file is incomplete (truncated or damaged): ";

    private final TikaMediaInspector inspector = Inspectors.standard();

    @AfterEach
    void close() {
        inspector.close();
    }

    static Stream<Arguments> wholeFiles() {
        byte[] fragment = Samples.concat(Samples.box("moof", Samples.box("mfhd", new byte[8]),
                Samples.box("traf", Samples.box("tfhd", new byte[8]))), Samples.box("mdat", new byte[32]));
        byte[] samplesToTheEnd = Samples.concat(new byte[] {0, 0, 0, 0}, Samples.ascii("mdat"), new byte[40]);
        byte[] largeSamples = Samples.concat(ByteBuffer.allocate(16).putInt(1).put(Samples.ascii("mdat"))
                .putLong(16 + 40).array(), new byte[40]);
        byte[] movie = Samples.box("moov", Samples.box("mvhd", new byte[100]));
        return Stream.of(
                Arguments.of("a phone's video, movie first", "video/mp4", Samples.phoneVideo("isom", true)),
                Arguments.of("a phone's video, movie last", "video/quicktime", Samples.phoneVideo("qt  ", false)),
                Arguments.of("a voice memo", "audio/mp4", Samples.phoneVideo("M4A ", true)),
                Arguments.of("the smallest movie", "video/mp4", Samples.isoMovie("isom", "isom")),
                Arguments.of("a fragmented MP4, streamed as recorded", "video/mp4",
                        Samples.concat(Samples.isoMedia("iso6"), movie, fragment, fragment,
                                Samples.box("mfra", Samples.box("mfro", new byte[8])))),
                Arguments.of("samples to the end of the file (size 0)", "video/mp4",
                        Samples.concat(Samples.isoMedia("isom"), movie, samplesToTheEnd)),
                Arguments.of("samples of a 64-bit size", "video/mp4",
                        Samples.concat(Samples.isoMedia("isom"), movie, largeSamples)),
                Arguments.of("samples claiming 2^63 bytes, to the end", "video/mp4",
                        Samples.concat(Samples.isoMovie("isom"), ByteBuffer.allocate(16).putInt(1)
                                .put(Samples.ascii("mdat")).putLong(Long.MIN_VALUE).array(), new byte[40])),
                Arguments.of("a WAV", "audio/wav", Samples.wav()),
                Arguments.of("a recorder's WAV", "audio/wav", Samples.phoneWav()),
                Arguments.of("an AVI", "video/x-msvideo", Samples.avi()),
                Arguments.of("a camera's AVI", "video/x-msvideo", Samples.phoneAvi()),
                Arguments.of("a WAV whose odd sound lacks its pad byte", "audio/wav", wavOf(new byte[1601], false)),
                Arguments.of("a WAV whose odd sound has its pad byte", "audio/wav", wavOf(new byte[1601], true)),
                Arguments.of("a WAV streamed to a pipe, sizes unknown", "audio/wav", streamedWav(0xFFFFFFFF)),
                Arguments.of("a WAV streamed by SoX, sizes unknown", "audio/wav", streamedWav(0x7FFFF000)),
                Arguments.of("a WAV cut in the tags after its sound", "audio/wav",
                        Arrays.copyOf(Samples.phoneWav(), Samples.phoneWav().length - 20)),
                Arguments.of("an AVI cut in its index", "video/x-msvideo",
                        Arrays.copyOf(Samples.phoneAvi(), Samples.phoneAvi().length - 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeFiles")
    void aFileThatPlaysIsStored(String what, String type, byte[] file) throws IOException {
        assertThat(stored(file, type)).as(what).isNotEmpty();
    }

    /** The WAV the JDK's own writer makes, as a Java recorder would. */
    @Test
    void aWavWrittenByTheJdkIsStored() throws IOException {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        byte[] sound = new byte[16000];
        for (int i = 0; i < sound.length; i++) {
            sound[i] = (byte) (i * 13);
        }
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(sound), format, sound.length / 2),
                AudioFileFormat.Type.WAVE, wav);

        assertThat(stored(wav.toByteArray(), "audio/wav")).hasSize(wav.size());
        byte[] cut = Arrays.copyOf(wav.toByteArray(), wav.size() - 1000);
        assertThatThrownBy(() -> stored(cut, "audio/wav")).isInstanceOf(FileRefusedException.class)
                .hasMessage(AUDIO_CUT + "its data chunk ends 1000 bytes past the end of the file");
    }

    /** Trailers that an action camera appends after the last box, some starting like one, are no cut. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.chatserver.adapter.media.IsoMediaWithoutMetadataTest#boxLikeTrailers")
    void aVideoWithWhatACameraAppendedIsStored(String what, byte[] trailer) throws IOException {
        assertThat(stored(Samples.concat(Samples.phoneVideo("isom", true), trailer), "video/mp4")).as(what)
                .isNotEmpty();
    }

    static Stream<Arguments> cutFiles() {
        byte[] movieFirst = Samples.phoneVideo("isom", true);
        byte[] movieLast = Samples.phoneVideo("qt  ", false);
        byte[] memo = Samples.phoneVideo("M4A ", true);
        int samplesEnd = indexOf(movieFirst, "mdat") + 4 + 256;
        int movieEnd = indexOf(movieLast, "moov") - 4 + moovSize(movieLast);
        byte[] movie = Samples.box("moov", Samples.box("mvhd", new byte[100]));
        byte[] fragment = Samples.concat(Samples.box("moof", Samples.box("mfhd", new byte[8])),
                Samples.box("mdat", new byte[32]));
        byte[] fragmented = Samples.concat(Samples.isoMedia("iso6"), movie, fragment, fragment);
        byte[] wav = Samples.phoneWav();
        int soundEnd = indexOf(wav, "data") + 8 + 1600;
        byte[] avi = Samples.phoneAvi();
        int framesEnd = indexOf(avi, "idx1");
        int samplesStart = indexOf(movieFirst, "mdat") - 4;
        byte[] beforeSamples = Arrays.copyOf(movieFirst, samplesStart);
        return Stream.of(
                // cut where the samples begin: none of their header, some of it, or their 64-bit size cut
                Arguments.of("video/mp4", beforeSamples, VIDEO_CUT + "it has no media data box (mdat)"),
                Arguments.of("video/mp4", Arrays.copyOf(movieFirst, samplesStart + 3),
                        VIDEO_CUT + "it has no media data box (mdat)"),
                Arguments.of("video/mp4", Arrays.copyOf(movieFirst, samplesStart + 5),
                        VIDEO_CUT + "its mdat box's header ends 3 bytes past the end of the file"),
                Arguments.of("audio/mp4", Arrays.copyOf(memo, samplesStart + 7),
                        AUDIO_CUT + "its mdat box's header ends 1 byte past the end of the file"),
                Arguments.of("video/mp4", Samples.concat(beforeSamples, ByteBuffer.allocate(12).putInt(1)
                        .put(Samples.ascii("mdat")).putInt(0).array()),
                        VIDEO_CUT + "its mdat box's header ends 4 bytes past the end of the file"),
                // a size smaller than the header it is in
                Arguments.of("video/mp4", Samples.concat(beforeSamples, ByteBuffer.allocate(16).putInt(1)
                        .put(Samples.ascii("mdat")).putLong(8).array(), new byte[40]),
                        VIDEO_CUT + "its mdat box's size, 8, is less than its header"),
                Arguments.of("video/quicktime", Samples.concat(beforeSamples, Samples.ascii("\0\0\0\4mdat"),
                        new byte[40]), VIDEO_CUT + "its mdat box's size, 4, is less than its header"),
                Arguments.of("video/mp4", Arrays.copyOf(movieFirst, samplesEnd - 100),
                        VIDEO_CUT + "its mdat box ends 100 bytes past the end of the file"),
                Arguments.of("video/quicktime", Arrays.copyOf(movieLast, movieEnd - 1),
                        VIDEO_CUT + "its moov box ends 1 byte past the end of the file"),
                Arguments.of("audio/mp4", Arrays.copyOf(memo, samplesEnd - 3),
                        AUDIO_CUT + "its mdat box ends 3 bytes past the end of the file"),
                Arguments.of("video/mp4", Arrays.copyOf(fragmented, fragmented.length - 5),
                        VIDEO_CUT + "its mdat box ends 5 bytes past the end of the file"),
                Arguments.of("video/quicktime", Arrays.copyOf(movieLast, indexOf(movieLast, "moov") - 4),
                        VIDEO_CUT + "it has no movie box (moov)"),
                Arguments.of("video/mp4", Samples.isoMedia("isom"), VIDEO_CUT + "it has no movie box (moov)"),
                Arguments.of("audio/wav", Arrays.copyOf(wav, soundEnd - 600),
                        AUDIO_CUT + "its data chunk ends 600 bytes past the end of the file"),
                Arguments.of("audio/wav", Arrays.copyOf(wav, indexOf(wav, "data") + 2),
                        AUDIO_CUT + "it has no data chunk"),
                Arguments.of("video/x-msvideo", Arrays.copyOf(avi, framesEnd - 7),
                        VIDEO_CUT + "its movie list (movi) ends 7 bytes past the end of the file"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cutFiles")
    void aRecordingCutShortIsRefusedSayingSoEachTimeItIsRead(String type, byte[] file, String why) {
        for (int time = 1; time <= 2; time++) {
            assertThatThrownBy(() -> stored(file, type)).as("read %d", time)
                    .isInstanceOf(FileRefusedException.class).hasMessage(why);
        }
    }

    private byte[] stored(byte[] file, String type) throws IOException {
        try (InputStream stored = inspector.withoutMetadata(new ByteArrayInputStream(file), type).orElseThrow()) {
            return stored.readAllBytes();
        }
    }

    private static byte[] wavOf(byte[] sound, boolean padded) {
        byte[] fmt = Arrays.copyOfRange(Samples.wav(), 12, 36);
        byte[] data = Samples.concat(Samples.ascii("data"), le32(sound.length), sound,
                padded && sound.length % 2 == 1 ? new byte[1] : new byte[0]);
        byte[] body = Samples.concat(Samples.ascii("WAVE"), fmt, data);
        return Samples.concat(Samples.ascii("RIFF"), le32(body.length), body);
    }

    private static byte[] streamedWav(int unknown) {
        byte[] fmt = Arrays.copyOfRange(Samples.wav(), 12, 36);
        return Samples.concat(Samples.ascii("RIFF"), le32(unknown), Samples.ascii("WAVE"), fmt,
                Samples.ascii("data"), le32(unknown), new byte[1600]);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static int moovSize(byte[] file) {
        return ByteBuffer.wrap(file, indexOf(file, "moov") - 4, 4).getInt();
    }

    private static int indexOf(byte[] file, String type) {
        byte[] wanted = Samples.ascii(type);
        for (int at = 0; at + wanted.length <= file.length; at++) {
            if (Arrays.equals(file, at, at + wanted.length, wanted, 0, wanted.length)) {
                return at;
            }
        }
        throw new AssertionError(type + " not in the file");
    }
}
