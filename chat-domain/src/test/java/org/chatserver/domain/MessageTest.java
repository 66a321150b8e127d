package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may change a message, and what is left of it afterwards. */
class MessageTest {

    private static final Instant POSTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final RoomId ROOM = new RoomId(3);
    private static final UserId AUTHOR = new UserId(1);
    private static final UserId OTHER = new UserId(2);
    private static final Attachment PHOTO = new Attachment("p.jpg", "holiday.jpg", 10L, "image/jpeg");

    private final Message text = new Message(new MessageId(7), ROOM, AUTHOR, new Username("alice"),
            MessageDraft.of(new MessageText("helo"), null, null, null), "c-1", POSTED);

    @Test
    void theAuthorEditsTheTextAndTheEditIsDated() {
        Message edited = text.edit(AUTHOR, new MessageText("hello"), POSTED.plusSeconds(30), null);

        assertThat(edited.content().text().value()).isEqualTo("hello");
        assertThat(edited.editedAt()).isEqualTo(POSTED.plusSeconds(30));
        assertThat(edited.createdAt()).isEqualTo(POSTED);
        assertThat(edited.id()).isEqualTo(text.id());
    }

    @Test
    void anEditToTheSameTextChangesNothing() {
        Message same = text.edit(AUTHOR, new MessageText("helo"), POSTED.plusSeconds(30), null);

        assertThat(same).as("the message after an edit to its own text").isSameAs(text);
        assertThat(same.editedAt()).isNull();
        assertThatThrownBy(() -> text.edit(OTHER, new MessageText("helo"), POSTED, null))
                .as("still only its author's to edit").isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void nobodyElseEditsAMessageNotEvenAModerator() {
        assertThatThrownBy(() -> text.edit(OTHER, new MessageText("mine now"), POSTED, null))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the author of a message can edit it");
    }

    @Test
    void aDeletedMessageCannotBeEdited() {
        Message deleted = text.delete(AUTHOR, Optional.empty());

        assertThatThrownBy(() -> deleted.edit(AUTHOR, new MessageText("back"), POSTED, null))
                .isInstanceOf(RuleViolation.Conflict.class).hasMessage("This message was deleted");
    }

    @Test
    void theEditWindowClosesAfterItsLength() {
        Duration window = Duration.ofMinutes(15);

        assertThat(text.edit(AUTHOR, new MessageText("in time"), POSTED.plus(window), window).editedAt())
                .isEqualTo(POSTED.plus(window));
        assertThatThrownBy(() -> text.edit(AUTHOR, new MessageText("too late"), POSTED.plus(window).plusSeconds(1),
                window))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("Messages can be edited only within 15 minutes of posting");
    }

    @Test
    void aTextMessageCannotBeEditedToNothingButACaptionCanGo() {
        assertThatThrownBy(() -> text.edit(AUTHOR, new MessageText(" "), POSTED, null))
                .isInstanceOf(InvalidValueException.class).hasMessage("a message needs message text or a file");

        Message photo = new Message(new MessageId(8), ROOM, AUTHOR, new Username("alice"),
                MessageDraft.of(new MessageText("look"), null, PHOTO, AttachmentKind.IMAGE), null, POSTED);
        Message uncaptioned = photo.edit(AUTHOR, MessageText.EMPTY, POSTED, null);
        assertThat(uncaptioned.content()).isEqualTo(new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, PHOTO));
        assertThat(uncaptioned.edit(AUTHOR, new MessageText("again"), POSTED, null).content().type())
                .isEqualTo(MessageType.TEXT_WITH_IMAGE);
    }

    /**
     * The audit edited a file's caption from "" to two zero-width spaces, then to one: each counted as an edit (a new
     * edited_at, an earlier version kept, a message_edited frame) though nothing a reader sees changed.
     */
    @Test
    void anEditBetweenCaptionsThatShowNothingChangesNothing() {
        Message photo = new Message(new MessageId(8), ROOM, AUTHOR, new Username("alice"),
                MessageDraft.of(MessageText.EMPTY, null, PHOTO, AttachmentKind.IMAGE), null, POSTED);
        assertThat(photo.edit(AUTHOR, new MessageText("\u200b\u200b"), POSTED.plusSeconds(5), null)).isSameAs(photo);
        assertThat(photo.edit(AUTHOR, new MessageText(" \u3164"), POSTED.plusSeconds(5), null)).isSameAs(photo);

        Message captioned = photo.edit(AUTHOR, new MessageText("look"), POSTED.plusSeconds(5), null);
        Message uncaptioned = captioned.edit(AUTHOR, new MessageText("\u200b"), POSTED.plusSeconds(9), null);
        assertThat(uncaptioned.content()).as("an invisible caption replacing a real one takes it away")
                .isEqualTo(new MessageDraft(MessageText.EMPTY, MessageType.IMAGE, PHOTO));
        assertThat(uncaptioned.editedAt()).isEqualTo(POSTED.plusSeconds(9));
    }

