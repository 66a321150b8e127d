package org.chatserver.adapter.storage.fs;

import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Attachments on a local disk: provides the {@link AttachmentStorage} bean {@code attachmentStorage}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FsStorageProperties.class)
public class FsStorageConfiguration {

    @Bean
    public AttachmentStorage attachmentStorage(FsStorageProperties properties) {
        try {
            return new FsAttachmentStorage(properties.root());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("chat.storage.fs.root: " + e.getMessage(), e);
        }
    }
}
