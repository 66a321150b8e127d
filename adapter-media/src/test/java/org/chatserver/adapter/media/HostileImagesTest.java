package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.util.stream.Stream;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files that froze the server (issue 8), and their kin in every format we decode, are refused
 * from their headers before any pixel is decoded. Each header is followed by a megabyte of filler
 * where its pixel data would be: a decoder that started on the pixels would read deep into it.
 */
class HostileImagesTest {

    private static final int FILLER = 1 << 20;
    /** What reading a header may cost: the stream is cached in blocks of 8 KiB, plus one block of read-ahead. */
    private static final int READ_AHEAD = 2 * 8192;

    private final TikaMediaInspector inspector = Inspectors.standard();

    @AfterEach
    void close() {
        inspector.close();
    }

    static Stream<Arguments> hostileHeaders() {
        return Stream.of(
                Arguments.of("the issue's 519-byte progressive JPEG claiming 10000 x 10000",
                        Samples.jpegHeader(Samples.progressiveJpegClaiming(10_000, 10_000)),
                        "Image is 10000 × 10000 pixels (100.0 megapixels); at most 33.2 megapixels are accepted"),
                Arguments.of("a progressive JPEG of 20 megapixels, under the general limit",
                        Samples.jpegHeader(Samples.progressiveJpegClaiming(5000, 4000)),
                        "Progressive JPEG is 5000 × 4000 pixels (20.0 megapixels); at most 12.0 megapixels are "
                                + "accepted for progressive and multi-scan JPEGs (save it as a baseline JPEG)"),
                Arguments.of("a baseline JPEG claiming 10000 x 10000",
                        Samples.jpegHeader(Samples.jpegClaiming(Samples.jpeg(16, 16), 10_000, 10_000)),
                        "Image is 10000 × 10000 pixels"),
                Arguments.of("a PNG of 1 x 100,000,000", Samples.pngHeader(1, 100_000_000, 8),
                        "Image is 1 × 100000000 pixels (100.0 megapixels)"),
                Arguments.of("a 16-bit PNG of 10000 x 10000", Samples.pngHeader(10_000, 10_000, 16),
                        "Image is 10000 × 10000 pixels"),
                Arguments.of("a PNG just over the limit", Samples.pngHeader(7681, 4320, 8),
                        "Image is 7681 × 4320 pixels (33,181,920 pixels); at most 33,177,600 pixels are accepted"),
                Arguments.of("a GIF of 65535 x 65535", Samples.gifHeader(65_535, 65_535),
                        "Image is 65535 × 65535 pixels"),
                Arguments.of("a WebP of 16384 x 16384", Samples.webp(16_384, 16_384, Color.RED),
                        "Image is 16384 × 16384 pixels"),
                Arguments.of("a WebP over what its decoder may hold", Samples.webp(4097, 4096, Color.RED),
                        "WebP image is 4097 × 4096 pixels (16,781,312 pixels); at most 16,777,216 pixels are "
                                + "accepted for WebP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileHeaders")
    void isRefusedFromItsHeaderWithoutDecodingAPixel(String what, byte[] header, String why) {
        ProbeStream file = ProbeStream.headerThenFiller(header, FILLER);

        assertThatThrownBy(() -> inspector.preview(file, 320))
                .isInstanceOf(ImageRefusedException.class)
                .hasMessageStartingWith(why);
        assertThat(file.deepestRead()).as("bytes read of a %d-byte header", header.length)
                .isLessThanOrEqualTo(header.length + READ_AHEAD);
    }

    @Test
    void aJpegWithMoreScansThanAnyEncoderWritesIsRefusedUndecoded() {
        assertThat(inspector.preview(new ByteArrayInputStream(Samples.progressiveJpegWithScans(10)), 32)).isPresent();
        // decoded, not refused: the decoder then finds the repeated scans break the progression and warns
        assertThat(inspector.preview(new ByteArrayInputStream(Samples.progressiveJpegWithScans(32)), 32)).isEmpty();

        assertThatThrownBy(() -> inspector.preview(new ByteArrayInputStream(Samples.progressiveJpegWithScans(33)), 32))
                .isInstanceOf(ImageRefusedException.class)
                .hasMessage("JPEG has more than 32 scans; at most 32 are accepted");
    }

    @Test
    void honestImagesOfTheSameKindsStillGetPreviews() {
        for (byte[] image : new byte[][] {Samples.progressiveJpeg(1200, 900), Samples.blackPng(1200, 900, 16),
                Samples.gif(1200, 900), Samples.webp(1200, 900, Color.RED)}) {
            ImagePreview preview = inspector.preview(new ByteArrayInputStream(image), 320).orElseThrow();

            assertThat(preview.width()).isEqualTo(320);
            assertThat(preview.height()).isEqualTo(240);
        }
    }
}
