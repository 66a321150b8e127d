package org.chatserver.adapter.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.adapter.wire.ChangeFrames;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.adapter.wire.RoomListItem;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-to-client frames, exactly as the clients decode them. Each frame is a record whose
 * components become the snake_case keys in declaration order; a key the contract wants null is a
 * null component, never a missing one.
 */
final class OutboundFrames {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** Frames shared between the connections an event goes to; see {@link #forEvent}. */
    private static final int SHARED_FRAMES = 4096;
    private static final Map<SameEvent, Frame> SHARED = new ConcurrentHashMap<>();

    private OutboundFrames() {
    }

    /**
     * A frame ready to send: its text encoded to UTF-8 once, however many connections it goes to
     * ({@link FrameWriter} writes these bytes as they are). Never modified once made.
     */
    record Frame(byte[] utf8) {

        static Frame of(String json) {
            return new Frame(json.getBytes(StandardCharsets.UTF_8));
        }

        /** Its size on the wire (without the frame header), which the outbound queue is bounded by. */
        int bytes() {
            return utf8.length;
        }

        String text() {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }

    /**
     * The frame for a room event. Every watcher of a room gets the same event, and its frame does
     * not depend on who receives it, so it is written once and the same bytes go to all of them
     * (at 1,000 messages/s into rooms of 50 that is 49,000 frames/s written 1,000 times).
     */
    static Frame forEvent(RoomEvent event) {
        SameEvent key = new SameEvent(event);
        Frame frame = SHARED.get(key);
        if (frame == null) {
            if (SHARED.size() >= SHARED_FRAMES) {
                // events are only shared while they fan out: an old one is never asked for again
                SHARED.clear();
            }
            frame = SHARED.computeIfAbsent(key, k -> Frame.of(render(k.event())));
        }
        return frame;
    }

    /** The very same event object, as fan-out hands it to every watcher: cheaper than comparing records. */
    private record SameEvent(RoomEvent event) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SameEvent that && that.event == event;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(event);
        }
    }

    private static String render(RoomEvent event) {
        return switch (event) {
            // posts, edits, deletions, reactions and pins: the shapes REST's change log replays too
            case RoomEvent.Change change -> write(ChangeFrames.of(change));
            case RoomEvent.Presence presence -> presence(presence);
            case RoomEvent.Typing typing -> typing(typing);
            case RoomEvent.StatusChanged status -> write(new PresenceFrame("presence", status.user().value(),
                    WireValues.presence(status.status()), WireTime.format(status.lastSeen())));
            case RoomEvent.ReadMoved read -> read(read);
            case RoomEvent.MemberRemoved removed -> throw new IllegalArgumentException("not a client frame: " + removed);
            case RoomEvent.Resync resync -> throw new IllegalArgumentException("not a client frame: " + resync);
            case RoomEvent.MemberUpdated updated -> memberUpdated(updated);
        };
    }

    /**
     * A role change, or a mute (only to those who see it: the watch decides), in the words of the room's members list:
     * the same frame to everyone it goes to.
     */
    static String memberUpdated(RoomEvent.MemberUpdated event) {
        // roles as the members list writes them: owner, moderator, member
        String role = event.role().name().toLowerCase(Locale.ROOT);
        String at = WireTime.format(event.at());
        return event.mute()
                ? write(new MemberMuted("member_updated", event.roomId().value(), event.username().value(), role,
                        WireTime.format(event.mutedUntil()), at))
                : write(new MemberRole("member_updated", event.roomId().value(), event.username().value(), role, at));
    }

    static String connected(Room room, Instant now) {
        return write(new Connected("connected", room.id().value(), room.name().value(),
                "Connected to " + room.name().value(), WireTime.format(now)));
    }

    static String presence(RoomEvent.Presence event) {
        String name = event.user().value();
        return event.joined()
                ? notice("user_joined", event, name + " joined the chat")
                : notice("user_left", event, name + " left the chat");
    }

    static String typing(RoomEvent.Typing event) {
        String type = switch (event.kind()) {
            case TYPING -> "typing";
            case TYPING_START -> "typing_start";
            case TYPING_STOP -> "typing_stop";
        };
        String text = event.kind() == RoomEvent.TypingKind.TYPING_STOP
                ? event.user().value() + " stopped typing"
                : event.user().value() + " is typing...";
        return write(new Notice(type, event.roomId().value(), event.user().value(), text, WireTime.format(event.at())));
    }

    private static String notice(String type, RoomEvent.Presence event, String text) {
        return write(new Notice(type, event.roomId().value(), event.user().value(), text, WireTime.format(event.at())));
    }

    static String message(Message message) {
        return write(ChangeFrames.of(new RoomEvent.MessagePosted(message, null, null)));
    }

    static String ack(Message message, String clientId) {
        return write(new Ack("ack", message.id().value(), clientId, message.roomId().value(),
                WireTime.format(message.createdAt())));
    }

