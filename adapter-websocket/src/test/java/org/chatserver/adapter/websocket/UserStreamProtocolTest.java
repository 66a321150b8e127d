package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InterleavedTransactions;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.application.service.message.DeleteMessageService;
import org.chatserver.application.service.message.EditMessageService;
import org.chatserver.application.service.room.MarkReadService;
import org.chatserver.application.service.room.RoomMembershipService;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11's one connection per user, {@code /ws/user}, over real sockets: every room of the user on
 * one connection, each frame naming its room; posting and the rest with {@code room_id}; the room
 * list kept up to date; unread counts; resuming with a cursor per room.
 */
class UserStreamProtocolTest extends WebSocketTestSupport {

    @Autowired
    RoomMembershipService membership;

    @Autowired
    MarkReadService markRead;

    @Autowired
    EditMessageService edit;

    @Autowired
    DeleteMessageService delete;

    @Autowired
    InterleavedTransactions streamReads;

    @Autowired
    InMemoryMessageRepository messages;

    ChatClient stream(User user) {
        ChatClient client = ChatClient.connect(userUri(user.token(), null));
        try {
            assertThat(client.next()).containsEntry("type", "connected");
        } catch (AssertionError e) {
            throw new AssertionError("no connected frame; " + (client.isOpen() ? "still open" : client.closeStatus()), e);
        }
        return client;
    }

    @Test
    void connectedListsTheUsersRoomsAsTheRoomListDoesAndThenCarriesEveryRoomWithItsId() {
        User alice = user("alice");
        User bob = user("bob");
        Room first = room(alice);
        Room second = room(alice, true);
        room(bob);
        membership.join(bob.caller(), first.id());
        membership.addMember(alice.caller(), second.id(), new Username(bob.name()));
        post(alice, first, "before");

        try (ChatClient b = ChatClient.connect(userUri(bob.token(), null))) {
            Map<String, Object> connected = b.next();
            assertThat(connected).containsEntry("type", "connected").containsEntry("username", bob.name());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rooms = (List<Map<String, Object>>) connected.get("rooms");
            assertThat(rooms).extracting(r -> id(r.get("id")))
                    .as("bob's own room, and the two he is in, newest first; not alice's public rooms he never joined")
                    .hasSize(3).contains(first.id().value(), second.id().value());
            Map<String, Object> listed = rooms.stream().filter(r -> id(r.get("id")) == first.id().value())
                    .findFirst().orElseThrow();
            assertThat(listed.keySet()).containsExactly("id", "name", "created_at", "last_message", "unread_count",
                    "is_private", "mention_count", "kind", "peer", "is_member");
            assertThat(listed).containsEntry("is_member", true).containsEntry("unread_count", 1).containsEntry("kind", "room");

            post(alice, first, "one");
            post(alice, second, "two");

            Map<String, Object> one = b.next("message");
            assertThat(one).containsEntry("room_id", (int) first.id().value()).containsEntry("message", "one")
                    .containsKey("cursor");
            assertThat(b.next()).isEqualTo(Map.of("type", "unread", "room_id", (int) first.id().value(),
                    "unread_count", 2, "mention_count", 0));
            assertThat(b.next("message")).containsEntry("room_id", (int) second.id().value());
            assertThat(b.next()).containsEntry("type", "unread").containsEntry("unread_count", 1);
        }
    }

