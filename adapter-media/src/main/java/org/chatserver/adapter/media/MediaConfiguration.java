package org.chatserver.adapter.media;

import org.chatserver.application.port.out.attachment.MediaInspector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What an upload really is and how its preview looks: provides the {@link MediaInspector} bean {@code mediaInspector}. */
@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {

    @Bean
    public MediaInspector mediaInspector() {
        return new TikaMediaInspector();
    }
}
