package org.chatserver.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What a sender wants to post, checked: something to show (text or a file), and a type that
 * agrees with what is carried.
 */
public record MessageDraft(MessageText text, MessageType type, Attachment attachment) {

    public MessageDraft {
        if (text.isBlank() && attachment == null) {
            throw new InvalidValueException("content", "a message needs content or a file");
        }
        if (attachment == null && type != MessageType.TEXT) {
            throw new InvalidValueException("message_type", "message_type " + type.wireName() + " needs a file");
        }
        if (attachment != null && type == MessageType.TEXT) {
            throw new InvalidValueException("message_type", "a message with a file cannot have message_type text");
        }
    }

    /**
     * @param declared the client's {@code message_type}, or null to infer it
     * @param knownKind what the file really is (from the upload record), or null when unknown
     */
    public static MessageDraft of(String text, String declared, Attachment attachment, AttachmentKind knownKind) {
        MessageText body = new MessageText(text);
        AttachmentKind kind = attachment == null ? null
                : Optional.ofNullable(knownKind).orElseGet(() -> kindFromMime(attachment.mimeType()));
        MessageType type;
        if (declared == null || declared.isBlank()) {
            type = MessageType.infer(!body.isBlank(), kind);
        } else {
            type = MessageType.fromWire(declared.strip())
                    .orElseThrow(() -> new InvalidValueException("message_type",
                            "message_type must be one of text, image, video, audio, document, text_with_image, "
                                    + "text_with_video, text_with_audio, text_with_document"));
            if (attachment != null && knownKind != null && type.attachmentKind().isPresent()
                    && type.attachmentKind().get() != knownKind) {
                throw new InvalidValueException("message_type", "message_type " + type.wireName()
                        + " does not match the file, which is " + knownKind.name().toLowerCase(Locale.ROOT));
            }
            if (body.isBlank() && type.hasText() && type != MessageType.TEXT) {
                // the app may say text_with_image for an image without caption; keep what it carries
                type = MessageType.infer(false, type.attachmentKind().orElseThrow());
            }
        }
        return new MessageDraft(body, type, attachment);
    }

    private static AttachmentKind kindFromMime(String mimeType) {
        if (mimeType == null) {
            return AttachmentKind.DOCUMENT;
        }
        if (mimeType.startsWith("image/")) {
            return AttachmentKind.IMAGE;
        }
        if (mimeType.startsWith("video/")) {
            return AttachmentKind.VIDEO;
        }
        if (mimeType.startsWith("audio/")) {
            return AttachmentKind.AUDIO;
        }
        return AttachmentKind.DOCUMENT;
    }
}