    static String historyTruncated(Room room, MessageId resumeAfter, MessageId liveFrom) {
        return historyTruncated(room.id(), resumeAfter, liveFrom, null, null);
    }

    static String read(RoomEvent.ReadMoved event) {
        return write(new ReadFrame("read", event.roomId().value(), event.user().value(), event.lastRead().value()));
    }

    /**
     * The message ids for clients that page messages (as before the change log), the cursors for those
     * that read the change log; either pair may be missing.
     */
    static String historyTruncated(RoomId room, MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                   ChangeId liveCursor) {
        long roomId = room.value();
        String text = resumeAfter != null && liveFrom != null
                ? "More messages were missed than are replayed: fetch those after message "
                        + resumeAfter.value() + " with GET /api/messages/" + roomId + "?after="
                        + resumeAfter.value() + "; live messages continue after " + liveFrom.value()
                : "More changes were missed than are replayed: fetch them with GET /api/rooms/" + roomId
                        + "/changes" + (resumeCursor == null ? "" : "?since=" + Cursors.of(resumeCursor));
        return write(new HistoryTruncated("history_truncated", roomId,
                resumeAfter == null ? null : resumeAfter.value(), liveFrom == null ? null : liveFrom.value(), text,
                Cursors.of(resumeCursor), Cursors.of(liveCursor)));
    }

    /** The first frame of {@code /ws/user}: who is connected and their rooms, as {@code GET /api/rooms} lists them. */
    static String streamConnected(Username user, List<RoomSummary> rooms) {
        return write(new StreamConnected("connected", user.value(), rooms.stream().map(RoomListItem::of).toList()));
    }

    static String roomAdded(RoomSummary room) {
        return write(new RoomAdded("room_added", RoomListItem.of(room)));
    }

    static String roomRemoved(RoomId room) {
        return write(new RoomRemoved("room_removed", room.value()));
    }

    static String unread(RoomId room, long unreadCount, long mentionCount) {
        return write(new Unread("unread", room.value(), unreadCount, mentionCount));
    }

    static String error(String message) {
        return error(message, InboundFrame.Echo.NONE);
    }

    /** An error answering a frame: with the frame's ref, and a message's client_id, when it had them. */
    static String error(String message, InboundFrame.Echo echo) {
        return write(new ErrorFrame("error", message, null, echo.clientId(), echo.ref()));
    }

    /** An error about one room of the user's stream that is not the answer to a frame. */
    static String error(String message, RoomId room) {
        return write(new ErrorFrame("error", message, room.value(), null, null));
    }

    static String authenticated(Instant expiresAt) {
        return write(new Authenticated("authenticated", WireTime.format(expiresAt)));
    }

    /** The REST error shape, for a refused handshake (an HTTP answer, not a frame). */
    static String detail(String detail) {
        return write(new Detail(detail));
    }

    private static String write(Record frame) {
        return JSON.writeValueAsString(frame);
    }

    record Connected(String type, long roomId, String roomName, String message, String timestamp) {
    }

    /** user_joined, user_left, typing, typing_start, typing_stop */
    record Notice(String type, long roomId, String sender, String message, String timestamp) {
    }

    record StreamConnected(String type, String username, List<RoomListItem> rooms) {
    }

    /** The room's list item after its type. */
    record RoomAdded(String type, @JsonUnwrapped RoomListItem room) {
    }

    record RoomRemoved(String type, long roomId) {
    }

    /** Someone who shares a room with the user is online, away or offline (then since {@code last_seen}). */
    record PresenceFrame(String type, String username, String status, String lastSeen) {
    }

    record Unread(String type, long roomId, long unreadCount, long mentionCount) {
    }

    record Ack(String type, long messageId, @JsonInclude(JsonInclude.Include.NON_NULL) String clientId, long roomId,
               String timestamp) {
    }

    record ReadFrame(String type, long roomId, String username, long lastReadMessageId) {
    }

    /** A member's role changed. */
    record MemberRole(String type, long roomId, String username, String role, String timestamp) {
    }

    /** A member's mute began or was replaced ({@code muted_until}), or ended (null). */
    record MemberMuted(String type, long roomId, String username, String role, String mutedUntil, String timestamp) {
    }

    /**
     * @param resumeCursor the change after which the client should read the log over REST
     * @param cursor       the change after which live delivery goes on: the cursor to resume from later
     */
    record HistoryTruncated(String type, long roomId, @JsonInclude(JsonInclude.Include.NON_NULL) Long resumeAfter,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long liveFrom, String message,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String resumeCursor,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {
    }

    record ErrorFrame(String type, String message, @JsonInclude(JsonInclude.Include.NON_NULL) Long roomId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String clientId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Object ref) {
    }

    record Authenticated(String type, String expiresAt) {
    }

    record Detail(String detail) {
    }
}
