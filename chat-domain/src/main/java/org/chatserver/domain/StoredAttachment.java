package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An uploaded file as the server recorded it: what it really is (detected from its content),
 * under which fresh random name it is kept, and who sent it when.
 *
 * @param name         the stored name, {@code <uuid><ext>}; the last segment of its URL
 * @param originalName the name the uploader gave, for display only
 * @param previewName  the stored name of a small preview (images), or null
 * @param charset      the character encoding text is written in (lower case, e.g. {@code utf-8},
 *                     {@code windows-1252}), detected at upload; null for anything but text, and for text uploaded
 *                     before it was recorded (which is served as UTF-8)
 */
public record StoredAttachment(String name, String originalName, long size, String mimeType, AttachmentKind kind,
                               UserId uploader, Instant createdAt, String previewName, String charset) {

    private static final Pattern CHARSET = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,39}");

    /** A file that is not text, or whose charset is not known. */
    public StoredAttachment(String name, String originalName, long size, String mimeType, AttachmentKind kind,
                            UserId uploader, Instant createdAt, String previewName) {
        this(name, originalName, size, mimeType, kind, uploader, createdAt, previewName, null);
    }

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
        if (charset != null && !CHARSET.matcher(charset).matches()) {
            throw new IllegalArgumentException("not a charset name: " + charset);
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
