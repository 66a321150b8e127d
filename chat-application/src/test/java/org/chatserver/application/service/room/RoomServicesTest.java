package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ConflictException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.room.RoomReference;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

class RoomServicesTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");

    @Test
    void roomNamesAreUniqueIgnoringCase() {
        chat.room(alice, "Lobby", false);

        assertThatThrownBy(() -> chat.room(bob, "  lobby ", false))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Room name already exists");
    }

    /** Every direct message is called so: a room of that name would pass for one, or clash with one's own. */
    @Test
    void nobodyNamesARoomLikeTheDirectMessages() {
        chat.directMessages.open(alice, new Username("bob"));

        for (AuthenticatedUser creator : List.of(alice, chat.user("carol"))) {
            for (String name : List.of("Direct message", "  DIRECT   message ")) {
                assertThatThrownBy(() -> chat.room(creator, name, false))
                        .isInstanceOf(InvalidValueException.class)
                        .hasMessage("room name \"Direct message\" is what every direct message is called: choose another");
            }
        }
        assertThat(chat.room(alice, "Direct messages", true).name().value()).isEqualTo("Direct messages");
    }

    @Test
    void aNameHeldOnlyByAPrivateRoomIsFreeForThoseWhoCannotSeeIt() {
        Room secret = chat.room(alice, "board", true);

        Room open = chat.room(bob, "Board", false);

        assertThat(open.id()).isNotEqualTo(secret.id());
        assertThat(chat.manageRooms.resolve(bob, RoomReference.parse("BOARD"))).isEqualTo(open);
        // its members still reach the private room by its name: nobody can lure them into a look-alike
        assertThat(chat.manageRooms.resolve(alice, RoomReference.parse("BOARD"))).isEqualTo(secret);
        assertThatThrownBy(() -> chat.room(alice, "ＢＯＡＲＤ", false)).isInstanceOf(ConflictException.class)
                .hasMessage("Room name already exists");
    }

    @Test
    void aPrivateRoomDoesNotExistForOutsiders() {
        Room secret = chat.room(alice, "secret", true);
        chat.say(alice, secret, "hi");

        assertThatThrownBy(() -> chat.manageRooms.get(bob, secret.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("Room not found");
        assertThatThrownBy(() -> chat.manageRooms.resolve(bob, RoomReference.parse("SECRET")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chat.history.page(bob, secret.id(), Paging.newest(50)))
                .isInstanceOf(NotFoundException.class).hasMessage("Room not found");
        assertThatThrownBy(() -> chat.say(bob, secret, "let me in")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chat.membership.join(bob, secret.id())).isInstanceOf(NotFoundException.class);
        assertThat(chat.manageRooms.list(bob, 100)).extracting(s -> s.room().name().value()).doesNotContain("secret");
    }

    @Test
    void onlyTheCreatorManagesAPrivateRoom() {
        Room secret = chat.room(alice, "secret", true);
        AuthenticatedUser carol = chat.user("carol");

        chat.membership.addMember(alice, secret.id(), new Username("bob"));
        assertThat(chat.manageRooms.get(bob, secret.id())).isEqualTo(secret);
        assertThatThrownBy(() -> chat.membership.addMember(bob, secret.id(), new Username("carol")))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.membership.addMember(bob, secret.id(), new Username("nobody")))
                .as("whoever may not manage the room learns nothing of who exists")
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.membership.addMember(alice, secret.id(), new Username("nobody")))
                .isInstanceOf(NotFoundException.class).hasMessage("User not found");

        chat.membership.removeMember(alice, secret.id(), new Username("BOB"));
        assertThatThrownBy(() -> chat.manageRooms.get(bob, secret.id())).isInstanceOf(NotFoundException.class);
        assertThat(chat.membership.members(alice, secret.id()).members()).extracting(m -> m.username().value())
                .containsExactly("alice");
        assertThatThrownBy(() -> chat.membership.members(carol, secret.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void publicRoomsAreJoinedByPostingAndLeftAtWill() {
        Room lobby = chat.room(alice, "lobby", false);
        chat.say(bob, lobby, "hello");
        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(m -> m.username().value())
                .containsExactly("alice", "bob");

        chat.membership.leave(bob, lobby.id());

        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(m -> m.username().value())
                .containsExactly("alice");
    }

    /** Left on one device, a public room is left on all: the user's open connections to it end, as for a removal. */
    @Test
    void leavingAPublicRoomEndsTheUsersOwnConnectionsToIt() {
        Room lobby = chat.room(alice, "lobby", false);
        chat.membership.join(bob, lobby.id());
        AtomicBoolean bobsRevoked = new AtomicBoolean();
        AtomicBoolean alicesRevoked = new AtomicBoolean();
        var bobs = chat.watch.watch(bob, lobby.id(), null, "bob-phone", listener(bobsRevoked));
        var alices = chat.watch.watch(alice, lobby.id(), null, "alice-1", listener(alicesRevoked));

        chat.membership.leave(bob, lobby.id());

        assertThat(bobsRevoked).as("bob's other connection to the room he left").isTrue();
        assertThat(alicesRevoked).as("another member's connection").isFalse();
        bobs.close();
        alices.close();
    }

    private static RoomListener listener(
            AtomicBoolean revoked) {
        return new RoomListener() {
            @Override
            public void onEvent(RoomEvent event) {
            }

            @Override
            public void revoked() {
                revoked.set(true);
            }
        };
    }

    @Test
    void unreadCountsFollowTheReadPosition() {
        Room lobby = chat.room(alice, "lobby", false);
        chat.membership.join(bob, lobby.id());
        chat.say(alice, lobby, "one");
        chat.say(alice, lobby, "two");
        chat.say(bob, lobby, "mine does not count");
        chat.say(alice, lobby, "three");

        RoomSummary forBob = summaryOf(bob, "lobby");
        assertThat(forBob.unreadCount()).isEqualTo(3);
        assertThat(forBob.lastMessage()).hasValueSatisfying(m -> assertThat(m.content().text().value()).isEqualTo("three"));

        assertThat(chat.markRead.markRead(bob, lobby.id())).isEqualTo(3);
        assertThat(summaryOf(bob, "lobby").unreadCount()).isZero();
        assertThat(chat.markRead.markRead(bob, lobby.id())).isZero();

        chat.say(alice, lobby, "four");
        assertThat(summaryOf(bob, "lobby").unreadCount()).isEqualTo(1);
    }

    @Test
    void aNewMemberDoesNotInheritTheWholeHistoryAsUnread() {
        Room lobby = chat.room(alice, "lobby", false);
        for (int i = 0; i < 5; i++) {
            chat.say(alice, lobby, "old " + i);
        }
        chat.membership.join(bob, lobby.id());

        assertThat(summaryOf(bob, "lobby").unreadCount()).isZero();
    }

    @Test
    void historyPagesByIdBothWays() {
        Room lobby = chat.room(alice, "lobby", false);
        for (int i = 1; i <= 10; i++) {
            chat.say(alice, lobby, "m" + i);
        }
        List<MessageView> newest = chat.history.page(alice, lobby.id(), Paging.newest(3));
        assertThat(texts(newest)).containsExactly("m8", "m9", "m10");

        List<MessageView> older = chat.history.page(alice, lobby.id(), new Paging(newest.getFirst().message().id(), null, 3));
        assertThat(texts(older)).containsExactly("m5", "m6", "m7");

        List<MessageView> newer = chat.history.page(alice, lobby.id(), new Paging(null, older.getFirst().message().id(), 2));
        assertThat(texts(newer)).containsExactly("m6", "m7");

        assertThatThrownBy(() -> Paging.newest(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Paging.newest(201)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("200");
    }

    @Test
    void aResentClientIdIsTheSameMessage() {
        Room lobby = chat.room(alice, "lobby", false);
        var command = new PostMessageCommand(lobby.id(), new MessageText("once"), null, null, new ClientId("c-1"),
                "conn");

        var first = chat.post.post(alice, command);
        var again = chat.post.post(alice, command);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(chat.history.page(alice, lobby.id(), Paging.newest(50))).hasSize(1);
        assertThat(chat.published.published()).filteredOn(e -> e instanceof RoomEvent.MessagePosted).hasSize(1);
    }

    @Test
    void messagesCarryTextOrAFileAndATypeThatAgrees() {
        Room lobby = chat.room(alice, "lobby", false);
        chat.uploaded(alice, "abc.jpg", AttachmentKind.IMAGE, "image/jpeg");
        chat.uploaded(alice, "doc.pdf", AttachmentKind.DOCUMENT, "application/pdf");

        var photo = chat.post.post(alice, post(lobby, "", null, new AttachmentRef("abc.jpg", "holiday.jpg")));
        var content = photo.message().message().content();
        assertThat(content.type()).isEqualTo(MessageType.IMAGE);
        assertThat(content.attachment().fileName()).isEqualTo("abc.jpg");
        assertThat(content.attachment().displayName()).isEqualTo("holiday.jpg");
        assertThat(content.text().value()).isEmpty();
        // what the server recorded at upload decides what the file is
        assertThat(content.attachment().mimeType()).isEqualTo("image/jpeg");
        assertThat(content.attachment().size()).isEqualTo(1234L);
        assertThat(chat.post.post(alice, post(lobby, "", null, new AttachmentRef("doc.pdf", " ")))
                .message().message().content().attachment().displayName())
                .as("no name to show: the uploader's").isEqualTo("original-doc.pdf");

        assertThatThrownBy(() -> chat.post.post(alice, post(lobby, "x", null,
                new AttachmentRef("never-uploaded.jpg", null))))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("uploaded to this server");
        assertThatThrownBy(() -> chat.post.post(alice, post(lobby, "look", MessageType.TEXT_WITH_IMAGE,
                new AttachmentRef("doc.pdf", null))))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("does not match the file");
        assertThatThrownBy(() -> chat.say(alice, lobby, "   ")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("text or a file");
        assertThatThrownBy(() -> chat.post.post(alice, post(lobby, "x", MessageType.IMAGE, null)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("needs a file");
    }

    @Test
    void reactionsAreOnePerUserAndOnlyOnVisibleMessages() {
        Room lobby = chat.room(alice, "lobby", false);
        var message = chat.say(alice, lobby, "react to me").id();

        chat.react.add(alice, new AddReaction(message, ReactionType.THUMBS_UP, null));
        chat.react.add(bob, new AddReaction(message, ReactionType.THUMBS_UP, null));
        var summary = chat.react.add(bob, new AddReaction(message, ReactionType.HEART, null));

        assertThat(summary).extracting(s -> s.type(), s -> s.count())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReactionType.THUMBS_UP, 1),
                        org.assertj.core.groups.Tuple.tuple(ReactionType.HEART, 1));
        assertThat(chat.react.reactions(bob, message).userReaction()).isEqualTo(ReactionType.HEART);
        assertThat(chat.react.remove(bob, new RemoveReaction(message, null))).hasSize(1);

        Room secret = chat.room(alice, "secret", true);
        var hidden = chat.say(alice, secret, "psst").id();
        assertThatThrownBy(() -> chat.react.add(bob, new AddReaction(hidden, ReactionType.THUMBS_UP, null)))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
    }

    /** Taking back a 👍 takes back a 👍: a user whose reaction is 😂 keeps it, and nobody is told of anything. */
    @Test
    void removingAReactionByTypeLeavesAnotherOne() {
        Room lobby = chat.room(alice, "lobby", false);
        var message = chat.say(alice, lobby, "react to me").id();
        chat.react.add(bob, new AddReaction(message, ReactionType.LAUGH, null));
        int before = chat.published.published().size();

        var summary = chat.react.remove(bob, new RemoveReaction(lobby.id(), message, ReactionType.THUMBS_UP, "b"));

        assertThat(summary).extracting(s -> s.type()).containsExactly(ReactionType.LAUGH);
        assertThat(chat.react.reactions(bob, message).userReaction()).isEqualTo(ReactionType.LAUGH);
        assertThat(chat.published.published()).hasSize(before);
        assertThat(chat.react.remove(bob, new RemoveReaction(lobby.id(), message, ReactionType.LAUGH, "b"))).isEmpty();
        assertThat(chat.react.reactions(bob, message).userReaction()).isNull();
    }

    /** The reaction a user already has, added again, changes nothing: no change logged, nobody told. */
    @Test
    void addingTheSameReactionAgainChangesNothing() {
        Room lobby = chat.room(alice, "lobby", false);
        var message = chat.say(alice, lobby, "react to me").id();
        chat.react.add(bob, new AddReaction(message, ReactionType.THUMBS_UP, null));
        int published = chat.published.published().size();

        var summary = chat.react.add(bob, new AddReaction(message, ReactionType.THUMBS_UP, null));
        chat.react.add(bob, new AddReaction(message, ReactionType.THUMBS_UP, null));

        assertThat(summary).extracting(s -> s.type(), s -> s.count())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReactionType.THUMBS_UP, 1));
        assertThat(chat.published.published()).as("what the room was told").hasSize(published);
    }

    /** From a room's connection, a message of another of the caller's rooms is not there to react to, as to edit. */
    @Test
    void aReactionFromARoomIsOnlyForThatRoomsMessages() {
        Room lobby = chat.room(alice, "lobby", false);
        Room own = chat.room(alice, "own", true);
        var elsewhere = chat.say(alice, own, "in my own room").id();

        assertThatThrownBy(() -> chat.react.add(alice,
                new AddReaction(lobby.id(), elsewhere, ReactionType.THUMBS_UP, "lobby-connection")))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThat(chat.react.reactions(alice, elsewhere).reactions()).as("the message's reactions").isEmpty();

        chat.react.add(alice, new AddReaction(own.id(), elsewhere, ReactionType.HEART, "own-connection"));
        assertThatThrownBy(() -> chat.react.remove(alice, new RemoveReaction(lobby.id(), elsewhere, "lobby-connection")))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThat(chat.react.reactions(alice, elsewhere).userReaction()).as("alice's reaction, after the refusal")
                .isEqualTo(ReactionType.HEART);
    }

    private static PostMessageCommand post(Room room, String text, MessageType declared, AttachmentRef file) {
        return new PostMessageCommand(room.id(), new MessageText(text), declared, file, null, null);
    }

    private RoomSummary summaryOf(AuthenticatedUser user, String name) {
        return chat.manageRooms.list(user, 100).stream()
                .filter(s -> s.room().name().value().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> texts(List<MessageView> views) {
        return views.stream().map(v -> v.message().content().text().value()).toList();
    }
}
