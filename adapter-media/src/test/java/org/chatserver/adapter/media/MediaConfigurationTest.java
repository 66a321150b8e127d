package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MediaConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MediaConfiguration.class);

    @Test
    void providesAWorkingMediaInspector() {
        context.run(started -> {
            assertThat(started).hasSingleBean(MediaInspector.class).hasBean("mediaInspector");
            MediaInspector inspector = started.getBean(MediaInspector.class);

            assertThat(inspector.detectType(new ByteArrayInputStream(Samples.pdf()), "a.pdf")).isEqualTo("application/pdf");
            assertThat(inspector.preview(new ByteArrayInputStream(Samples.png(64, 32, false)), 32))
                    .hasValueSatisfying(preview -> assertThat(preview.height()).isEqualTo(16));
        });
    }

    @Test
    void theDefaultsAreTheDocumentedLimits() {
        context.run(started -> {
            MediaProperties properties = started.getBean(MediaProperties.class);

            assertThat(properties.maxPixels()).isEqualTo(DecodeLimits.DEFAULT_MAX_PIXELS).isEqualTo(7680 * 4320);
            assertThat(properties.maxProgressivePixels()).isEqualTo(DecodeLimits.DEFAULT_MAX_PROGRESSIVE_PIXELS);
            assertThat(properties.decodeThreads()).isZero();
            assertThat(properties.effectiveDecodeThreads()).isEqualTo(DecodingPool.defaultThreads()).isPositive();
            assertThat(properties.decodeQueue()).isEqualTo(8);
            assertThat(properties.decodeTimeLimit()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.busyRetryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void theLimitsReachTheInspector() {
        context.withPropertyValues("chat.media.max-pixels=1000000").run(started -> {
            MediaInspector inspector = started.getBean(MediaInspector.class);

            assertThat(inspector.preview(new ByteArrayInputStream(Samples.png(1000, 1000, false)), 32)).isPresent();
            assertThatThrownBy(() -> inspector.preview(new ByteArrayInputStream(Samples.pngHeader(1001, 1000, 8)), 32))
                    .isInstanceOf(ImageRefusedException.class).hasMessageContaining("at most 1,000,000 pixels");
        });
    }

    @Test
    void aBadSettingStopsStartUpNamingTheProperty() {
        for (String[] bad : new String[][] {
                {"chat.media.decode-threads=-1", "chat.media.decode-threads must be 0 (half the cores) or more"},
                {"chat.media.decode-queue=-1", "chat.media.decode-queue must be 0 or more"},
                {"chat.media.max-pixels=1000", "chat.media.max-pixels must be at least 1000000"},
                {"chat.media.max-progressive-pixels=0", "chat.media.max-progressive-pixels must be at least 1000000"},
                {"chat.media.decode-time-limit=0s", "chat.media.decode-time-limit must be positive"},
                {"chat.media.busy-retry-after=-1s", "chat.media.busy-retry-after must be 0 or more"}}) {
            context.withPropertyValues(bad[0]).run(started ->
                    assertThat(started).getFailure().as(bad[0]).hasStackTraceContaining(bad[1]));
        }
    }
}
