package org.chatserver.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MediaConfigurationTest {

    @Test
    void providesAWorkingMediaInspector() {
        new ApplicationContextRunner().withUserConfiguration(MediaConfiguration.class).run(started -> {
            assertThat(started).hasSingleBean(MediaInspector.class).hasBean("mediaInspector");
            MediaInspector inspector = started.getBean(MediaInspector.class);

            assertThat(inspector.detectType(new ByteArrayInputStream(Samples.pdf()), "a.pdf")).isEqualTo("application/pdf");
            assertThat(inspector.preview(new ByteArrayInputStream(Samples.png(64, 32, false)), 32))
                    .hasValueSatisfying(preview -> assertThat(preview.height()).isEqualTo(16));
        });
    }
}
