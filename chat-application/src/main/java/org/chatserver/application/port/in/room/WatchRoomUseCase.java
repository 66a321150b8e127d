package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * A live view of a room for one connection. Messages reach the listener in id order, each once,
 * without gaps: out-of-order fan-out is put back in order, and gaps are filled from the store.
 */
public interface WatchRoomUseCase {

    int MAX_RESUME = 500;

    /**
     * Joins the caller to the room (public rooms; a private one needs membership) and starts
     * delivering. With {@code since}, the messages after it are delivered first, at most
     * {@value #MAX_RESUME}; beyond that {@link RoomListener#historyTruncated} tells the client
     * to page the history, and live delivery continues from the newest message.
     */
    RoomWatch watch(AuthenticatedUser caller, RoomId room, MessageId since, String connectionId,
                    RoomListener listener);

    interface RoomListener {

        /** Runs on a fan-out thread: must be quick and must not throw. */
        void onEvent(RoomEvent event);

        /** The user is no longer a member of the room: delivery has stopped; end the connection. */
        default void revoked() {
        }

        /** Missed messages after {@code resumeAfter} were not all delivered: fetch them over REST. */
        default void historyTruncated(MessageId resumeAfter, MessageId liveFrom) {
        }
    }

    interface RoomWatch extends AutoCloseable {

        Room room();

        void typing(TypingKind kind);

        /** Stops delivery and tells the room the user left. */
        @Override
        void close();
    }
}
