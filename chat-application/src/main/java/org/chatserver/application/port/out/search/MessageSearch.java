package org.chatserver.application.port.out.search;

import java.util.List;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.SearchText;
import org.chatserver.domain.UserId;

/**
 * Finds messages by what they say: a message matches a {@link SearchQuery} when its
 * {@link SearchText#of search text} (its text and file name, folded) contains every term. The index
 * behind it follows every stored, edited and deleted message in the same transaction.
 */
public interface MessageSearch {

    /**
     * The newest {@code limit} matching messages older than {@code before} (null: from the newest),
     * newest first, in the rooms {@code scope.viewer()} can see now (the public rooms and the private
     * rooms they are a member of); never a deleted message.
     */
    List<Message> search(SearchQuery query, Scope scope, MessageId before, int limit);

    /**
     * @param viewer whose rooms
     * @param room   only this room (null: all the viewer's rooms)
     * @param sender only messages this user sent (null: anyone's)
     */
    record Scope(UserId viewer, RoomId room, UserId sender) {

        public Scope {
            if (viewer == null) {
                throw new IllegalArgumentException("a search is always someone's");
            }
        }

        public static Scope of(UserId viewer) {
            return new Scope(viewer, null, null);
        }
    }
}
