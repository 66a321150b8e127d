package org.chatserver.application.service.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PinMessageUseCase;
import org.chatserver.application.port.in.message.PinMessageUseCase.PinCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.message.RoomChangesUseCase.ChangePage;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Edit, delete, replies, pins and the change log, over the in-memory fakes. */
class MessageChangesServicesTest {

    private final ChatFixture chat = new ChatFixture(null, Duration.ofMinutes(15));
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final Room lobby = chat.room(alice, "lobby", false);

    // ---- edit ----

    @Test
    void theAuthorEditsAndTheRoomHearsOfItOnceAfterCommit() {
        MessageId id = chat.say(bob, lobby, "helo").id();
        int before = chat.published.published().size();

        MessageView edited = chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText("hello"), "b-1"));

        assertThat(edited.message().content().text().value()).isEqualTo("hello");
        assertThat(edited.message().editedAt()).isEqualTo(chat.clock.instant());
        assertThat(publishedSince(before)).singleElement().isInstanceOfSatisfying(RoomEvent.MessageEdited.class,
                e -> {
                    assertThat(e.message()).isEqualTo(edited.message());
                    assertThat(e.origin()).isEqualTo("b-1");
                    assertThat(e.change()).isNotNull();
                });
        assertThat(chat.history.page(alice, lobby.id(), Paging.newest(10))).extracting(v -> v.message().editedAt())
                .containsExactly(chat.clock.instant());
    }

    /** Saving an edit without changing the text (a client's "save" pressed twice) marks nothing edited. */
    @Test
    void anEditToTheSameTextKeepsNoVersionAndTellsNobody() {
        MessageId id = chat.say(bob, lobby, "same").id();
        int before = chat.published.published().size();

        for (int i = 0; i < 3; i++) {
            chat.clock.advance(Duration.ofSeconds(10));
            MessageView view = chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText("same"), null));
            assertThat(view.message().editedAt()).as("edited_at after saving the same text").isNull();
        }

        assertThat(chat.edit.versions(alice, lobby.id(), id)).as("earlier versions").isEmpty();
        assertThat(publishedSince(before)).as("what the room was told").isEmpty();
    }

    @Test
    void earlierVersionsComeOldestFirst() {
        MessageId id = chat.say(bob, lobby, "one").id();
        chat.clock.advance(Duration.ofSeconds(10));
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText("two"), null));
        chat.clock.advance(Duration.ofSeconds(10));
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText("three"), null));

        assertThat(chat.edit.versions(alice, lobby.id(), id)).containsExactly(
                new MessageVersion(new MessageText("one"), chat.clock.instant().minusSeconds(10)),
                new MessageVersion(new MessageText("two"), chat.clock.instant()));
    }

    @Test
    void othersMayNotEditAndNothingIsPublished() {
        MessageId id = chat.say(bob, lobby, "mine").id();
        int before = chat.published.published().size();

        assertThatThrownBy(() -> chat.edit.edit(alice, new EditMessageCommand(lobby.id(), id, new MessageText("x"), null)))
                .as("not even the owner").isInstanceOf(RuleViolation.NotPermitted.class);
        assertThat(publishedSince(before)).isEmpty();
        assertThat(chat.messages.findById(id).orElseThrow().content().text().value()).isEqualTo("mine");
    }

    @Test
    void aDeletedMessageIsNotEditedAndTheWindowCloses() {
        MessageId deleted = chat.say(bob, lobby, "gone").id();
        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), deleted, null));
        assertThatThrownBy(() -> chat.edit.edit(bob, new EditMessageCommand(lobby.id(), deleted, new MessageText("x"), null)))
                .isInstanceOf(RuleViolation.Conflict.class);

        MessageId old = chat.say(bob, lobby, "old").id();
        chat.clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> chat.edit.edit(bob, new EditMessageCommand(lobby.id(), old, new MessageText("x"), null)))
                .isInstanceOf(RuleViolation.NotPossible.class);
    }

    @Test
    void aMessageOfAnotherRoomOrAHiddenRoomIsNotFound() {
        Room other = chat.room(alice, "other", false);
        Room secret = chat.room(alice, "secret", true);
        MessageId elsewhere = chat.say(bob, other, "elsewhere").id();
        MessageId hidden = chat.say(alice, secret, "hidden").id();

        assertThatThrownBy(() -> chat.edit.edit(bob, new EditMessageCommand(lobby.id(), elsewhere, new MessageText("x"),
                null))).isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThatThrownBy(() -> chat.delete.delete(bob, new DeleteMessageCommand(secret.id(), hidden, null)))
                .isInstanceOf(NotFoundException.class).hasMessage("Room not found");
    }

    // ---- delete ----

    @Test
    void theAuthorDeletesAndTheRoomSeesATombstone() {
        MessageId id = chat.say(bob, lobby, "oops").id();
        chat.react.add(alice, new AddReaction(id, ReactionType.LAUGH, null));
        int before = chat.published.published().size();

        MessageView tombstone = chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), id, "b-1"));

        assertThat(tombstone.message().deleted()).isTrue();
        assertThat(publishedSince(before)).singleElement().isInstanceOfSatisfying(RoomEvent.MessageDeleted.class,
                e -> assertThat(e.messageId()).isEqualTo(id));
        MessageView inHistory = chat.history.page(alice, lobby.id(), Paging.newest(10)).getFirst();
        assertThat(inHistory.message().deleted()).isTrue();
        assertThat(inHistory.message().content().text().value()).isEmpty();
        assertThat(inHistory.reactions()).isEmpty();
        assertThatThrownBy(() -> chat.react.add(alice, new AddReaction(id, ReactionType.HEART, null)))
                .isInstanceOf(RuleViolation.Conflict.class);
        // nor is the reaction it had taken back: it went with the message
        assertThatThrownBy(() -> chat.react.remove(alice, new RemoveReaction(lobby.id(), id, null)))
                .isInstanceOf(RuleViolation.Conflict.class).hasMessage("This message was deleted");
        assertThat(publishedSince(before)).as("what the room was told").hasSize(1);
    }

    /** A reaction given while the message is being deleted never lands on the tombstone. */
    @Test
    void aReactionRacingTheDeletionOfItsMessageIsRefusedAndLeavesNothingBehind() {
        MessageId id = chat.say(bob, lobby, "oops").id();
        chat.messages.beforeNextLock(() -> chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), id, null)));

        assertThatThrownBy(() -> chat.react.add(alice, new AddReaction(id, ReactionType.HEART, null)))
                .isInstanceOf(RuleViolation.Conflict.class);

        assertThat(chat.history.page(alice, lobby.id(), Paging.newest(10)).getFirst().reactions())
                .as("reactions shown on the deleted message").isEmpty();
        assertThat(chat.messages.changesAfter(lobby.id(), null, 100)).extracting(RoomChange::kind)
                .as("the room's change log").containsExactly(RoomChange.Kind.POSTED, RoomChange.Kind.DELETED);
    }

    /** The same 👍 from the phone and the laptop at the same moment is one reaction, logged and told once. */
    @Test
    void theSameReactionFromTwoDevicesAtOnceIsLoggedAndToldOnce() {
        MessageId id = chat.say(bob, lobby, "lunch?").id();
        int before = chat.published.published().size();
        chat.messages.beforeNextLock(() -> chat.react.add(alice, new AddReaction(id, ReactionType.THUMBS_UP, null)));

        chat.react.add(alice, new AddReaction(id, ReactionType.THUMBS_UP, null));

        assertThat(chat.messages.changesAfter(lobby.id(), null, 100)).extracting(RoomChange::kind)
                .as("the room's change log").containsExactly(RoomChange.Kind.POSTED, RoomChange.Kind.REACTION_ADDED);
        assertThat(publishedSince(before)).as("what the room was told").singleElement()
                .isInstanceOf(RoomEvent.ReactionChanged.class);
    }

    @Test
    void theOwnerAndModeratorsDeleteOthersMessagesButMembersDoNot() {
        chat.moderator(carol, lobby);
        MessageId first = chat.say(bob, lobby, "one").id();
        MessageId second = chat.say(bob, lobby, "two").id();
        MessageId third = chat.say(alice, lobby, "three").id();

        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), first, null));
        chat.delete.delete(carol, new DeleteMessageCommand(lobby.id(), second, null));
        assertThatThrownBy(() -> chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), third, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), first, null)))
                .as("deleted already").isInstanceOf(RuleViolation.Conflict.class);
    }

    /** Deleting another's message is moderation, with moderation's limits: moderators moderate plain members. */
    @Test
    void aModeratorDeletesMembersMessagesButNotTheOwnersOrAnotherModerators() {
        chat.moderator(carol, lobby);
        chat.moderator(bob, lobby);
        AuthenticatedUser dave = chat.user("dave");
        MessageId owners = chat.say(alice, lobby, "the owner's").id();
        MessageId moderators = chat.say(bob, lobby, "a moderator's").id();
        MessageId members = chat.say(dave, lobby, "a member's").id();

        assertThatThrownBy(() -> chat.delete.delete(carol, new DeleteMessageCommand(lobby.id(), owners, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("Nobody can moderate the owner of the room");
        assertThatThrownBy(() -> chat.delete.delete(carol, new DeleteMessageCommand(lobby.id(), moderators, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("A moderator cannot moderate another moderator");
        chat.delete.delete(carol, new DeleteMessageCommand(lobby.id(), members, null));
        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), moderators, null));

        assertThat(chat.messages.findById(owners).orElseThrow().deleted()).isFalse();
        assertThat(chat.messages.findById(moderators).orElseThrow().deleted()).as("deleted by the owner").isTrue();
        assertThat(chat.messages.findById(members).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aFileLeavesStorageWhenNoMessageCarriesItAnyMore() {
        chat.uploaded(bob, "p.jpg", AttachmentKind.IMAGE, "image/jpeg");
        chat.storage.store(new StorageKey("p.jpg"), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");
        MessageId one = postFile(bob, "p.jpg");
        MessageId two = postFile(alice, "p.jpg");

        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), one, null));
        assertThat(chat.storage.keys()).as("still carried by the other").contains(new StorageKey("p.jpg"));
        assertThat(chat.attachments.findByName("p.jpg")).isPresent();

        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), two, null));
        assertThat(chat.storage.keys()).doesNotContain(new StorageKey("p.jpg"));
        assertThat(chat.attachments.findByName("p.jpg")).isEmpty();
    }

    /**
     * A client may post an image's preview as a file of its own. Deleting that message took the preview from every
     * message still showing the image (its preview_url then answered 404).
     */
    @Test
    void aPreviewPostedAsAFileStaysWhileItsImageIsCarried() {
        chat.attachments.add(new StoredAttachment("i.jpg", "cat.jpg", 2, "image/jpeg", AttachmentKind.IMAGE,
                bob.userId(), chat.clock.instant(), "i-preview.jpg"));
        chat.attachments.add(new StoredAttachment("i-preview.jpg", "preview-cat.jpg", 1, "image/jpeg",
                AttachmentKind.IMAGE, bob.userId(), chat.clock.instant(), null));
        for (String name : List.of("i.jpg", "i-preview.jpg")) {
            chat.storage.store(new StorageKey(name), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");
        }
        MessageId image = postFile(bob, "i.jpg");
        MessageId previewAlone = postFile(bob, "i-preview.jpg");

        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), previewAlone, null));
        assertThat(chat.storage.keys()).as("the image's preview").contains(new StorageKey("i-preview.jpg"));
        assertThat(chat.attachments.findByName("i-preview.jpg")).isPresent();

        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), image, null));
        assertThat(chat.storage.keys()).as("nothing carries either").doesNotContain(new StorageKey("i.jpg"),
                new StorageKey("i-preview.jpg"));
    }

    /**
     * The audit's document posted with the caption U+3164: typed document, but history, the answer and the room
     * list showed the invisible text as its message. Then edits of the caption from "" to two zero-width spaces to
     * one each counted as an edit. A caption nobody sees is none, stored and shown as "".
     */
    @Test
    void aFileWithAnInvisibleCaptionIsShownWithoutOneAndEditsBetweenSuchAreNoEdits() {
        chat.uploaded(bob, "d.pdf", AttachmentKind.DOCUMENT, "application/pdf");
        MessageView posted = chat.post.post(bob, new PostMessageCommand(lobby.id(), new MessageText("\u3164"), null,
                new AttachmentRef("d.pdf", null), null, null)).message();
        assertThat(posted.message().content().text().value()).as("the answer's message").isEmpty();
        assertThat(posted.message().content().type().label()).isEqualTo("document");
        assertThat(chat.manageRooms.list(alice, 10)).filteredOn(r -> r.room().id().equals(lobby.id())).singleElement()
                .satisfies(r -> assertThat(r.lastMessage().orElseThrow().content().text().value())
                        .as("the room list's last_message.message").isEmpty());
        MessageId id = posted.message().id();
        int before = chat.published.published().size();

        for (String invisible : List.of("\u200b\u200b", "\u200b", "  \u200b ")) {
            chat.clock.advance(Duration.ofSeconds(10));
            MessageView view = chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText(invisible),
                    null));
            assertThat(view.message().editedAt()).as("edited_at after the caption %s", invisible).isNull();
            assertThat(view.message().content().text().value()).isEmpty();
        }
        assertThat(chat.edit.versions(alice, lobby.id(), id)).as("earlier versions").isEmpty();
        assertThat(publishedSince(before)).as("what the room was told").isEmpty();
    }

    /**
     * Someone else's upload that no message carries yet is not for another to post: attached and deleted, it would
     * take the file from its uploader. Once posted, anyone who knows it may carry it on (forwarding).
     */
    @Test
    void anotherUsersUnpostedUploadIsNotForYouToPost() {
        chat.uploaded(bob, "q.jpg", AttachmentKind.IMAGE, "image/jpeg");
        chat.storage.store(new StorageKey("q.jpg"), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");

        assertThatThrownBy(() -> postFile(alice, "q.jpg")).isInstanceOf(InvalidValueException.class)
                .hasMessage("file must name a file you uploaded to this server, or one a message here already carries");
        assertThat(chat.storage.keys()).as("bob's upload").contains(new StorageKey("q.jpg"));

        postFile(bob, "q.jpg");
        MessageId forwarded = postFile(alice, "q.jpg");
        assertThat(chat.messages.findById(forwarded).orElseThrow().content().attachment().fileName()).isEqualTo("q.jpg");
    }

    /** A photo whose ack was lost, deleted meanwhile (and its file with it): its resend must not fail for good. */
    @Test
    void theResendOfAFileMessageDeletedSinceIsAnsweredWithItsTombstone() {
        chat.uploaded(bob, "r.jpg", AttachmentKind.IMAGE, "image/jpeg");
        chat.storage.store(new StorageKey("r.jpg"), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");
        PostMessageCommand photo = new PostMessageCommand(lobby.id(), MessageText.EMPTY, null,
                new AttachmentRef("r.jpg", null), new ClientId("photo-1"), null);
        MessageId first = chat.post.post(bob, photo).id();
        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), first, null));
        assertThat(chat.attachments.findByName("r.jpg")).as("the file went with the message").isEmpty();

        var again = chat.post.post(bob, photo);

        assertThat(again.created()).as("stored again").isFalse();
        assertThat(again.id()).isEqualTo(first);
        assertThat(again.message().message().deleted()).isTrue();
        assertThatThrownBy(() -> chat.post.post(bob, new PostMessageCommand(lobby.id(), MessageText.EMPTY, null,
                new AttachmentRef("r.jpg", null), new ClientId("photo-2"), null)))
                .as("a new post of the file that is gone").isInstanceOf(InvalidValueException.class);
    }

    /** A resend is answered with its message as history shows it to the author: the reactions it has now too. */
    @Test
    void theResendOfAMessageReactedToSinceIsAnsweredWithItsReactions() {
        PostMessageCommand post = new PostMessageCommand(lobby.id(), new MessageText("helo"), null, null,
                new ClientId("rx1"), null);
        MessageId id = chat.post.post(bob, post).id();
        chat.react.add(alice, new AddReaction(id, ReactionType.LAUGH, null));
        chat.react.add(bob, new AddReaction(id, ReactionType.THUMBS_UP, null));
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), id, new MessageText("hello"), null));
        int before = chat.published.published().size();

        var again = chat.post.post(bob, post);

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(chat.history.page(bob, lobby.id(), Paging.newest(1)).getFirst());
        assertThat(again.message().reactions()).hasSize(2);
        assertThat(again.message().userReaction()).isEqualTo(ReactionType.THUMBS_UP);
        chat.moderation.mute(alice, new ModerateRoomUseCase.MuteMember(lobby.id(), bob.username(), 5));
        assertThat(chat.post.post(bob, post).message().reactions()).as("resent while muted").hasSize(2);
        assertThat(publishedSince(before)).as("a resend publishes nothing: the mute alone was told").singleElement()
                .isInstanceOf(RoomEvent.MemberUpdated.class);
    }

    /**
     * A client that numbers its client ids per room would see its message answered with another room's, and lost.
     * Refused, the post leaves nothing behind: not even the join to a public room its author was not in.
     */
    @Test
    void aClientIdUsedAgainInAnotherRoomIsRefusedNotAnsweredWithThatRoomsMessage() {
        Room mine = chat.room(bob, "mine", false);
        Room other = chat.room(alice, "other", false);
        MessageId first = chat.post.post(bob, new PostMessageCommand(lobby.id(), new MessageText("in the lobby"), null,
                null, new ClientId("1"), null)).id();

        for (Room elsewhere : List.of(mine, other)) {
            assertThatThrownBy(() -> chat.post.post(bob, new PostMessageCommand(elsewhere.id(),
                    new MessageText("elsewhere"), null, null, new ClientId("1"), null)))
                    .as(elsewhere.name().value()).isInstanceOf(InvalidValueException.class)
                    .hasMessage("client id was used for a message of another room: give each message its own");
        }
        assertThat(chat.rooms.membership(other.id(), bob.userId())).as("bob in alice's room after the refusal")
                .isEmpty();
        chat.membership.join(carol, other.id());
        chat.moderation.mute(alice, new ModerateRoomUseCase.MuteMember(other.id(), carol.username(), 5));
        chat.post.post(carol, new PostMessageCommand(lobby.id(), new MessageText("carol's"), null, null,
                new ClientId("c-1"), null));
        assertThatThrownBy(() -> chat.post.post(carol, new PostMessageCommand(other.id(), new MessageText("muted"),
                null, null, new ClientId("c-1"), null))).as("refused for its own reason, not the client id")
                .hasMessageContaining("muted");
        assertThat(chat.post.post(bob, new PostMessageCommand(lobby.id(), new MessageText("in the lobby"), null, null,
                new ClientId("1"), null)).id()).as("a resend to its own room").isEqualTo(first);
    }

    private MessageId postFile(AuthenticatedUser who, String name) {
        return chat.post.post(who, new PostMessageCommand(lobby.id(), MessageText.EMPTY, null,
                new AttachmentRef(name, null), null, null)).id();
    }

    // ---- replies ----

    @Test
    void aReplyCarriesItsParentAndTheParentCountsItsReplies() {
        MessageId question = chat.say(alice, lobby, "lunch?").id();
        MessageId answer = chat.reply(bob, lobby, question, "yes").id();
        chat.say(carol, lobby, "unrelated");
        chat.reply(carol, lobby, question, "me too");

        assertThat(chat.messages.findById(answer).orElseThrow().replyTo())
                .isEqualTo(new MessageReference(question, new Username("alice"), "lunch?"));
        assertThat(chat.messages.findById(question).orElseThrow().replyCount()).isEqualTo(2);
        assertThat(chat.history.replies(bob, lobby.id(), question, Paging.newest(10)))
                .extracting(v -> v.message().content().text().value()).containsExactly("yes", "me too");
        assertThat(chat.history.replies(bob, lobby.id(), question, new Paging(null, answer, 10)))
                .extracting(v -> v.message().content().text().value()).containsExactly("me too");
    }

    @Test
    void aReplyMustAnswerALiveMessageOfTheSameRoom() {
        Room other = chat.room(alice, "other", false);
        MessageId elsewhere = chat.say(alice, other, "elsewhere").id();
        MessageId gone = chat.say(alice, lobby, "gone").id();
        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), gone, null));

        assertThatThrownBy(() -> chat.reply(bob, lobby, elsewhere, "x")).isInstanceOf(InvalidValueException.class)
                .hasMessage("reply to must be a message of the same room");
        assertThatThrownBy(() -> chat.reply(bob, lobby, new MessageId(999), "x")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> chat.reply(bob, lobby, gone, "x")).isInstanceOf(RuleViolation.Conflict.class);
    }

    // ---- pins ----

    @Test
    void theOwnerAndModeratorsPinNewestFirstAndMembersMayNot() {
        chat.moderator(carol, lobby);
        MessageId first = chat.say(bob, lobby, "first").id();
        MessageId second = chat.say(bob, lobby, "second").id();

        chat.pin.pin(alice, new PinCommand(lobby.id(), first, null));
        chat.clock.advance(Duration.ofSeconds(1));
        chat.pin.pin(carol, new PinCommand(lobby.id(), second, null));
        assertThatThrownBy(() -> chat.pin.pin(bob, new PinCommand(lobby.id(), first, null)))
                .isInstanceOf(RuleViolation.NotPermitted.class);

        assertThat(chat.pin.pins(bob, lobby.id())).extracting(p -> p.message().message().id(), p -> p.pinnedBy().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second, "carol"),
                        org.assertj.core.groups.Tuple.tuple(first, "alice"));

        int before = chat.published.published().size();
        chat.pin.unpin(alice, new PinCommand(lobby.id(), second, null));
        chat.pin.unpin(alice, new PinCommand(lobby.id(), second, null));
        assertThat(publishedSince(before)).as("the second unpin changed nothing").singleElement()
                .isInstanceOfSatisfying(RoomEvent.PinChanged.class, e -> assertThat(e.pinned()).isFalse());
        assertThat(chat.pin.pins(bob, lobby.id())).hasSize(1);
    }

    @Test
    void aRoomHoldsAHundredPinsAndTheNextIsRefusedNotLostOffTheList() {
        List<MessageId> said = new ArrayList<>();
        for (int i = 0; i <= PinMessageUseCase.MAX_PINS; i++) {
            said.add(chat.say(bob, lobby, "message " + i).id());
        }
        for (MessageId message : said.subList(0, PinMessageUseCase.MAX_PINS)) {
            chat.pin.pin(alice, new PinCommand(lobby.id(), message, null));
            chat.clock.advance(Duration.ofSeconds(1));
        }
        MessageId oneMore = said.getLast();

        assertThatThrownBy(() -> chat.pin.pin(alice, new PinCommand(lobby.id(), oneMore, null)))
                .isInstanceOf(RuleViolation.Conflict.class)
                .hasMessage("A room holds at most 100 pinned messages: unpin one first");
        // pinning one of the hundred again is still fine, and every pin is still listed
        chat.pin.pin(alice, new PinCommand(lobby.id(), said.getFirst(), null));
        assertThat(chat.pin.pins(bob, lobby.id())).hasSize(PinMessageUseCase.MAX_PINS)
                .extracting(p -> p.message().message().id()).contains(said.getFirst()).doesNotContain(oneMore);

        chat.pin.unpin(alice, new PinCommand(lobby.id(), said.get(5), null));
        chat.pin.pin(alice, new PinCommand(lobby.id(), oneMore, null));
        assertThat(chat.pin.pins(bob, lobby.id()).getFirst().message().message().id()).isEqualTo(oneMore);
    }

    // ---- the change log: REST changes and resuming ----

    @Test
    void theChangesAfterACursorAreEveryKindInOrderWithMessagesAsTheyAreNow() {
        MessageId one = chat.say(bob, lobby, "one").id();
        ChangeId seen = chat.messages.latestChange(lobby.id()).orElseThrow();
        MessageId two = chat.say(bob, lobby, "two").id();
        chat.react.add(alice, new AddReaction(one, ReactionType.HEART, null));
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), one, new MessageText("one!"), null));
        chat.pin.pin(alice, new PinCommand(lobby.id(), one, null));
        MessageId three = chat.say(bob, lobby, "three").id();
        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), three, null));

        ChangePage page = chat.changes.changes(carol, lobby.id(), seen, 100);

        assertThat(page.more()).isFalse();
        assertThat(page.cursor()).isEqualTo(chat.messages.latestChange(lobby.id()).orElseThrow());
        assertThat(page.changes()).extracting(MessageChangesServicesTest::describe).containsExactly(
                "posted two", "reaction_added " + one.value(), "edited one!", "pinned " + one.value(),
                // three's post is left out: it is deleted, and never reaches anyone as a message
                "deleted " + three.value());

        ChangePage firstTwo = chat.changes.changes(carol, lobby.id(), seen, 2);
        assertThat(firstTwo.more()).isTrue();
        assertThat(chat.changes.changes(carol, lobby.id(), firstTwo.cursor(), 100).changes()).hasSize(3);
        assertThat(two).isNotNull();
    }

    /** A message deleted since is replayed as its deletion only: not its post, nor reactions and pins of a message never shown. */
    @Test
    void aMessageDeletedSinceIsReplayedAsItsDeletionAlone() {
        chat.say(bob, lobby, "seen");
        ChangeId seen = chat.messages.latestChange(lobby.id()).orElseThrow();
        MessageId gone = chat.say(bob, lobby, "gone").id();
        chat.react.add(alice, new AddReaction(gone, ReactionType.HEART, null));
        chat.pin.pin(alice, new PinCommand(lobby.id(), gone, null));
        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), gone, null));

        assertThat(chat.changes.changes(carol, lobby.id(), seen, 100).changes())
                .extracting(MessageChangesServicesTest::describe).containsExactly("deleted " + gone.value());
    }

    /**
     * A cursor past the room's newest change was never given out for this room (a wiped or restored server, another
     * server): taken as "up to date", the client would miss every change from then on without a word.
     */
    @Test
    void aCursorPastTheRoomsNewestChangeIsRefusedNotTakenAsUpToDate() {
        chat.say(bob, lobby, "one");
        ChangeId newest = chat.messages.latestChange(lobby.id()).orElseThrow();
        ChangeId future = new ChangeId(newest.value() + 1000);

        assertThatThrownBy(() -> chat.changes.changes(carol, lobby.id(), future, 100))
                .isInstanceOf(InvalidValueException.class).hasMessage("since must be a cursor from this server");
        assertThatThrownBy(() -> chat.watch.watch(carol, lobby.id(), future, "c-1", event -> { }))
                .isInstanceOf(InvalidValueException.class).hasMessage("since must be a cursor from this server");
        Room empty = chat.room(alice, "quiet", false);
        assertThatThrownBy(() -> chat.changes.changes(carol, empty.id(), newest, 100)).as("a room without changes")
                .isInstanceOf(InvalidValueException.class);
        assertThat(chat.changes.changes(carol, lobby.id(), newest, 100).changes()).as("the newest cursor").isEmpty();
    }

    /**
     * Change ids are one sequence over all rooms, and message ids too: a position of another room, or one that names
     * nothing, taken as this room's would skip this room's changes between the two without a word.
     */
    @Test
    void aPositionOfAnotherRoomOrOfNothingIsRefusedNotTakenAsThisRooms() {
        Room other = chat.room(alice, "other", false);
        chat.say(bob, lobby, "lobby one");
        chat.say(bob, lobby, "lobby two");
        MessageId elsewhere = chat.say(alice, other, "other one").id();
        ChangeId otherCursor = chat.messages.latestChange(other.id()).orElseThrow();
        chat.say(bob, lobby, "lobby three");

        assertThatThrownBy(() -> chat.changes.changes(carol, lobby.id(), otherCursor, 100))
                .isInstanceOf(InvalidValueException.class).hasMessage("since must be a cursor of this room");
        assertThatThrownBy(() -> chat.watch.watch(carol, lobby.id(), otherCursor, "c-1", event -> { }))
                .isInstanceOf(InvalidValueException.class).hasMessage("since must be a cursor of this room");
        assertThatThrownBy(() -> chat.watch.watch(carol, lobby.id(), elsewhere, "c-2", event -> { }))
                .as("a message id of another room").isInstanceOf(InvalidValueException.class)
                .hasMessage("since must be a message id of this room");
        assertThatThrownBy(() -> chat.watch.watch(carol, lobby.id(), new MessageId(elsewhere.value() + 1000),
                "c-3", event -> { })).as("a message id of no message").isInstanceOf(InvalidValueException.class)
                .hasMessage("since must be a message id of this room");
    }

    @Test
    void aResumingWatcherGetsEveryChangeItMissedAndRepliesCarryTheirReactions() {
        MessageId one = chat.say(bob, lobby, "one").id();
        List<RoomEvent> seen = new ArrayList<>();
        RoomListener listener = seen::add;
        ChangeId cursor = chat.messages.latestChange(lobby.id()).orElseThrow();
        // while carol is away
        MessageId two = chat.say(bob, lobby, "two").id();
        chat.react.add(alice, new AddReaction(two, ReactionType.HEART, null));
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), one, new MessageText("one!"), null));
        chat.delete.delete(bob, new DeleteMessageCommand(lobby.id(), one, null));

        chat.watch.watch(carol, lobby.id(), cursor, "c-1", listener);
        chat.say(alice, lobby, "live");

        assertThat(seen).extracting(MessageChangesServicesTest::describe).containsExactly(
                "posted two", "reaction_added " + two.value(), "deleted " + one.value(), "posted live");
        assertThat(((RoomEvent.MessagePosted) seen.getFirst()).reactions()).as("replayed with its reactions now")
                .extracting(r -> r.type()).containsExactly(ReactionType.HEART);
    }

    @Test
    void aWatcherResumingByMessageIdAlsoGetsTheEditsAfterIt() {
        MessageId one = chat.say(bob, lobby, "one").id();
        chat.edit.edit(bob, new EditMessageCommand(lobby.id(), one, new MessageText("one!"), null));
        List<RoomEvent> seen = new ArrayList<>();

        chat.watch.watch(carol, lobby.id(), one, "c-1", seen::add);

        assertThat(seen).extracting(MessageChangesServicesTest::describe).containsExactly("edited one!");
    }

    private List<RoomEvent> publishedSince(int before) {
        List<RoomEvent> all = chat.published.published();
        return all.subList(before, all.size());
    }

    private static String describe(RoomEvent event) {
        return switch (event) {
            case RoomEvent.MessagePosted p -> "posted " + p.message().content().text().value();
            case RoomEvent.MessageEdited e -> "edited " + e.message().content().text().value();
            case RoomEvent.MessageDeleted d -> "deleted " + d.messageId().value();
            case RoomEvent.ReactionChanged r -> (r.added() ? "reaction_added " : "reaction_removed ")
                    + r.messageId().value();
            case RoomEvent.PinChanged p -> (p.pinned() ? "pinned " : "unpinned ") + p.messageId().value();
            default -> event.toString();
        };
    }
}
