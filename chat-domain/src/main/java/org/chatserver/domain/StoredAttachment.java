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

    /**
     * What a message that points at this upload carries: what the server recorded when the file
     * came in wins over anything the sender claims; only the name to show is the sender's to choose.
     */
    public Attachment attachedAs(AttachmentRef ref) {
        if (!ref.fileName().equals(name)) {
            throw new IllegalArgumentException("a reference to " + ref.fileName() + ", not to " + name);
        }
        return new Attachment(name, ref.displayName() == null ? originalName : ref.displayName(), size, mimeType,
                previewName);
    }
}