    @Test
    void aMessageSentOverTheStreamIsAcknowledgedToItsSenderAndReachesEveryOtherConnection() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        try (ChatClient a = stream(alice); ChatClient aPhone = stream(alice); ChatClient b = stream(bob);
             ChatClient bRoom = connect(bob, room)) {
            a.send(Map.of("type", "message", "room_id", room.id().value(), "content", "hi", "client_id", "abc"));

            Map<String, Object> ack = a.next();
            assertThat(ack).containsEntry("type", "ack").containsEntry("room_id", (int) room.id().value())
                    .containsEntry("client_id", "abc").containsKey("message_id");
            for (ChatClient other : List.of(aPhone, b, bRoom)) {
                assertThat(other.next("message")).containsEntry("room_id", (int) room.id().value())
                        .containsEntry("message", "hi").containsEntry("message_id", ack.get("message_id"));
            }
            assertThat(b.next()).containsEntry("type", "unread").containsEntry("unread_count", 1);
            assertThat(aPhone.received()).as("the sender's own message is not unread on the sender's phone")
                    .extracting(f -> f.get("type")).doesNotContain("unread");
        }
    }

    @Test
    void typingReactionsEditsAndDeletionsNameTheirRoom() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        MessageId id = post(bob, room, "helo");
        int roomId = (int) room.id().value();
        try (ChatClient a = stream(alice); ChatClient b = stream(bob)) {
            a.send(Map.of("type", "typing", "room_id", roomId));
            assertThat(b.next("typing")).containsEntry("room_id", roomId).containsEntry("sender", alice.name());

            a.send(Map.of("type", "reaction", "room_id", roomId, "message_id", id.value(), "reaction_type", "👍"));
            assertThat(b.next("reaction_added")).containsEntry("room_id", roomId);

            b.send(Map.of("type", "edit", "room_id", roomId, "message_id", id.value(), "content", "hello"));
            assertThat(a.next("message_edited")).containsEntry("room_id", roomId).containsEntry("message", "hello");

            b.send(Map.of("type", "delete", "room_id", roomId, "message_id", id.value()));
            assertThat(a.next("message_deleted")).containsEntry("room_id", roomId);
        }
    }

    @Test
    void aFrameWithoutARoomOfTheUserIsAnErrorWithItsIdsAndTheConnectionStaysOpen() {
        User alice = user("alice");
        User bob = user("bob");
        Room mine = room(alice);
        Room notMine = room(bob, true);
        try (ChatClient a = stream(alice)) {
            a.send(Map.of("type", "message", "content", "where?", "client_id", "c1"));
            assertThat(a.next()).containsEntry("type", "error").containsEntry("message", "room_id is required")
                    .containsEntry("client_id", "c1");

            a.send(Map.of("type", "message", "room_id", notMine.id().value(), "content", "hi", "client_id", "c2"));
            assertThat(a.next()).containsEntry("type", "error").containsEntry("message", "Room not found")
                    .containsEntry("client_id", "c2");

            a.send(Map.of("type", "typing", "room_id", "seven", "ref", 3));
            assertThat(a.next()).containsEntry("type", "error").containsEntry("message", "room_id must be an integer")
                    .containsEntry("ref", 3);
            a.send("{\"type\":\"typing\",\"room_id\":9223372036854775808,\"ref\":4}");
            assertThat(a.next()).containsEntry("type", "error").containsEntry("message", "room_id is out of range")
                    .containsEntry("ref", 4);

            a.send(Map.of("type", "message", "room_id", mine.id().value(), "content", "still here"));
            assertThat(a.next()).containsEntry("type", "ack");
        }
    }

    @Test
    void roomsAddedAndRemovedWhileConnectedStartAndStopTheirEvents() {
        User alice = user("alice");
        User bob = user("bob");
        Room secret = room(alice, true);
        Room open = room(alice);
        try (ChatClient b = stream(bob)) {
            membership.addMember(alice.caller(), secret.id(), new Username(bob.name()));
            Map<String, Object> added = b.next();
            assertThat(added).containsEntry("type", "room_added").containsEntry("id", (int) secret.id().value())
                    .containsEntry("is_private", true).containsEntry("unread_count", 0);

            post(alice, secret, "welcome");
            assertThat(b.next("message")).containsEntry("room_id", (int) secret.id().value());

            membership.join(bob.caller(), open.id());
            assertThat(b.next("room_added")).containsEntry("id", (int) open.id().value());

            membership.removeMember(alice.caller(), secret.id(), new Username(bob.name()));
            assertThat(b.next("room_removed")).isEqualTo(Map.of("type", "room_removed",
                    "room_id", (int) secret.id().value()));
            membership.leave(bob.caller(), open.id());
            assertThat(b.next("room_removed")).containsEntry("room_id", (int) open.id().value());

            post(alice, secret, "bob is gone");
            post(alice, open, "here too");
            b.send(Map.of("type", "message", "room_id", open.id().value(), "content", "x", "client_id", "late"));
            assertThat(b.next()).containsEntry("type", "error").containsEntry("client_id", "late");
            assertThat(b.received()).as("nothing of rooms bob is no longer in").isEmpty();
        }
    }

    /**
     * Bob leaves a room and joins it again while counts of three mentions wait for the end of the room's unread
     * interval: they are not sent after room_removed, and do not overwrite the fresh counts of room_added.
     */
    @Test
    void countsWaitingWhenARoomIsLeftComeNeitherAfterItsRemovalNorOverItsCountsOnRejoining() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        try (ChatClient b = stream(bob)) {
            for (int i = 1; i <= 3; i++) {
                post(alice, room, "@" + bob.name() + " number " + i);
            }
            // the first change goes at once, the other two wait for the interval's end
            assertThat(b.next("unread")).containsEntry("unread_count", 1).containsEntry("mention_count", 1);

            membership.leave(bob.caller(), room.id());
            membership.join(bob.caller(), room.id());
            assertThat(b.next("room_removed")).containsEntry("room_id", (int) room.id().value());
            assertThat(b.next("room_added")).containsEntry("unread_count", 0).containsEntry("mention_count", 0);

            Thread.sleep(1_500); // past the end of the interval that held the three mentions
            assertThat(b.received()).as("frames after room_added").noneMatch(frame -> "unread".equals(frame.get("type")));
            post(alice, room, "after bob came back");
            assertThat(b.next("unread")).containsEntry("unread_count", 1).containsEntry("mention_count", 0);
        }
    }

    @Test
    void readingOnOneDeviceSetsTheCountsOnEveryStreamOfTheReaderEvenWithoutSharedReceipts() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        try (ChatClient b = stream(bob)) {
            post(alice, room, "one");
            post(alice, room, "two");
            b.next("message");
            assertThat(b.next("unread")).containsEntry("unread_count", 1);
            b.next("message");
            assertThat(b.next("unread")).containsEntry("unread_count", 2);

            markRead.markRead(bob.caller(), room.id());

            assertThat(b.next("unread")).containsEntry("room_id", (int) room.id().value())
                    .containsEntry("unread_count", 0).containsEntry("mention_count", 0);
        }
    }

    @Test
    void aDeletionOrAnEditAddingOrDroppingAMentionOfTheUserSendsTheNewCounts() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        membership.join(bob.caller(), room.id());
        MessageId early = post(alice, room, "before bob connected");
        try (ChatClient b = stream(bob)) {
            MessageId hi = post(alice, room, "hi");
            assertThat(b.next("unread")).containsEntry("unread_count", 2).containsEntry("mention_count", 0);

            edit.edit(alice.caller(), new EditMessageCommand(room.id(), hi, new MessageText("hi @" + bob.name()), null));
            assertThat(b.next("unread")).isEqualTo(Map.of("type", "unread", "room_id", (int) room.id().value(),
                    "unread_count", 2, "mention_count", 1));

            delete.delete(alice.caller(), new DeleteMessageCommand(room.id(), hi, null));
            assertThat(b.next("unread")).containsEntry("unread_count", 1).containsEntry("mention_count", 0);

            // in the counts bob was given at connect: read again from the store
            delete.delete(alice.caller(), new DeleteMessageCommand(room.id(), early, null));
            assertThat(b.next("unread")).containsEntry("unread_count", 0).containsEntry("mention_count", 0);
        }
    }

    @Test
    void postingToAPublicRoomOverRestJoinsItAndAnnouncesItOnTheUsersStream() {
        User alice = user("alice");
        User bob = user("bob");
        Room open = room(alice);
        try (ChatClient b = stream(bob)) {
            post(bob, open, "hello, new here");

            Map<String, Object> added = b.next();
            assertThat(added).containsEntry("type", "room_added").containsEntry("id", (int) open.id().value())
                    .containsEntry("unread_count", 0);
            assertThat(added.get("last_message")).asString().contains("hello, new here");
            assertThat(b.next()).as("the post that joined, after the room's item")
                    .containsEntry("type", "message").containsEntry("room_id", (int) open.id().value())
                    .containsEntry("message", "hello, new here");

            post(alice, open, "welcome");
            assertThat(b.next("message")).containsEntry("room_id", (int) open.id().value())
                    .containsEntry("message", "welcome");
        }
    }

    /**
     * Bob joins a room while his stream reads his room list (between its two reads), and alice posts right after the
     * second read: the room comes as room_added after connected, with her post after it, once.
     */
    @Test
    void aRoomJoinedWhileTheStreamConnectsComesAfterConnectedWithWhatWasPostedSince() {
        User alice = user("alice");
        User bob = user("bob");
        Room open = room(alice);
        post(alice, open, "before bob");
        streamReads.before(2, () -> membership.join(bob.caller(), open.id()))
                .after(2, () -> post(alice, open, "welcome"));

        try (ChatClient b = ChatClient.connect(userUri(bob.token(), null))) {
            Map<String, Object> connected = b.next();
            assertThat(connected).containsEntry("type", "connected");
            assertThat(connected.get("rooms")).asString().doesNotContain("before bob");
            assertThat(b.next()).containsEntry("type", "room_added").containsEntry("id", (int) open.id().value())
                    .containsEntry("unread_count", 1);
            Map<String, Object> welcome = b.next();
            assertThat(welcome).as("what was posted after the join, not in connected's counts nor any frame before")
                    .containsEntry("type", "message").containsEntry("room_id", (int) open.id().value())
                    .containsEntry("message", "welcome").containsKey("cursor");
            post(alice, open, "and then");
            assertThat(b.next("message")).containsEntry("message", "and then");
            assertThat(b.next()).containsEntry("type", "unread").containsEntry("unread_count", 2);
        }
    }

    /**
     * Bob's stream handles his join after more changes than a replay carries: room_added, then at once the whole range
     * since he joined to fetch, by cursor; live frames after it.
     */
    @Test
    void aRoomAddedAfterMoreChangesThanAReplayCarriesNamesTheWholeRangeSinceTheJoinToFetch() {
        User alice = user("alice");
        User bob = user("bob");
        Room open = room(alice);
        post(alice, open, "before bob");
        String beforeBob = Cursors.of(messages.latestChange(open.id()).orElseThrow());
        try (ChatClient b = stream(bob)) {
            streamReads.before(1, () -> {
                for (int i = 1; i <= WatchRoomUseCase.MAX_RESUME + 1; i++) {
                    post(alice, open, "busy " + i);
                }
            });
            membership.join(bob.caller(), open.id());

            assertThat(b.next()).containsEntry("type", "room_added").containsEntry("unread_count", 501);
            String latest = Cursors.of(messages.latestChange(open.id()).orElseThrow());
            assertThat(b.next()).as("no head of the range replayed: one range to fetch, from where bob joined")
                    .isEqualTo(Map.of("type", "history_truncated", "room_id", (int) open.id().value(),
                            "message", "More changes were missed than are replayed: fetch them with GET /api/rooms/"
                                    + open.id().value() + "/changes?since=" + beforeBob,
                            "resume_cursor", beforeBob, "cursor", latest));
            post(alice, open, "live");
            assertThat(b.next()).containsEntry("type", "message").containsEntry("message", "live");
        }
    }

    @Test
    void resumingWithACursorPerRoomReplaysEachRoomsChangesOnceInOrder() {
        User alice = user("alice");
        User bob = user("bob");
        Room first = room(alice);
        Room second = room(alice);
        membership.join(bob.caller(), first.id());
        membership.join(bob.caller(), second.id());
        String firstCursor;
        String secondCursor;
        try (ChatClient b = stream(bob)) {
            post(alice, first, "seen 1");
            firstCursor = (String) b.next("message").get("cursor");
            post(alice, second, "seen 2");
            secondCursor = (String) b.next("message").get("cursor");
        }
        post(alice, first, "missed 1a");
        post(alice, second, "missed 2");
        post(alice, first, "missed 1b");

        try (ChatClient b = ChatClient.connect(userUri(bob.token(),
                first.id().value() + ":" + firstCursor + "," + second.id().value() + ":" + secondCursor))) {
            assertThat(b.next()).containsEntry("type", "connected");
            List<Map<String, Object>> messages = List.of(b.next("message"), b.next("message"), b.next("message"));
            assertThat(messages.stream().filter(m -> id(m.get("room_id")) == first.id().value())
                    .map(m -> m.get("message"))).containsExactly("missed 1a", "missed 1b");
            assertThat(messages.stream().filter(m -> id(m.get("room_id")) == second.id().value())
                    .map(m -> m.get("message"))).containsExactly("missed 2");

            post(alice, first, "live");
            assertThat(b.next("message")).containsEntry("message", "live");
            assertThat(b.received()).extracting(f -> f.get("type")).doesNotContain("message");
        }
    }

    /**
     * A cursor the server does not know (as after a restore) for one room costs neither the stream nor the other
     * room's replay: an error frame names the room, which goes on live, and the connection stays open.
     */
    @Test
    void aCursorOfNoChangeForOneRoomIsAnErrorNamingThatRoomAndTheOtherIsStillReplayed() {
        User alice = user("alice");
        User bob = user("bob");
        Room first = room(alice);
        Room second = room(alice);
        membership.join(bob.caller(), first.id());
        membership.join(bob.caller(), second.id());
        String secondCursor;
        try (ChatClient b = stream(bob)) {
            post(alice, second, "seen");
            secondCursor = (String) b.next("message").get("cursor");
        }
        post(alice, second, "missed");

        try (ChatClient b = ChatClient.connect(userUri(bob.token(),
                first.id().value() + ":c99999999," + second.id().value() + ":" + secondCursor))) {
            assertThat(b.next()).containsEntry("type", "connected");
            assertThat(b.next()).isEqualTo(Map.of("type", "error", "room_id", (int) first.id().value(),
                    "message", "since must be a cursor from this server"));
            assertThat(b.next("message")).containsEntry("room_id", (int) second.id().value())
                    .containsEntry("message", "missed");

            post(alice, first, "live in the first");
            assertThat(b.next("message")).containsEntry("message", "live in the first");
            assertThat(b.isOpen()).isTrue();
        }
    }

    @Test
    void aBadSinceOrTokenIsRefusedAtTheHandshake() {
        User alice = user("alice");
        assertThat(ChatClient.refusal(userUri(alice.token(), "7"), null)).isEqualTo(400);
        assertThat(ChatClient.refusal(userUri(alice.token(), "7:c1,7:c2"), null)).isEqualTo(400);
        assertThat(ChatClient.refusal(userUri("not-a-token", null), null)).isEqualTo(403);
        assertThat(ChatClient.refusal(userUri(null, null), null)).isEqualTo(403);
    }

    @Test
    void streamsAndRoomConnectionsShareTheUsersConnectionCap() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient one = stream(alice); ChatClient two = connect(alice, room); ChatClient three = stream(alice);
             ChatClient four = ChatClient.connect(userUri(alice.token(), null))) {
            assertThat(four.next()).containsEntry("type", "error");
            assertThat(four.closeStatus()).isEqualTo("1008 Too many connections");
            assertThat(one.isOpen() && two.isOpen() && three.isOpen()).isTrue();
        }
    }
}
