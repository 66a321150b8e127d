package org.chatserver.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message carries, checked: a type that agrees with what is carried. What a sender posts or
 * edits to ({@link #of}, {@link #withText}) also has something to show, text or a file; only a deleted
 * message's {@link #REMOVED} content has neither.
 */
public record MessageDraft(MessageText text, MessageType type, Attachment attachment) {

    private static final String TYPE = "message type";

    /** What is left of a deleted message: no text, no file. */
    public static final MessageDraft REMOVED = new MessageDraft(MessageText.EMPTY, MessageType.TEXT, null);

    public MessageDraft {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        if (attachment != null && text.showsNothing()) {
            // a caption nobody can see is no caption: stored, shown and compared as none, so history and the room
            // list never show invisible characters as a file's message, and an edit between two such is no edit
            text = MessageText.EMPTY;
            type = type.attachmentKind().map(kind -> MessageType.infer(false, kind)).orElse(type);
        }
        if (attachment == null && type != MessageType.TEXT) {
            throw new InvalidValueException(TYPE, "{} " + type.label() + " needs a file");
        }
        if (attachment != null && type == MessageType.TEXT) {
            throw new InvalidValueException(TYPE, "a message with a file cannot have {} text");
        }
    }

    /**
     * @param declared the type the sender gave, or null to infer it from what is carried
     * @param knownKind what the file really is (from the upload record), or null when unknown
     */
    public static MessageDraft of(MessageText text, MessageType declared, Attachment attachment,
                                  AttachmentKind knownKind) {
        if (text.showsNothing() && attachment == null) {
            throw new InvalidValueException(MessageText.SUBJECT, "a message needs {} or a file");
        }
        text.checkTypeable();
        AttachmentKind kind = attachment == null ? null
                : Optional.ofNullable(knownKind).orElseGet(() -> kindFromMime(attachment.mimeType()));
        MessageType type;
        if (declared == null) {
            type = MessageType.infer(!text.showsNothing(), kind);
        } else {
            type = declared;
            if (attachment != null && knownKind != null && type.attachmentKind().isPresent()
                    && type.attachmentKind().get() != knownKind) {
                throw new InvalidValueException(TYPE, "{} " + type.label()
                        + " does not match the file, which is " + knownKind.name().toLowerCase(Locale.ROOT));
            }
            if (text.showsNothing() && type.hasText() && type != MessageType.TEXT) {
                // the app may say text_with_image for an image without caption; keep what it carries
                type = MessageType.infer(false, type.attachmentKind().orElseThrow());
            }
        }
        return new MessageDraft(text, type, attachment);
    }

    /**
     * The same file with another text: the type follows (a caption added to an image makes it
     * text_with_image, a caption taken away makes it image again). A message without a file still
     * needs text.
     */
    public MessageDraft withText(MessageText newText) {
        return of(newText, null, attachment, type.attachmentKind().orElse(null));
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
