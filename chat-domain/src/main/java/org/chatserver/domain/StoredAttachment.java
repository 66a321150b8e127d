package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An uploaded file as the server recorded it: what it really is (detected from its content),
 * under which fresh random name it is kept, and who sent it when.
 *
 * @param name         the stored name, {@code <uuid><ext>}; the last segment of its URL
 * @param originalName the name the uploader gave, for display only
 * @param previewName  the stored name of a small preview (images), or null
 */
public record StoredAttachment(String name, String originalName, long size, String mimeType, AttachmentKind kind,
                               UserId uploader, Instant createdAt, String previewName) {

    public StoredAttachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(createdAt, "createdAt");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    public String url() {
        return Attachment.PATH_PREFIX + name;
    }
}
