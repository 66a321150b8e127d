package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * A live view of a room for one connection: what it is to be shown, in order. Changes (posts,
 * edits, deletions, reactions, pins) reach the listener in the order of the room's change log, each
 * once, without gaps: out-of-order fan-out is put back in order, and gaps are filled from the log. The watch also knows what is the connection's own doing (its
 * messages, its typing, its arrival), which it does not show back to it.
 */
public interface WatchRoomUseCase {

    int MAX_RESUME = 500;

    /**
     * Joins the caller to the room (public rooms; a private one needs membership) and starts
     * delivering. With {@code since}, every change of the room after it (posts, edits, deletions,
     * reactions, pins, in the order they happened) is delivered first, at most {@value #MAX_RESUME};
     * beyond that {@link RoomListener#historyTruncated} tells the client to fetch the rest, and live
     * delivery continues from the newest change. A message id as {@code since} stands for the change
     * that posted it.
     */
    RoomWatch watch(AuthenticatedUser caller, RoomId room, HistoryPosition since, String connectionId,
                    RoomListener listener);

    interface RoomListener {

        /**
         * Something the connection is to be shown: others' messages, typing and comings and goings
         * (the latter only in rooms small enough, see the service), and everyone's reactions. Runs on
         * a fan-out thread or the posting thread: must be quick and must not throw.
         */
        void onEvent(RoomEvent event);

        /**
         * The connection's own message is stored (or was already, for a resend with the same client
         * id): its answer. Comes before anything that arrived while the message was being stored.
         */
        default void acknowledged(Message mine) {
        }

        /** The user is no longer a member of the room: delivery has stopped; end the connection. */
        default void revoked() {
        }

        /** As {@link #revoked}, because the user was banned from the room. */
        default void banned() {
            revoked();
        }

        /** Missed messages after {@code resumeAfter} were not all delivered: fetch them over REST. */
        default void historyTruncated(MessageId resumeAfter, MessageId liveFrom) {
        }

        /**
         * Missed changes after {@code resumeCursor} were not all delivered: fetch them over REST; live
         * delivery continues after {@code liveCursor}. The message ids say the same for clients that
         * page messages: both null when there is no message to page from.
         */
        default void historyTruncated(MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                      ChangeId liveCursor) {
            if (resumeAfter != null && liveFrom != null) {
                historyTruncated(resumeAfter, liveFrom);
            }
        }
    }

    interface RoomWatch extends AutoCloseable {

        Room room();

        /**
         * Posts a message of this connection to the room ({@code command.room()} must be this one);
         * the listener hears of it through {@link RoomListener#acknowledged}, never as an event.
         */
        Posted post(PostMessageCommand command);

        void typing(TypingKind kind);

        /** Stops delivery and tells the room the user left. */
        @Override
        void close();
    }
}
