package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small values: each refuses bad state in its constructor, naming itself in domain words. */
class ValuesTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" a", "a b", "é", "\u0000"})
    void aClientIdIsVisibleAscii(String value) {
        assertThatThrownBy(() -> new ClientId(value))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("client id"));
    }

    @Test
    void aClientIdIsAtMostSixtyFourCharacters() {
        assertThat(new ClientId("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new ClientId("x".repeat(65))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void idsArePositive() {
        assertThatThrownBy(() -> new RoomId(0)).hasMessage("room id must be positive");
        assertThatThrownBy(() -> new MessageId(-1)).hasMessage("message id must be a positive message id");
        assertThatThrownBy(() -> MessageId.of("reply to", 0)).hasMessage("reply to must be a positive message id");
        assertThatThrownBy(() -> new UserId(0)).hasMessage("user id must be positive");
        assertThatThrownBy(() -> new SessionId(0)).hasMessage("session id must be positive");
        assertThat(new MessageId(2)).isGreaterThan(new MessageId(1));
    }

    @Test
    void aMessageTextIsBoundedAndHasNoNul() {
        assertThat(new MessageText(null)).isEqualTo(MessageText.EMPTY);
        assertThat(new MessageText("€".repeat(MessageText.MAX_LENGTH)).value()).hasSize(MessageText.MAX_LENGTH);
        assertThatThrownBy(() -> new MessageText("x".repeat(MessageText.MAX_LENGTH + 1)))
                .hasMessage("message text must be at most 4000 characters long");
        assertThatThrownBy(() -> new MessageText("a\0")).hasMessage("message text must not contain NUL characters");
    }

    /**
     * A JSON string can escape half of a surrogate pair ({@code "\\ud800"}): such text has no UTF-8 form, so a
     * database stored it as {@code ?}, and every password of them was the same password. Refused wherever text is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x\ud800y", "x\udfffy", "\udbff", "tail \ud83d", "\ude00 head"})
    void textWithHalfASurrogatePairIsRefusedEverywhere(String text) {
        String password = text + "-padding";
        assertThatThrownBy(() -> new MessageText(text)).as("message text")
                .hasMessage("message text must not contain unpaired surrogates (half of a UTF-16 pair)");
        assertThatThrownBy(() -> new PlainPassword(password)).as("password")
                .hasMessage("password must not contain unpaired surrogates (half of a UTF-16 pair)");
        assertThatThrownBy(() -> new RoomName("room " + text)).as("room name")
                .hasMessage("room name must not contain unpaired surrogates (half of a UTF-16 pair)");
        assertThatThrownBy(() -> new AttachmentRef("a.png", text + ".png")).as("file name")
                .hasMessage("file name must not contain unpaired surrogates (half of a UTF-16 pair)");
    }

    /** Zero-width spaces, joiners and marks show nothing: a post of only those is as empty as one of spaces. */
    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u202e", "\ufeff", " \u200b\u200d ", "\u2066\u2069"})
    void aPostOfOnlyInvisibleCharactersNeedsAFileAsAnEmptyOneDoes(String invisible) {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText(invisible), null, null, null))
                .hasMessage("a message needs message text or a file");
        assertThat(MessageDraft.of(new MessageText(invisible + "x"), null, null, null).text().value())
                .isEqualTo(invisible + "x");
    }

    /**
     * Letters and symbols that render blank (the Hangul fillers, the blank Braille pattern, the Khmer inherent
     * vowels), variation selectors, tag characters and combining marks with nothing to sit on show nothing either:
     * the audit posted each alone and got a message that looked empty.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u034f", "\u17b4", "\u17b5",
        "\u0301", "\u0301\u0308", "\u20dd", "\ufe0f", "\ufe00", "\udb40\udd00", "\udb40\uddef", "\udb40\udc00",
        "\udb40\udc01", "\udb40\udc20", "\udb40\udc7f", " \u3164\u2800\n\ufe0f\u200b ", "\u3164\u3164\u3164"})
    void aPostOfOnlyBlankLettersLoneMarksOrSelectorsNeedsAFile(String blank) {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText(blank), null, null, null))
                .hasMessage("a message needs message text or a file");
        assertThatThrownBy(() -> new RoomName(blank)).as("room names have the same rule")
                .hasMessageStartingWith("room name must");
    }

    /** The same characters among visible ones are real text: an emoji's selector, an accent, Korean, Khmer. */
    @ParameterizedTest
    @ValueSource(strings = {"\u2764\ufe0f", "1\ufe0f\u20e3", "\ud83d\udc4d\ud83c\udffd", "e\u0301", "caf\u00e9",
        "\uc548\ub155\ud558\uc138\uc694", "\u1100\u1161", "\u115f\u1161", "\u3164 hi", "\u1781\u17d2\u1798\u17c2\u179a",
        "\u17b5\u1780", "\u2801", "\u2800\u2801", "a\u034fb",
        "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f", "\u0915\u093e"})
    void theSameCharactersAmongVisibleOnesAreText(String text) {
        assertThat(MessageDraft.of(new MessageText(text), null, null, null).text().value()).isEqualTo(text);
        assertThat(new MessageText(text).showsNothing()).isFalse();
    }

    /** Control characters other than tabs and line breaks (ESC, BEL, DEL, C1) are no text to post. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "\u001b[31mred", "bell\u0007", "del\u007f", "c1\u0085"})
    void aPostOrEditCarriesNoControlCharactersButTabsAndLineBreaks(String text) {
        assertThatThrownBy(() -> MessageDraft.of(new MessageText(text), null, null, null))
                .hasMessage("message text must not contain control characters other than tabs and line breaks");
        assertThat(MessageDraft.of(new MessageText("a\tb\r\nc\nd"), null, null, null).text().value())
                .isEqualTo("a\tb\r\nc\nd");
        assertThat(new MessageText(text).value()).as("a stored message with one still reads back").isEqualTo(text);
    }

    /** A right-to-left override makes "\u202egnp.exe" show as "exe.png": no file name carries one. */
    @ParameterizedTest
    @ValueSource(strings = {"\u202egnp.exe", "a\u202dz.pdf", "x\u2067y.txt", "\u200fname.txt", "a\u061cb.doc"})
    void aFileNameCarriesNoBidirectionalControls(String name) {
        assertThatThrownBy(() -> new AttachmentRef("a.png", name))
                .hasMessage("file name must not contain bidirectional formatting characters (they can make a name"
                        + " read backwards)");
        assertThat(UnicodeText.withoutBidiControls(name))
                .doesNotContainPattern("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]");
        assertThat(new AttachmentRef("a.png", "صورة.png").displayName()).as("right-to-left letters themselves")
                .isEqualTo("صورة.png");
    }

    /** An upload's name keeps its last part; a name a sender gives is a name, not a path. */
    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd.pdf", "docs/a.pdf", "C:\\Users\\me\\a.pdf", "/a.pdf"})
    void aFileNameGivenWithAMessageIsNoPath(String name) {
        assertThatThrownBy(() -> new AttachmentRef("a.pdf", name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("file name must be a name, not a path (no / or \\)");
    }

    /** Rows written before the rules for names given with a message still read back as they were stored. */
    @ParameterizedTest
    @ValueSource(strings = {"\u202egnp.exe", "../../etc/passwd.pdf", "a\\b.pdf"})
    void aStoredFileNameThatTheseRulesWouldRefuseStillReadsBack(String name) {
        assertThat(new Attachment("a.pdf", name, 10L, "application/pdf").displayName()).isEqualTo(name);
    }

    @Test
    void aConnectedPersonsPresenceTellsItsStatusAndAnOfflinePersonsAlsoTheLastSighting() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        UserPresence online = new UserPresence(PresenceStatus.ONLINE, t);
        UserPresence offline = new UserPresence(PresenceStatus.OFFLINE, t);

        assertThat(online.tellsTheSameAs(new UserPresence(PresenceStatus.ONLINE, t.plusSeconds(5)))).isTrue();
        assertThat(online.tellsTheSameAs(new UserPresence(PresenceStatus.AWAY, t))).isFalse();
        assertThat(offline.tellsTheSameAs(new UserPresence(PresenceStatus.OFFLINE, t))).isTrue();
        assertThat(offline.tellsTheSameAs(new UserPresence(PresenceStatus.OFFLINE, t.plusSeconds(5)))).isFalse();
        assertThat(offline.tellsTheSameAs(null)).isFalse();
    }

    @Test
    void wholeSurrogatePairsAreText() {
        assertThat(new MessageText("ok \ud83d\ude00").value()).isEqualTo("ok 😀");
        assertThat(new PlainPassword("😀😀😀😀😀😀😀😀").reveal()).hasSize(16);
        assertThat(new RoomName("Fun 😀").value()).isEqualTo("Fun 😀");
        assertThat(new AttachmentRef("a.png", "😀.png").displayName()).isEqualTo("😀.png");
    }

    @Test
    void aRefusalNamesItsValueHoweverTheReaderCallsIt() {
        var refusal = new InvalidValueException("message text", "a message needs {} or a file");

        assertThat(refusal.subject()).isEqualTo("message text");
        assertThat(refusal.getMessage()).isEqualTo("a message needs message text or a file");
        assertThat(refusal.describe("content")).isEqualTo("a message needs content or a file");
        assertThat(new InvalidValueException("since", "since must be a message id").describe("x"))
                .as("a problem without a placeholder stays as it is").isEqualTo("since must be a message id");
    }

    @Test
    void reactionsAreTheSixEmojiWithOrWithoutTheVariationSelector() {
        assertThat(ReactionType.fromEmoji("❤")).contains(ReactionType.HEART);
        assertThat(ReactionType.fromEmoji("❤️")).contains(ReactionType.HEART);
        assertThat(ReactionType.fromEmoji("🍕")).isEmpty();
        assertThat(ReactionType.emojis()).containsExactly("👍", "❤️", "😂", "😮", "😢", "😡");
    }

    @Test
    void messageTypesGoByTheirLowerCaseNames() {
        assertThat(MessageType.TEXT_WITH_IMAGE.label()).isEqualTo("text_with_image");
        assertThat(MessageType.fromLabel("text_with_image")).contains(MessageType.TEXT_WITH_IMAGE);
        assertThat(MessageType.fromLabel("TEXT")).isEmpty();
    }
}
