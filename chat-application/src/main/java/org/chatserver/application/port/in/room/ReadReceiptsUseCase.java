package org.chatserver.application.port.in.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Who has seen what in a room, for its members: members who turned their read receipts off appear nowhere here
 * (their own unread counts still work), and a public room's readers who are not members of it see none.
 */
public interface ReadReceiptsUseCase {

    int MAX_SEEN_BY = 1000;

    /**
     * The members whose read position covers the message, its sender left out, in the order they
     * read it, at most {@value #MAX_SEEN_BY}. The room must be one the caller can see and the message
     * one of its messages, else not found; the caller a member of the room, else
     * {@link org.chatserver.domain.RuleViolation.NotPermitted}.
     */
    List<SeenBy> seenBy(AuthenticatedUser caller, RoomId room, MessageId message);

    /**
     * The read positions of those on the caller's members list who share them; none when the caller is not a member
     * of the room (a public room's reader), nor for a list someone else read.
     */
    Map<UserId, ReadPosition> readPositions(AuthenticatedUser caller, MembersList list);

    /** @param readAt when their position last moved, null when it is older than read receipts */
    record SeenBy(Username username, Instant readAt) {
    }
}
