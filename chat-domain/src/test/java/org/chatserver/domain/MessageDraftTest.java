package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageDraftTest {

    private static final Attachment PHOTO = new Attachment("a.jpg", null, 10L, "image/jpeg");
    private static final Attachment UNKNOWN = new Attachment("a.bin", null, 10L, null);

    @Test
    void aMessageNeedsTextOrAFile() {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText("  "), null, null, null))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.subject()).isEqualTo("message text"))
                .hasMessage("a message needs message text or a file");
        assertThat(MessageDraft.of(MessageText.EMPTY, null, PHOTO, AttachmentKind.IMAGE).type())
                .isEqualTo(MessageType.IMAGE);
    }

    @Test
    void theTypeIsInferredFromWhatIsCarried() {
        assertThat(MessageDraft.of(new MessageText("hi"), null, null, null).type()).isEqualTo(MessageType.TEXT);
        assertThat(MessageDraft.of(new MessageText("look"), null, PHOTO, AttachmentKind.IMAGE).type())
                .isEqualTo(MessageType.TEXT_WITH_IMAGE);
        assertThat(MessageDraft.of(MessageText.EMPTY, null, UNKNOWN, null).type())
                .as("nothing known of the file: a document").isEqualTo(MessageType.DOCUMENT);
        assertThat(MessageDraft.of(MessageText.EMPTY, null, new Attachment("a.mp4", null, 1L, "video/mp4"), null)
                .type()).as("else its media type tells").isEqualTo(MessageType.VIDEO);
    }

    @Test
    void aDeclaredTypeMustAgreeWithWhatTheFileReallyIs() {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText("x"), MessageType.TEXT_WITH_DOCUMENT, PHOTO,
                AttachmentKind.IMAGE)).hasMessage("message type text_with_document does not match the file, which is image");
        assertThat(MessageDraft.of(new MessageText("x"), MessageType.TEXT_WITH_IMAGE, PHOTO, AttachmentKind.IMAGE)
                .type()).isEqualTo(MessageType.TEXT_WITH_IMAGE);
    }

    @Test
    void aCaptionTypeWithoutCaptionKeepsWhatItCarries() {
        assertThat(MessageDraft.of(MessageText.EMPTY, MessageType.TEXT_WITH_IMAGE, PHOTO, AttachmentKind.IMAGE)
                .type()).isEqualTo(MessageType.IMAGE);
    }

    /** A caption that shows nothing is no caption, as a blank one: the photo is an image, not text_with_image. */
    @Test
    void aCaptionThatShowsNothingCountsAsNone() {
        for (String blank : new String[] {"  ", "\u200b", "\u3164", "\u2800\ufe0f", "\u0301"}) {
            assertThat(MessageDraft.of(new MessageText(blank), null, PHOTO, AttachmentKind.IMAGE).type()).as(blank)
                    .isEqualTo(MessageType.IMAGE);
            assertThat(MessageDraft.of(new MessageText(blank), MessageType.TEXT_WITH_IMAGE, PHOTO, AttachmentKind.IMAGE)
                    .type()).as(blank).isEqualTo(MessageType.IMAGE);
        }
        assertThat(MessageDraft.of(new MessageText("\u2764\ufe0f"), null, PHOTO, AttachmentKind.IMAGE).type())
                .isEqualTo(MessageType.TEXT_WITH_IMAGE);
    }

    /**
     * The audit posted a document with the caption U+3164, and with spaces around a zero-width space: typed
     * document, but its text kept the invisible characters, which history and the room list then showed as its
     * message. A caption nobody sees is stored as none.
     */
    @Test
    void aCaptionThatShowsNothingIsStoredAsNone() {
        Attachment report = new Attachment("r.pdf", "report.pdf", 10L, "application/pdf");
        for (String blank : new String[] {"\u3164", "  \u200b ", "\u200b\u200b", "\u2800\ufe0f", " "}) {
            MessageDraft draft = MessageDraft.of(new MessageText(blank), null, report, AttachmentKind.DOCUMENT);
            assertThat(draft.text().value()).as(blank).isEmpty();
            assertThat(draft).as(blank).isEqualTo(MessageDraft.of(MessageText.EMPTY, null, report,
                    AttachmentKind.DOCUMENT));
        }
        assertThat(new MessageDraft(new MessageText("\u3164"), MessageType.TEXT_WITH_IMAGE, PHOTO))
                .as("one stored before this rule reads back without it")
                .isEqualTo(new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, PHOTO));
        assertThat(MessageDraft.of(new MessageText("\u3164 hi"), null, report, AttachmentKind.DOCUMENT).text().value())
                .as("a visible caption keeps every character").isEqualTo("\u3164 hi");
    }

    @Test
    void aFileTypeNeedsAFileAndAFileNeedsAFileType() {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText("x"), MessageType.AUDIO, null, null))
                .hasMessage("message type audio needs a file");
        assertThatThrownBy(() -> new MessageDraft(new MessageText("x"), MessageType.TEXT, PHOTO))
                .hasMessage("a message with a file cannot have message type text");
    }
}
