package org.chatserver.adapter.storage.fs;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code chat.storage.fs.*}.
 *
 * @param root folder holding the attachments, created at start-up when missing; relative paths
 *             are resolved against the working directory
 */
@ConfigurationProperties("chat.storage.fs")
public record FsStorageProperties(Path root) {

    public FsStorageProperties {
        if (root == null || root.toString().isBlank()) {
            throw new IllegalArgumentException("chat.storage.fs.root must name the folder for attachments");
        }
    }
}
