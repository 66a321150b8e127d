package org.chatserver.adapter.media;

import org.chatserver.application.port.out.attachment.MediaInspector;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an upload really is and how its preview looks: provides the {@link MediaInspector} bean
 * {@code mediaInspector}, decoding on threads of its own ({@code chat.media.*}), closed with the context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

    @Bean
    public MediaInspector mediaInspector(MediaProperties properties) {
        return new TikaMediaInspector(properties);
    }
}
