package org.chatserver.application.port.out.message;

import java.util.Collection;
import java.util.List;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;

/**
 * Who was mentioned by which message, kept by user (one row per mention, never one per message and
 * reader), and each member's count of unread mentions, a counter beside their read position so that
 * a room list reads it at no cost.
 */
public interface MentionRepository {

    /**
     * Records that {@code message} mentions {@code users}, or with {@code everyone} all members of its
     * room; only members of the room count, and never its sender. Each one's mention count grows by one
     * unless their read position covers the message already. The members recorded, once each.
     */
    List<RoomMember> record(Message message, Collection<UserId> users, boolean everyone);

    /**
     * Forgets the mentions of a message (deleted, or edited to say something else): the count of each
     * member it mentioned whose read position does not cover it falls by one.
     */
    void forget(MessageId message);

    /** Sets the member's mention count to their mentions after their read position (call after it moved). */
    void recount(RoomId room, UserId user);

    /**
     * The messages mentioning {@code user} older than {@code before} (null: the newest), newest first,
     * at most {@code limit}, in rooms they are still a member of; deleted messages mention nobody.
     */
    List<Message> mentionsOf(UserId user, MessageId before, int limit);
}
