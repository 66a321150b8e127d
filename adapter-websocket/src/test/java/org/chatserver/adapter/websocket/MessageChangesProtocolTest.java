package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 over real sockets: edit and delete frames, replies, and resuming from a cursor with every
 * change made while away. An edit or a deletion never arrives as a {@code message} frame.
 */
class MessageChangesProtocolTest extends WebSocketTestSupport {

    @Test
    void anEditReachesEveryConnectionTheEditorsToo() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId id = post(alice, room, "helo");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.send(Map.of("type", "edit", "message_id", id.value(), "content", "hello"));

            for (ChatClient client : List.of(a, b)) {
                List<Map<String, Object>> frames = client.until("message_edited");
                assertThat(frames).extracting(f -> f.get("type")).doesNotContain("message");
                assertThat(frames.getLast()).containsEntry("message_id", (int) id.value())
                        .containsEntry("message", "hello").containsEntry("deleted", false)
                        .containsKey("edited_at").containsKey("cursor");
            }
        }
    }

    @Test
    void refusedEditsAndDeletionsAreErrorFramesForTheSenderOnly() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId id = post(alice, room, "mine");
        try (ChatClient b = connect(bob, room)) {
            b.send(Map.of("type", "edit", "message_id", id.value(), "content", "yours", "ref", 1));
            assertThat(b.next("error")).containsEntry("message", "Only the author of a message can edit it")
                    .containsEntry("ref", 1);
            b.send(Map.of("type", "delete", "message_id", id.value(), "ref", 2));
            assertThat(b.next("error")).containsEntry("ref", 2);
            b.send(Map.of("type", "edit", "message_id", id.value()));
            assertThat(b.next("error")).containsEntry("message", "content is required");
        }
    }

    @Test
    void aDeletionReachesEveryoneAsItsOwnFrame() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId id = post(bob, room, "oops");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            b.send(Map.of("type", "delete", "message_id", id.value()));

            for (ChatClient client : List.of(a, b)) {
                assertThat(client.next("message_deleted")).containsEntry("message_id", (int) id.value())
                        .containsEntry("room_id", (int) room.id().value()).containsEntry("deleted_by", bob.name())
                        .containsKey("cursor");
            }
        }
    }

    @Test
    void aReactionGivenOrTakenBackOnADeletedMessageIsAnErrorFrame() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId id = post(bob, room, "oops");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.send(Map.of("type", "reaction", "message_id", id.value(), "reaction_type", "👍"));
            b.next("reaction_added");
            b.send(Map.of("type", "delete", "message_id", id.value()));
            a.next("message_deleted");

            a.send(Map.of("type", "reaction", "message_id", id.value(), "action", "remove", "ref", 1));
            assertThat(a.next("error")).containsEntry("message", "This message was deleted").containsEntry("ref", 1);
            a.send(Map.of("type", "reaction", "message_id", id.value(), "reaction_type", "😂", "ref", 2));
            assertThat(a.next("error")).containsEntry("message", "This message was deleted").containsEntry("ref", 2);
        }
    }

    @Test
    void aReplyCarriesItsParent() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId question = post(alice, room, "lunch?");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            b.send(Map.of("type", "message", "content", "yes", "reply_to", question.value()));

            assertThat(a.next("message")).containsEntry("reply_to",
                    Map.of("message_id", (int) question.value(), "sender", alice.name(), "message", "lunch?"));
            b.send(Map.of("type", "message", "content", "x", "reply_to", 999_999, "client_id", "r-2"));
            assertThat(b.next("error")).containsEntry("message", "reply_to must be a message of the same room")
                    .containsEntry("client_id", "r-2");
        }
    }

    @Test
    void resumingFromACursorReplaysEveryChangeMadeWhileAway() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId first = post(alice, room, "first");
        String cursor;
        try (ChatClient b = connect(bob, room); ChatClient a = connect(alice, room)) {
            a.send(Map.of("type", "message", "content", "second"));
            cursor = (String) b.next("message").get("cursor");
        }
        MessageId third = post(alice, room, "third");
        try (ChatClient a = connect(alice, room)) {
            a.send(Map.of("type", "edit", "message_id", first.value(), "content", "first!"));
            a.send(Map.of("type", "reaction", "message_id", third.value(), "reaction_type", "👍"));
            a.send(Map.of("type", "delete", "message_id", third.value()));
            a.next("message_deleted");
        }

        try (ChatClient b = ChatClient.connect(URI.create(uri(Long.toString(room.id().value()), bob.token())
                + "&since=" + cursor))) {
            List<Map<String, Object>> frames = b.until("message_deleted");
            // third's post and reaction are left out: it was deleted meanwhile, and only its deletion comes
            assertThat(frames).extracting(f -> f.get("type")).containsExactly("connected", "message_edited",
                    "message_deleted");
            assertThat(frames.get(1)).containsEntry("message", "first!");
        }
    }

    /** A client with nothing yet may send the parameter empty: that is a first connection, not a refusal. */
    @Test
    void anEmptySinceIsAFirstConnectionWithNothingReplayed() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        post(alice, room, "before bob came");

        for (String since : List.of("", "%20")) {
            try (ChatClient b = ChatClient.connect(URI.create(uri(Long.toString(room.id().value()), bob.token())
                    + "&since=" + since)); ChatClient a = connect(alice, room)) {
                assertThat(b.next()).as("since=%s", since).containsEntry("type", "connected");
                a.send(Map.of("type", "message", "content", "live " + since));
                // the first message frame is the live one: "before bob came" is not replayed
                assertThat(b.next("message")).as("since=%s", since).containsEntry("message", "live " + since);
            }
        }
    }

    @Test
    void aClientResumingByMessageIdAlsoHearsOfEditsAfterIt() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId first = post(alice, room, "first");
        MessageId second = post(alice, room, "second");
        try (ChatClient a = connect(alice, room)) {
            a.send(Map.of("type", "edit", "message_id", first.value(), "content", "first!"));
            a.next("message_edited");
        }

        try (ChatClient b = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token(), second.value()))) {
            assertThat(b.next()).containsEntry("type", "connected");
            assertThat(b.next()).containsEntry("type", "message_edited").containsEntry("message", "first!");
        }
    }

    /** Ids are one sequence over all rooms: taken as this room's, another room's would skip changes between the two. */
    @Test
    void aResumeFromAnotherRoomsCursorOrMessageIsRefusedAndTheClientToldToLoadAfresh() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        Room other = room(alice);
        post(alice, room, "one");
        MessageId elsewhere = post(alice, other, "elsewhere");
        String otherCursor;
        try (ChatClient a = connect(alice, other)) {
            a.send(Map.of("type", "edit", "message_id", elsewhere.value(), "content", "elsewhere!"));
            otherCursor = (String) a.next("message_edited").get("cursor");
        }
        post(alice, room, "two, after the other room's cursor");

        for (String since : List.of(otherCursor, Long.toString(elsewhere.value()))) {
            try (ChatClient b = ChatClient.connect(URI.create(uri(Long.toString(room.id().value()), bob.token())
                    + "&since=" + since))) {
                assertThat(b.next()).containsEntry("type", "connected");
                assertThat(b.next()).as("since=%s", since).containsEntry("type", "error")
                        .hasEntrySatisfying("message", m -> assertThat((String) m).startsWith("since must be a "));
                assertThat(b.closeCode()).isEqualTo(1008);
            }
        }
    }
}
