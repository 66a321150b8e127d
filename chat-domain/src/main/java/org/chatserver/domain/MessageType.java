package org.chatserver.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a message carries. Each type goes by its lower-case name ({@code text_with_image}). */
public enum MessageType {
    TEXT(null),
    IMAGE(AttachmentKind.IMAGE),
    VIDEO(AttachmentKind.VIDEO),
    AUDIO(AttachmentKind.AUDIO),
    DOCUMENT(AttachmentKind.DOCUMENT),
    TEXT_WITH_IMAGE(AttachmentKind.IMAGE),
    TEXT_WITH_VIDEO(AttachmentKind.VIDEO),
    TEXT_WITH_AUDIO(AttachmentKind.AUDIO),
    TEXT_WITH_DOCUMENT(AttachmentKind.DOCUMENT);

    private final AttachmentKind attachmentKind;

    MessageType(AttachmentKind attachmentKind) {
        this.attachmentKind = attachmentKind;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }

    /** The kind of file this type carries, empty for plain text. */
    public Optional<AttachmentKind> attachmentKind() {
        return Optional.ofNullable(attachmentKind);
    }

    public boolean hasText() {
        return this == TEXT || name().startsWith("TEXT_WITH_");
    }

    /** The type a message gets when the client does not say: from what it carries. */
    public static MessageType infer(boolean hasText, AttachmentKind kind) {
        if (kind == null) {
            return TEXT;
        }
        return switch (kind) {
            case IMAGE -> hasText ? TEXT_WITH_IMAGE : IMAGE;
            case VIDEO -> hasText ? TEXT_WITH_VIDEO : VIDEO;
            case AUDIO -> hasText ? TEXT_WITH_AUDIO : AUDIO;
            case DOCUMENT -> hasText ? TEXT_WITH_DOCUMENT : DOCUMENT;
        };
    }
}