    @Test
    void theAuthorTheOwnerAndModeratorsDelete() {
        assertThat(text.delete(AUTHOR, Optional.of(member(AUTHOR, Membership.Role.MEMBER))).deleted()).isTrue();
        assertThat(text.delete(AUTHOR, Optional.empty()).deleted()).as("who left the room").isTrue();
        assertThat(text.delete(OTHER, Optional.of(member(OTHER, Membership.Role.OWNER))).deleted()).isTrue();
        assertThat(text.delete(OTHER, Optional.of(member(OTHER, Membership.Role.MODERATOR))).deleted()).isTrue();
        assertThat(text.isModeratedBy(OTHER)).isTrue();
        assertThat(text.isModeratedBy(AUTHOR)).isFalse();
    }

    @Test
    void anotherMemberOrANonMemberCannotDelete() {
        assertThatThrownBy(() -> text.delete(OTHER, Optional.of(member(OTHER, Membership.Role.MEMBER))))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the author of a message, or the room's owner or a moderator, can delete it");
        assertThatThrownBy(() -> text.delete(OTHER, Optional.empty())).isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void aTombstoneKeepsItsPlaceButNoTextFileOrEditAndIsDeletedOnce() {
        Message photo = new Message(new MessageId(8), ROOM, AUTHOR, new Username("alice"),
                MessageDraft.of(new MessageText("look"), null, PHOTO, AttachmentKind.IMAGE), null, POSTED)
                .edit(AUTHOR, new MessageText("look!"), POSTED.plusSeconds(5), null);

        Message tombstone = photo.delete(AUTHOR, Optional.empty());

        assertThat(tombstone.content()).isEqualTo(MessageDraft.REMOVED);
        assertThat(tombstone.editedAt()).isNull();
        assertThat(tombstone.id()).isEqualTo(photo.id());
        assertThat(tombstone.createdAt()).isEqualTo(POSTED);
        assertThat(tombstone.sender()).isEqualTo(photo.sender());
        assertThatThrownBy(() -> tombstone.delete(AUTHOR, Optional.empty()))
                .isInstanceOf(RuleViolation.Conflict.class);
        assertThatThrownBy(tombstone::checkReactable).isInstanceOf(RuleViolation.Conflict.class);
    }

    @Test
    void onlyTheOwnerAndModeratorsPinAndNeverATombstone() {
        text.checkPinnableBy(Optional.of(member(OTHER, Membership.Role.OWNER)));
        text.checkPinnableBy(Optional.of(member(OTHER, Membership.Role.MODERATOR)));
        assertThatThrownBy(() -> text.checkPinnableBy(Optional.of(member(AUTHOR, Membership.Role.MEMBER))))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the room's owner or a moderator can pin or unpin messages");
        assertThatThrownBy(() -> text.checkPinnableBy(Optional.empty())).isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> text.delete(AUTHOR, Optional.empty())
                .checkPinnableBy(Optional.of(member(OTHER, Membership.Role.OWNER))))
                .isInstanceOf(RuleViolation.Conflict.class);
    }

    @Test
    void aReplyAnswersAMessageOfItsOwnRoomThatIsNotDeleted() {
        Message longOne = new Message(new MessageId(9), ROOM, AUTHOR, new Username("alice"),
                MessageDraft.of(new MessageText("é".repeat(99) + "😀😀"), null, null, null), null, POSTED);

        assertThat(longOne.acceptReply(ROOM))
                .isEqualTo(new MessageReference(longOne.id(), new Username("alice"), "é".repeat(99) + "😀"));
        assertThatThrownBy(() -> text.acceptReply(new RoomId(4)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.subject()).isEqualTo("reply to"))
                .hasMessage("reply to must be a message of the same room");
        assertThatThrownBy(() -> text.delete(AUTHOR, Optional.empty()).acceptReply(ROOM))
                .isInstanceOf(RuleViolation.Conflict.class).hasMessage("A deleted message cannot be replied to");
        assertThat(text.delete(AUTHOR, Optional.empty()).asReference().excerpt()).isEmpty();
    }

    /** A family emoji is five code points: cut after the fourth, a reply would show a stray man, woman and girl. */
    @Test
    void aReplysExcerptEndsWhereACharacterAsShownEnds() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(new MessageReference(new MessageId(1), new Username("alice"), "a".repeat(97) + family + "!")
                .excerpt()).isEqualTo("a".repeat(97));
        assertThat(new MessageReference(new MessageId(1), new Username("alice"), "a".repeat(99) + "e\u0301" + "!")
                .excerpt()).as("a letter and its accent").isEqualTo("a".repeat(99));
        assertThat(new MessageReference(new MessageId(1), new Username("alice"), "a".repeat(95) + family + "!")
                .excerpt()).isEqualTo("a".repeat(95) + family);
        assertThat(new MessageReference(new MessageId(1), new Username("alice"), "x" + "\u0301".repeat(150))
                .excerpt()).as("one character longer than the excerpt").hasSize(100);
    }

    private static Membership member(UserId user, Membership.Role role) {
        return new Membership(ROOM, user, role, POSTED);
    }
}
