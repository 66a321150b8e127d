package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentTest {

    private static final StoredAttachment UPLOAD = new StoredAttachment("3f2a.jpg", "holiday.jpg", 1234,
            "image/jpeg", AttachmentKind.IMAGE, new UserId(1), Instant.parse("2026-11-25T10:00:00Z"), null);

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../etc/passwd", "a/b", ".hidden", "a..b", "%2e%2e", "a b.png"})
    void aReferenceNamesAStoredFileNeverAPath(String name) {
        assertThatThrownBy(() -> new AttachmentRef(name, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("file"));
    }

    /** The charset goes into a Content-Type header as it is: a name, nothing that could end the header's value. */
    @Test
    void aStoredCharsetIsACharsetNameOrNothing() {
        assertThat(new StoredAttachment("a.txt", "a.txt", 1, "text/plain", AttachmentKind.DOCUMENT, new UserId(1),
                Instant.EPOCH, null, "windows-1252").charset()).isEqualTo("windows-1252");
        assertThat(UPLOAD.charset()).isNull();
        for (String bad : new String[] {"", "UTF-8", "utf-8; x=1", "utf-8\r\nSet-Cookie: a", "x".repeat(41)}) {
            assertThatThrownBy(() -> new StoredAttachment("a.txt", "a.txt", 1, "text/plain", AttachmentKind.DOCUMENT,
                    new UserId(1), Instant.EPOCH, null, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theNameToShowIsStrippedBoundedAndOptional() {
        assertThat(new AttachmentRef("a.png", " cat.png ").displayName()).isEqualTo("cat.png");
        assertThat(new AttachmentRef("a.png", " ").displayName()).isNull();
        assertThatThrownBy(() -> new AttachmentRef("a.png", "x".repeat(256))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new AttachmentRef("a.png", "cat\n.png")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void whatTheServerRecordedWinsOverWhatTheSenderClaims() {
        assertThat(UPLOAD.attachedAs(new AttachmentRef("3f2a.jpg", "my cat.jpg")))
                .isEqualTo(new Attachment("3f2a.jpg", "my cat.jpg", 1234L, "image/jpeg"));
        assertThat(UPLOAD.attachedAs(new AttachmentRef("3f2a.jpg", null)).displayName())
                .as("no name given: the uploader's").isEqualTo("holiday.jpg");
        assertThatThrownBy(() -> UPLOAD.attachedAs(new AttachmentRef("other.jpg", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The preview the server made of an uploaded image goes with every message that carries the image. */
    @Test
    void aMessageCarriesThePreviewOfItsImage() {
        StoredAttachment image = new StoredAttachment("3f2a.png", "cat.png", 5000, "image/png", AttachmentKind.IMAGE,
                new UserId(1), Instant.parse("2026-11-25T10:00:00Z"), "3f2a-preview.jpg");

        assertThat(image.attachedAs(new AttachmentRef("3f2a.png", null)).previewName()).isEqualTo("3f2a-preview.jpg");
        assertThat(UPLOAD.attachedAs(new AttachmentRef("3f2a.jpg", null)).previewName()).isNull();
        assertThatThrownBy(() -> new Attachment("a.png", null, null, null, "../a-preview.jpg"))
                .isInstanceOf(InvalidValueException.class);
    }

    /** A name's length is counted in characters, as the room name's and the text's are, not in UTF-16 units. */
    @Test
    void aDisplayNameOf255EmojiIsAllowedAnd256AreNot() {
        String emoji = "😀".repeat(251) + ".pdf";

        assertThat(new Attachment("a.pdf", emoji, null, null).displayName()).isEqualTo(emoji);
        assertThatThrownBy(() -> new Attachment("a.pdf", "😀" + emoji, null, null))
                .hasMessage("file name must be at most 255 characters without control characters");
    }

    /** An upload's name is cut to its last 255 characters, the extension kept, never inside a character as shown. */
    @Test
    void theEndOfALongNameKeepsWholeCharacters() {
        assertThat(UnicodeText.lastCodePoints("😀".repeat(300) + ".pdf", 255)).isEqualTo("😀".repeat(251) + ".pdf");
        assertThat(UnicodeText.lastCodePoints("𠀀".repeat(300), 255)).isEqualTo("𠀀".repeat(255));
        // a family is one character of five code points and three joiners: not kept in part
        String family = "👨‍👩‍👧";
        assertThat(UnicodeText.lastCodePoints("a" + family + "b.txt", 7)).isEqualTo("b.txt");
        assertThat(UnicodeText.lastCodePoints("cafe\u0301 menu.txt", 10)).as("an accent without its letter")
                .isEqualTo(" menu.txt");
        assertThat(UnicodeText.lastCodePoints("short.txt", 255)).isEqualTo("short.txt");
    }

    @Test
    void anAttachmentKeepsSizesAndMediaTypesSane() {
        assertThat(new Attachment("a.png", null, null, " IMAGE/PNG ").mimeType()).isEqualTo("image/png");
        assertThat(new Attachment("a.png", null, null, " ").mimeType()).isNull();
        assertThat(new Attachment("a.png", "", null, null).displayName()).isEqualTo("a.png");
        assertThatThrownBy(() -> new Attachment("a.png", null, -1L, null)).hasMessage("file size must not be negative");
        assertThatThrownBy(() -> new Attachment("a.png", null, null, "text/html; x"))
                .hasMessage("media type must look like type/subtype");
    }
}
