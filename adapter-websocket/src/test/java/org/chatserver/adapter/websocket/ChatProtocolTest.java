package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.service.message.ReactService;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.AttachmentKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The protocol as the iOS app, the HTML test page and the JavaScript client see it, over real sockets. */
class ChatProtocolTest extends WebSocketTestSupport {

    @Autowired
    ReactService reactions;

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Test
    void theJoinerGetsConnectedFirstAndTheOthersHearJoinsAndLeaves() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = ChatClient.connect(uri(room.name().value().toUpperCase(), alice.token()))) {
            Map<String, Object> connected = a.next();
            assertThat(connected).containsOnlyKeys("type", "room_id", "room_name", "message", "timestamp")
                    .containsEntry("type", "connected")
                    .containsEntry("room_id", (int) room.id().value())
                    .containsEntry("room_name", room.name().value())
                    .containsEntry("message", "Connected to " + room.name().value());
            assertThat((String) connected.get("timestamp")).isEqualTo("2026-11-02T10:15:30Z");

            ChatClient b = connect(bob, room);
            Map<String, Object> joined = a.next();
            assertThat(joined).containsOnlyKeys("type", "room_id", "sender", "message", "timestamp")
                    .containsEntry("type", "user_joined")
                    .containsEntry("room_id", (int) room.id().value())
                    .containsEntry("sender", bob.name())
                    .containsEntry("message", bob.name() + " joined the chat");

            b.close();
            Map<String, Object> left = a.next();
            assertThat(left).containsOnlyKeys("type", "room_id", "sender", "message", "timestamp")
                    .containsEntry("type", "user_left")
                    .containsEntry("sender", bob.name())
                    .containsEntry("message", bob.name() + " left the chat");
            assertThat((String) left.get("timestamp")).matches(TIMESTAMP);
        }
    }

    @Test
    void aMessageGoesToEveryOtherConnectionAndTheSenderGetsOnlyAnAck() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room);
             ChatClient c = connect(carol, room)) {
            a.send("{\"type\":\"message\",\"content\":\"hello\",\"client_id\":\"c-1\",\"room_id\":999,\"sender\":\"mallory\"}");

            Map<String, Object> ack = a.next("ack");
            assertThat(ack).containsOnlyKeys("type", "message_id", "client_id", "room_id", "timestamp")
                    .containsEntry("client_id", "c-1")
                    .containsEntry("room_id", (int) room.id().value());
            Map<String, Object> item = b.next("message");
            assertThat(item).containsOnlyKeys("type", "message_id", "room_id", "sender", "message", "message_type",
                    "file_url", "file_name", "file_size", "mime_type", "timestamp", "reactions", "user_reaction",
                    // issue 10's additions: old clients ignore them
                    "edited_at", "deleted", "reply_to", "reply_count", "cursor",
                    // issue 11's, then the image preview's
                    "mentions", "preview_url");
            assertThat(item).containsEntry("message_id", ack.get("message_id"))
                    .containsEntry("room_id", (int) room.id().value())
                    .containsEntry("sender", alice.name())
                    .containsEntry("message", "hello")
                    .containsEntry("message_type", "text")
                    .containsEntry("file_url", null)
                    .containsEntry("file_name", null)
                    .containsEntry("file_size", null)
                    .containsEntry("mime_type", null)
                    .containsEntry("reactions", List.of())
                    .containsEntry("user_reaction", null);
            assertThat((String) item.get("timestamp")).matches(TIMESTAMP);
            assertThat(c.next("message")).containsEntry("message_id", ack.get("message_id"));

            // a resend (lost ack) is the same message: same id, nothing broadcast again
            a.send("{\"type\":\"message\",\"content\":\"hello\",\"client_id\":\"c-1\"}");
            assertThat(a.next("ack")).containsEntry("message_id", ack.get("message_id"));
            c.send("{\"type\":\"message\",\"content\":\"marker\"}");
            assertThat(b.next("message")).containsEntry("message", "marker");

            // the sender hears others and reactions, but never its own message
            b.send(Map.of("type", "reaction", "message_id", ack.get("message_id"), "reaction_type", "👍",
                    "action", "add"));
            List<Map<String, Object>> seenByAlice = a.until("reaction_added");
            assertThat(seenByAlice).filteredOn(f -> "message".equals(f.get("type")))
                    .extracting(f -> f.get("message")).containsExactly("marker");
        }
    }

    @Test
    void aMessageSentJustBeforeClosingIsStillStoredAndDeliveredBeforeTheLeave() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient b = connect(bob, room)) {
            ChatClient a = connect(alice, room);
            b.next("user_joined");
            a.send(Map.of("type", "message", "content", "bye for now", "client_id", "last"));
            a.close();

            assertThat(b.next()).containsEntry("type", "message").containsEntry("message", "bye for now");
            assertThat(b.next()).containsEntry("type", "user_left").containsEntry("sender", alice.name());
        }
    }

    @Test
    void everyoneSeesConcurrentSendersInTheSameOrder() throws Exception {
        int senders = 4;
        int perSender = 25;
        Room room = room(user("owner"));
        List<User> users = new ArrayList<>();
        List<ChatClient> sending = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            User u = user("sender");
            users.add(u);
            sending.add(connect(u, room));
        }
        ChatClient watcher1 = connect(user("watcher"), room);
        ChatClient watcher2 = connect(user("watcher"), room);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                ChatClient client = sending.get(s);
                int sender = s;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perSender; i++) {
                        client.send("{\"type\":\"message\",\"content\":\"s" + sender + "-" + i + "\"}");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }

            List<Long> order1 = messageIds(watcher1, senders * perSender);
            List<Long> order2 = messageIds(watcher2, senders * perSender);
            assertThat(order1).isSorted().doesNotHaveDuplicates().isEqualTo(order2);
            for (ChatClient sender : sending) {
                List<Long> acked = new ArrayList<>();
                List<Long> heard = new ArrayList<>();
                while (acked.size() < perSender || heard.size() < order1.size() - perSender) {
                    Map<String, Object> frame = sender.next();
                    if ("ack".equals(frame.get("type"))) {
                        acked.add(id(frame.get("message_id")));
                    } else if ("message".equals(frame.get("type"))) {
                        heard.add(id(frame.get("message_id")));
                    }
                }
                List<Long> others = new ArrayList<>(order1);
                others.removeAll(acked);
                assertThat(heard).isEqualTo(others);
            }
        } finally {
            pool.shutdownNow();
            sending.forEach(ChatClient::close);
            watcher1.close();
            watcher2.close();
        }
    }

    private static List<Long> messageIds(ChatClient client, int count) {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < count) {
            Map<String, Object> frame = client.next();
            if ("message".equals(frame.get("type"))) {
                ids.add(id(frame.get("message_id")));
            }
        }
        return ids;
    }

    @Test
    void resumingWithSinceDeliversWhatWasMissedOnceThenLive() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId seen = post(alice, room, "one");
        List<MessageId> missed = List.of(post(alice, room, "two"), post(alice, room, "three"),
                post(alice, room, "four"));

        MessageId five;
        try (ChatClient b = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token(), seen.value()))) {
            assertThat(b.next()).containsEntry("type", "connected");
            for (MessageId expected : missed) {
                assertThat(b.next()).containsEntry("type", "message").containsEntry("message_id", (int) expected.value());
            }
            five = post(alice, room, "five");
            assertThat(b.next()).containsEntry("type", "message").containsEntry("message_id", (int) five.value());
        }
        try (ChatClient upToDate = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token(),
                five.value()))) {
            assertThat(upToDate.next()).containsEntry("type", "connected");
            MessageId live = post(alice, room, "six");
            // the first connection's user_left may still be on its way: it is bob's other device leaving
            assertThat(upToDate.next("message")).containsEntry("message_id", (int) live.value());
        }
        try (ChatClient notGivenOut = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token(),
                1_000_000))) {
            assertThat(notGivenOut.next()).containsEntry("type", "connected");
            assertThat(notGivenOut.next()).as("a message id this room never had: load the room afresh")
                    .containsEntry("type", "error").containsEntry("message", "since must be a message id of this room");
            assertThat(notGivenOut.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void tooManyMissedMessagesAreReplayedUpToTheLimitThenTheClientIsToldToPage() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId since = post(alice, room, "seen");
        List<MessageId> missed = new ArrayList<>();
        for (int i = 0; i < 510; i++) {
            missed.add(post(alice, room, "missed " + i));
        }

        try (ChatClient b = ChatClient.connect(uri(Long.toString(room.id().value()), bob.token(), since.value()))) {
            assertThat(b.next()).containsEntry("type", "connected");
            for (int i = 0; i < 500; i++) {
                assertThat(b.next()).containsEntry("message_id", (int) missed.get(i).value());
            }
            Map<String, Object> truncated = b.next();
            assertThat(truncated).containsOnlyKeys("type", "room_id", "resume_after", "live_from", "message",
                            "resume_cursor", "cursor")
                    .containsEntry("type", "history_truncated")
                    .containsEntry("room_id", (int) room.id().value())
                    .containsEntry("resume_after", (int) missed.get(499).value())
                    .containsEntry("live_from", (int) missed.getLast().value());
            assertThat((String) truncated.get("message"))
                    .contains("/api/messages/" + room.id().value() + "?after=" + missed.get(499).value());
            MessageId live = post(alice, room, "live");
            assertThat(b.next()).containsEntry("message_id", (int) live.value());
        }
    }

    /**
     * Missed changes that are no posts (reactions here) leave no message to page from: the frame names the cursors
     * only. It used to carry live_from without resume_after, half of a pair that only means something whole.
     */
    @Test
    void tooManyMissedChangesWithoutPostsAreToldByCursorsAlone() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId seen = post(alice, room, "seen");
        String cursor = Cursors.of(messageStore.latestChange(room.id()).orElseThrow());
        for (int i = 0; i < 255; i++) {
            reactions.add(alice.caller(), new AddReaction(seen, ReactionType.THUMBS_UP, null));
            reactions.remove(alice.caller(), new RemoveReaction(seen, null));
        }

        try (ChatClient b = ChatClient.connect(URI.create(uri(Long.toString(room.id().value()), bob.token())
                + "&since=" + cursor))) {
            assertThat(b.next()).containsEntry("type", "connected");
            for (int i = 0; i < 500; i++) {
                assertThat(b.next().get("type")).isIn("reaction_added", "reaction_removed");
            }
            Map<String, Object> truncated = b.next();
            assertThat(truncated).containsOnlyKeys("type", "room_id", "message", "resume_cursor", "cursor")
                    .containsEntry("type", "history_truncated");
            assertThat((String) truncated.get("message")).isEqualTo("More changes were missed than are replayed: "
                    + "fetch them with GET /api/rooms/" + room.id().value() + "/changes?since="
                    + truncated.get("resume_cursor"));
        }
    }

    @Test
    void aPrivateRoomRefusesTheHandshakeOfANonMember() {
        User owner = user("owner");
        User stranger = user("stranger");
        Room secret = room(owner, true);

        assertThat(ChatClient.refusal(uri(Long.toString(secret.id().value()), stranger.token()), null)).isEqualTo(403);
        assertThat(ChatClient.refusal(uri(secret.name().value(), stranger.token()), null)).isEqualTo(403);
        try (ChatClient member = ChatClient.connect(uri(secret.name().value(), owner.token()))) {
            assertThat(member.next()).containsEntry("type", "connected");
        }
    }

    @Test
    void badMissingOrForgedTokensAndUnknownRoomsAreRefusedWith403() {
        User alice = user("alice");
        Room room = room(alice);
        String ref = Long.toString(room.id().value());

        assertThat(ChatClient.refusal(uri(ref, null), null)).isEqualTo(403);
        assertThat(ChatClient.refusal(uri(ref, "forged"), null)).isEqualTo(403);
        assertThat(ChatClient.refusal(uri(ref, null), "forged")).isEqualTo(403);
        assertThat(ChatClient.refusal(uri("no-such-room", alice.token()), null)).isEqualTo(403);
        assertThat(ChatClient.refusal(uri("987654321", alice.token()), null)).isEqualTo(403);
    }

    @Test
    void theBearerHeaderWorksInPlaceOfTheQueryToken() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = ChatClient.connect(uri(room.name().value(), null), alice.token())) {
            assertThat(a.next()).containsEntry("type", "connected");
        }
    }

    @Test
    void badFramesGetAnErrorAndTheConnectionStaysOpen() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            a.send("{not json");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Invalid JSON"));
            a.send("[1,2]");
            assertThat(a.next()).containsEntry("type", "error");
            a.send("{\"type\":\"dance\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Unknown message type: dance"));
            a.send("{\"type\":\"message\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "a message needs content or a file"));
            a.send("{\"type\":\"presence\",\"status\":\"asleep\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "status must be away or online"));
            // a well-formed presence frame is taken silently: the next answer is for the frame after it
            a.send("{\"type\":\"presence\",\"status\":\"away\"}");
            a.send("{\"type\":\"message\",\"content\":42}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "content must be a string"));
            a.send("{\"type\":\"message\",\"content\":\"shown\",\"content\":\"stored\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "A frame must not name a key twice"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"file_url\":\"https://evil.example/x.png\"}");
            assertThat((String) a.next().get("message")).contains("/api/files/");
            a.send("{\"type\":\"message\",\"content\":\"x\",\"file_size\":-5}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "file_size must not be negative"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"mime_type\":\"nope\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "mime_type must look like type/subtype"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"attachment\":{\"mime_type\":\"nope\"}}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "mime_type must look like type/subtype"));
            a.send("{\"type\":\"reaction\",\"message_id\":999999,\"reaction_type\":\"👍\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Message not found"));
            a.send("{\"type\":\"reaction\",\"message_id\":1,\"reaction_type\":\"🦄\"}");
            assertThat((String) a.next().get("message")).startsWith("reaction_type must be one of");
            a.sendBinary("\u0000garbage");
            assertThat(a.next()).containsEntry("type", "error");

            a.send("{\"type\":\"message\",\"content\":\"still here\"}");
            assertThat(a.next()).containsEntry("type", "ack");
            assertThat(b.next("message")).containsEntry("message", "still here");
            assertThat(a.isOpen()).isTrue();
        }
    }

    /** A room's connection reacts to that room's messages, as it edits and deletes them. */
    @Test
    void aReactionToAnotherRoomsMessageIsNotFoundOnARoomsConnection() {
        User alice = user("alice");
        Room room = room(alice);
        Room other = room(alice);
        MessageId elsewhere = post(alice, other, "in the other room");
        try (ChatClient a = connect(alice, room)) {
            a.send("{\"type\":\"reaction\",\"message_id\":" + elsewhere.value() + ",\"reaction_type\":\"👍\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Message not found"));
            a.send("{\"type\":\"reaction\",\"message_id\":" + elsewhere.value() + ",\"action\":\"remove\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Message not found"));
        }
        try (ChatClient b = connect(alice, other)) {
            b.send("{\"type\":\"reaction\",\"message_id\":" + elsewhere.value() + ",\"reaction_type\":\"👍\"}");
            assertThat(b.next("reaction_added")).containsEntry("message_id", (int) elsewhere.value());
        }
    }

    @Test
    void anErrorRepeatsTheFramesRefAndAMessagesClientIdSoTheClientKnowsWhatFailed() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            a.send("{\"type\":\"message\",\"client_id\":\"c-9\",\"ref\":\"r-1\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "a message needs content or a file",
                    "client_id", "c-9", "ref", "r-1"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"client_id\":42,\"ref\":7,"
                    + "\"file_url\":\"https://evil.example/x.png\"}");
            assertThat(a.next()).containsEntry("type", "error").containsEntry("client_id", "42").containsEntry("ref", 7);
            a.send("{\"type\":\"reaction\",\"message_id\":999999,\"reaction_type\":\"👍\",\"ref\":\"r-3\","
                    + "\"client_id\":\"only messages have one\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Message not found", "ref", "r-3"));
            a.send("{\"type\":\"dance\",\"ref\":\"r-4\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Unknown message type: dance",
                    "ref", "r-4"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"client_id\":\"c-10\",\"ref\":{\"nested\":1}}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error",
                    "message", "ref must be an integer or a string of at most 64 characters"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"client_id\":\"" + "c".repeat(65) + "\"}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error",
                    "message", "client_id must be 1 to 64 visible ASCII characters"));

            a.send("{\"type\":\"message\",\"content\":\"fine\",\"client_id\":\"c-11\",\"ref\":\"r-5\"}");
            assertThat(a.next()).containsOnlyKeys("type", "message_id", "client_id", "room_id", "timestamp")
                    .containsEntry("type", "ack").containsEntry("client_id", "c-11");
        }
    }

    /** The audit's frames: what REST answers for the same fields, not "must be a string" / "must be an integer". */
    @Test
    void aFloatClientIdAndAnIdPastTheRangeAreRefusedInRestsWords() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            a.send("{\"type\":\"message\",\"content\":\"x\",\"client_id\":1.5}");
            assertThat(a.next())
                    .isEqualTo(Map.of("type", "error", "message", "client_id must be a string or an integer"));
            for (String type : List.of("edit", "delete", "reaction")) {
                a.send("{\"type\":\"" + type + "\",\"message_id\":9223372036854775808,\"content\":\"y\","
                        + "\"reaction_type\":\"👍\"}");
                assertThat(a.next()).as(type)
                        .isEqualTo(Map.of("type", "error", "message", "message_id is out of range"));
            }
            a.send("{\"type\":\"message\",\"content\":\"x\",\"reply_to\":9223372036854775808}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "reply_to is out of range"));
            a.send("{\"type\":\"message\",\"content\":\"x\",\"ref\":9223372036854775808}");
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "ref is out of range"));
        }
    }

    /** REST's words for a message id below 1, whichever frame and field it comes in. */
    @Test
    void aMessageIdBelowOneIsRefusedInRestsWords() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            for (String type : List.of("edit", "delete", "reaction")) {
                a.send("{\"type\":\"" + type + "\",\"message_id\":0,\"content\":\"y\",\"reaction_type\":\"👍\"}");
                assertThat(a.next()).as(type)
                        .isEqualTo(Map.of("type", "error", "message", "message_id must be a positive message id"));
            }
            a.send("{\"type\":\"message\",\"content\":\"x\",\"reply_to\":-1}");
            assertThat(a.next())
                    .isEqualTo(Map.of("type", "error", "message", "reply_to must be a positive message id"));
        }
    }

    @Test
    void binaryFramesCarryTheSameJson() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            a.sendBinary("{\"type\":\"message\",\"content\":\"héllo from the app\",\"client_id\":\"ios-1\"}");

            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "ios-1");
            assertThat(b.next("message")).containsEntry("message", "héllo from the app");
        }
    }

    @Test
    void typingIsRelayedToTheOthersInAllThreeForms() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            for (String type : List.of("typing", "typing_start", "typing_stop")) {
                a.send("{\"type\":\"" + type + "\"}");
                Map<String, Object> relayed = b.next(type);
                assertThat(relayed).containsOnlyKeys("type", "room_id", "sender", "message", "timestamp")
                        .containsEntry("room_id", (int) room.id().value())
                        .containsEntry("sender", alice.name())
                        .containsEntry("message", alice.name()
                                + (type.equals("typing_stop") ? " stopped typing" : " is typing..."));
            }
            b.send("{\"type\":\"message\",\"content\":\"marker\"}");
            // alice heard bob join, then his marker: none of her own typing came back
            assertThat(a.until("message")).extracting(f -> f.get("type")).containsExactly("user_joined", "message");
        }
    }

    @Test
    void reactionsReachEveryoneIncludingTheReactor() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId message = post(alice, room, "react to me");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            b.send(Map.of("type", "reaction", "message_id", message.value(), "reaction_type", "❤️", "action", "add"));

            Map<String, Object> expected = new HashMap<>();
            expected.put("type", "reaction_added");
            expected.put("room_id", (int) room.id().value());
            expected.put("message_id", (int) message.value());
            expected.put("sender", bob.name());
            expected.put("reaction_type", "❤️");
            expected.put("reaction_summary", List.of(Map.of("reaction_type", "❤️", "count", 1,
                    "users", List.of(bob.name()))));
            for (ChatClient client : List.of(a, b)) {
                Map<String, Object> added = client.next("reaction_added");
                assertThat((String) added.remove("timestamp")).matches(TIMESTAMP);
                // issue 10 adds where the change sits in the room's log
                assertThat((String) added.remove("cursor")).matches("c\\d+");
                assertThat(added).isEqualTo(expected);
            }

            b.send(Map.of("type", "reaction", "message_id", message.value(), "action", "remove"));
            for (ChatClient client : List.of(a, b)) {
                assertThat(client.next("reaction_removed"))
                        .containsEntry("sender", bob.name())
                        .containsEntry("reaction_type", "❤️")
                        .containsEntry("reaction_summary", List.of());
            }
        }
    }

    /**
     * The audit's bob reacted 😂, then sent a remove naming 👍: his 😂 went, and everyone was told. Removing by type
     * takes back that type only; naming another is a no-op, with no frame.
     */
    @Test
    void aRemoveNamingAnotherReactionThanTheUsersLeavesTheirsAndTellsNobody() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        MessageId message = post(alice, room, "react to me");
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            b.send(Map.of("type", "reaction", "message_id", message.value(), "reaction_type", "😂", "action", "add"));
            a.next("reaction_added");
            b.next("reaction_added");

            b.send(Map.of("type", "reaction", "message_id", message.value(), "reaction_type", "👍", "action", "remove"));
            b.send(Map.of("type", "reaction", "message_id", message.value(), "reaction_type", "nope",
                    "action", "remove", "ref", 7));
            assertThat(b.next("error")).containsEntry("ref", 7)
                    .containsEntry("message", "reaction_type must be one of 👍 ❤️ 😂 😮 😢 😡");
            b.send("{\"type\":\"message\",\"content\":\"marker\"}");
            assertThat(a.until("message")).as("what alice heard before bob's marker").extracting(f -> f.get("type"))
                    .containsExactly("message");

            b.send(Map.of("type", "reaction", "message_id", message.value(), "reaction_type", "😂", "action", "remove"));
            assertThat(a.next("reaction_removed")).containsEntry("reaction_type", "😂")
                    .containsEntry("reaction_summary", List.of());
        }
    }

    @Test
    void theAppsAttachmentFormIsStoredWithARelativeUrl() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        uploaded(alice, "abc123.png", AttachmentKind.IMAGE, "image/png", 2048);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            a.send("{\"type\":\"message\",\"content\":\"\",\"attachment\":{\"url\":\"http://192.168.1.20:8000/api/files/"
                    + "abc123.png\",\"filename\":\"cat.png\",\"size\":2048,\"mime_type\":\"image/png\"}}");

            assertThat(a.next()).containsEntry("type", "ack");
            assertThat(b.next("message"))
                    .containsEntry("message", "")
                    .containsEntry("message_type", "image")
                    .containsEntry("file_url", "/api/files/abc123.png")
                    .containsEntry("file_name", "cat.png")
                    .containsEntry("file_size", 2048)
                    .containsEntry("mime_type", "image/png");
        }
    }
}
