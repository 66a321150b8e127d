package org.chatserver.application.port.in.room;

import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomId;

/**
 * One live stream of every room the user is a member of, for one connection (a device): each room's
 * changes in that room's order, each once, as {@link WatchRoomUseCase} delivers them; the user's room
 * list as it changes; their unread and mention counts as they change. A user in 200 rooms holds one
 * stream, not 200 connections.
 */
public interface WatchUserUseCase {

    /** The most rooms a stream carries: the newest ones, as the room list shows them. */
    int MAX_ROOMS = ManageRoomsUseCase.MAX_LIST;

    /**
     * Starts the stream: {@link StreamListener#connected} first, with the user's rooms, then live
     * delivery. With a position in {@code since} for a room, every change of that room after it is
     * delivered first, in order, at most {@link WatchRoomUseCase#MAX_RESUME} (beyond that, {@link
     * StreamListener#historyTruncated}); rooms without one are delivered live from now. Positions of
     * rooms the user is not in are ignored. A position the room refuses (a cursor of another room, or of
     * no change this server knows, as after a restore) does not end the stream: that room is delivered
     * live from now and {@link StreamListener#resumeRefused} says so after {@code connected}, so that the
     * client drops that one position and reloads that room, keeping the others' replays.
     */
    UserStream watch(AuthenticatedUser caller, Map<RoomId, HistoryPosition> since, String connectionId,
                     StreamListener listener);

    /**
     * What the stream has for its connection. Calls come one at a time, in order, on fan-out, posting
     * or background threads: each must be quick and must not throw.
     */
    interface StreamListener {

        /** First of all: the rooms the stream carries, as the room list shows them. */
        void connected(List<RoomSummary> rooms);

        /**
         * Something of one of the rooms to show: others' messages, everyone's edits, deletions,
         * reactions, pins, typing, shared read positions; and {@link RoomEvent.StatusChanged} of people
         * who share a room with the user, once per change however many rooms they share, never the
         * user's own. Never arrivals and departures of watchers.
         */
        void onEvent(RoomEvent event);

        /** The connection's own message is stored: its answer. */
        void acknowledged(Message mine);

        /**
         * Right after {@link #connected}: the room's position in {@code since} was refused (the reason says why),
         * so the room's missed changes are not replayed; it is delivered live from now, its counts and last
         * message as {@code connected} gave them.
         */
        void resumeRefused(RoomId room, InvalidValueException reason);

        /** The user became a member of a room: the stream carries it from now on. */
        void roomAdded(RoomSummary room);

        /** The user is no longer a member of the room: the stream no longer carries it. */
        void roomRemoved(RoomId room);

        /**
         * Right before {@link #roomRemoved}, when the user was banned from the room: the stream's counterpart of a
         * room connection's {@link WatchRoomUseCase.RoomListener#banned}.
         */
        default void banned(RoomId room) {
        }

        /** The user's unread or mention count of the room changed: the counts now. */
        void unread(RoomId room, long unreadCount, long mentionCount);

        /**
         * The stream could not keep up with the user's room list (the store failed while a room was
         * added): it delivers nothing more; the client should connect again.
         */
        void lost(RuntimeException cause);

        /** Missed changes of the room were not all replayed: see {@link WatchRoomUseCase.RoomListener}. */
        default void historyTruncated(RoomId room, MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                      ChangeId liveCursor) {
        }
    }

    interface UserStream extends AutoCloseable {

        /**
         * Returns when the stream carries the room (the user is a member of it, as far as the stream knows); refuses a
         * room it does not carry as REST refuses the user there: a room they are banned
         * from and can still see (a public one) with {@link org.chatserver.domain.RuleViolation.NotPermitted}
         * ({@link org.chatserver.domain.Room#BANNED}), any other as {@link NotFoundException not found}.
         */
        void checkCarries(RoomId room);

        /**
         * Posts a message of this connection to one of the stream's rooms; the listener hears of it
         * through {@link StreamListener#acknowledged}, never as an event. A room the stream does not
         * carry is refused as {@link #checkCarries} refuses it.
         */
        Posted post(PostMessageCommand command);

        /** Tells the room the user is typing; a room the stream does not carry is refused as {@link #checkCarries} says. */
        void typing(RoomId room, TypingKind kind);

        /** Stops delivery of every room. */
        @Override
        void close();
    }
}
