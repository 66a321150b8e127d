package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.chatserver.application.port.out.attachment.MediaInspector.InspectorBusyException;
import org.junit.jupiter.api.Test;

/**
 * A request's virtual thread never decodes: it hands the image to the decoding threads and waits
 * without holding a carrier, is refused at once when they and their line are full, and is answered
 * at the time limit. The image's stream tells which threads read it, so nothing here is timed.
 */
class ImageDecodingIsolationTest {

    @Test
    void noByteOfAnImageIsReadOnTheRequestsThread() throws Exception {
        AtomicReference<Thread> request = new AtomicReference<>();
        AtomicReference<Optional<ImagePreview>> preview = new AtomicReference<>();
        for (byte[] image : new byte[][] {Samples.jpeg(800, 600), Samples.progressiveJpeg(800, 600),
                Samples.png(800, 600, true), Samples.gif(800, 600), Samples.webp(800, 600, java.awt.Color.RED)}) {
            ProbeStream stream = ProbeStream.of(image);
            try (TikaMediaInspector inspector = Inspectors.standard()) {
                Thread.ofVirtual().start(() -> {
                    request.set(Thread.currentThread());
                    preview.set(inspector.preview(stream, 320));
                }).join();
            }

            assertThat(preview.get()).isPresent();
            assertThat(stream.readers()).isNotEmpty().doesNotContain(request.get())
                    .allSatisfy(reader -> {
                        assertThat(reader.isVirtual()).isFalse();
                        assertThat(reader.getName()).startsWith("image-decoding-");
                    });
        }
    }

    @Test
    void whenEveryDecoderIsBusyAndNoneMayWaitAnImageIsRefusedUnread() throws Exception {
        ProbeStream held = ProbeStream.held(Samples.png(640, 480, false));
        ProbeStream next = ProbeStream.of(Samples.png(640, 480, false));
        try (TikaMediaInspector inspector = Inspectors.with(1, 0, Duration.ofMinutes(2), Duration.ofSeconds(3))) {
            CompletableFuture<Optional<ImagePreview>> first = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> first.complete(inspector.preview(held, 320)));
            held.awaitReading();

            assertThatThrownBy(() -> inspector.preview(next, 320))
                    .isInstanceOfSatisfying(InspectorBusyException.class,
                            busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
            assertThat(next.deepestRead()).isZero();

            held.release();
            assertThat(first.get()).hasValueSatisfying(preview -> assertThat(preview.width()).isEqualTo(320));
            assertThat(onceFree(inspector)).as("the decoder takes work again once the first is done").isPresent();
        }
    }

    /**
     * The next preview once the decoding thread is back for work: the first answer can reach its caller a
     * moment before the thread that produced it is free again, and meanwhile "busy" is the right answer.
     */
    private static Optional<ImagePreview> onceFree(TikaMediaInspector inspector) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return inspector.preview(ProbeStream.of(Samples.png(640, 480, false)), 320);
            } catch (InspectorBusyException busy) {
                if (attempt == 100) {
                    throw busy;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void anImageStillDecodingAtTheTimeLimitIsRefusedSayingSo() throws Exception {
        ProbeStream stuck = ProbeStream.held(Samples.png(640, 480, false));
        try (TikaMediaInspector inspector = Inspectors.with(1, 1, Duration.ofMillis(100), Duration.ofSeconds(1))) {
            // the decoder waits for bytes only this test releases, after the answer: the time limit is the only way out
            assertThatThrownBy(() -> inspector.preview(stuck, 320))
                    .isInstanceOf(ImageRefusedException.class)
                    .hasMessage("Image took longer than 100 ms to decode; it was refused");

            stuck.release();
            assertThat(inspector.preview(ProbeStream.of(Samples.png(64, 48, false)), 32)).isPresent();
        }
    }
}
