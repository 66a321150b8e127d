package org.chatserver.application.port.out.room;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatserver.domain.Ban;
import org.chatserver.domain.DirectPair;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Rooms, who is in them (in which role, muted or banned), and how far each member has read. */
public interface RoomRepository {

    /**
     * Stores a new room; empty when a public room has a name with the same {@link RoomName#key()}
     * and this one would be public too. Private rooms hold no name against anyone here: see
     * {@link Room}.
     */
    Optional<Room> create(RoomName name, boolean isPrivate, UserId createdBy, Instant now);

    Optional<Room> findById(RoomId id);

    /**
     * The rooms whose name has the same {@link RoomName#key()} that {@code viewer} can see: the
     * public one, and private ones they are a member of; by id.
     */
    List<Room> findByName(RoomName name, UserId viewer);

    /**
     * The public rooms and the private rooms {@code user} is a member of, newest room first
     * (creation time, then id), at most {@code limit}; each with its newest message and the
     * number of messages after the user's read position that others sent. When not all fit, the
     * rooms the user is a member of come before public rooms they never joined: newer public rooms
     * never push a member's own rooms (and their unread counts) out of the list.
     */
    List<RoomOverview> listVisibleTo(UserId user, int limit);

    /**
     * The rooms {@code user} is a member of (public or private), as {@link #listVisibleTo} shows them,
     * in the same order, at most {@code limit}.
     */
    List<RoomOverview> listMemberOf(UserId user, int limit);

    /** The ids of the rooms {@code user} is a member of, at most {@code limit}, in no particular order. */
    List<RoomId> memberRoomIds(UserId user, int limit);

    /**
     * Those of {@code others} who are members of one room at least with {@code user}, of any kind (public, private,
     * direct message): who is in one of the rooms {@link #memberRoomIds} gives for the user. Those are the people a
     * user's presence is shown to, live (their rooms are told of each change) and when asked. One query.
     */
    Set<UserId> sharingARoomWith(UserId user, Collection<UserId> others);

    /** Adds a member (the membership's room, user, role and time); false when already one, which changes nothing. */
    boolean addMember(Membership membership);

    /** Removes a member; false when not one. */
    boolean removeMember(RoomId room, UserId user);

    /** The user's membership of the room, empty when they are not in it. */
    Optional<Membership> membership(RoomId room, UserId user);

    /**
     * The memberships of these users in the room, in one look-up (for a batch of posts): only those who
     * are members are in the map.
     */
    Map<UserId, Membership> memberships(RoomId room, Collection<UserId> users);

    /** Members in the order they joined, with their roles, at most {@code limit}. */
    List<RoomMember> members(RoomId room, int limit);

    /** Gives a member another role; false when not a member. */
    boolean changeRole(RoomId room, UserId user, Membership.Role role);

    /** Stores a mute, replacing the user's earlier mute of the room if any. */
    void saveMute(Mute mute);

    /** The user's latest mute in the room, ended or not; empty when none. */
    Optional<Mute> findMute(RoomId room, UserId user);

    /** As {@link #findMute} for several users in one look-up: only those with a mute are in the map. */
    Map<UserId, Mute> findMutes(RoomId room, Collection<UserId> users);

    /** Forgets the user's mute of the room; false when there was none. */
    boolean deleteMute(RoomId room, UserId user);

    /** Stores a ban; false when the user is banned from the room already, which changes nothing. */
    boolean saveBan(Ban ban);

    Optional<Ban> findBan(RoomId room, UserId user);

    /** Lifts a ban; false when there was none. */
    boolean deleteBan(RoomId room, UserId user);

    /** The last message the member has read, empty when none or not a member. */
    Optional<MessageId> lastRead(RoomId room, UserId user);

    /**
     * Moves the member's read position forward to {@code upTo}, read {@code at}; never backward.
     * Whether it moved (false when not a member, or already there or further).
     */
    boolean advanceLastRead(RoomId room, UserId user, MessageId upTo, Instant at);

    /**
     * The read positions of those {@code users} who are members of the room, have one, and share
     * their read receipts ({@link org.chatserver.application.port.out.user.UserRepository#sharesReadReceipts});
     * nobody else is in the map. One query whatever the number of users.
     */
    Map<UserId, ReadPosition> sharedReadPositions(RoomId room, Collection<UserId> users);

    /**
     * The members of the room whose read position covers {@code message} and who share their read
     * receipts, except {@code except} (the sender), in the order they read it (then by user id), at
     * most {@code limit}.
     */
    List<Reader> seenBy(RoomId room, MessageId message, UserId except, int limit);

    /** @param readAt when their position last moved; null for a position older than read receipts */
    record Reader(UserId userId, Username username, Instant readAt) {
    }

    /**
     * The direct message of the pair (see {@link Room#isDirect()}), made now if there is none: one room
     * per pair whoever asks, also when both ask at once. Adds no members.
     */
    Room openDirect(DirectPair pair, Instant now);

    /** The direct message of the pair if it was opened; makes nothing. */
    Optional<Room> findDirect(DirectPair pair);

    /** The room as {@link #listVisibleTo} shows it to {@code user}; empty when they cannot see it. */
    Optional<RoomOverview> overview(RoomId room, UserId user);

    /**
     * @param lastMessage  the room's newest message that is not deleted (a tombstone is never shown as the last)
     * @param unreadCount  the messages of others after the user's read position that are not deleted
     * @param mentionCount the messages after the user's read position that mention them (a counter kept
     *                     by {@link org.chatserver.application.port.out.message.MentionRepository})
     * @param peer         for a direct message, the other member; null for other rooms
     * @param lastRead     the user's read position; null when none or not a member
     * @param latest       the room's newest message, deleted or not (null: none): the counts were taken
     *                     with every message up to it, and none after it
     * @param member       whether the user is a member; false for a public room they are not in
     */
    record RoomOverview(Room room, Optional<Message> lastMessage, long unreadCount, long mentionCount,
                        Username peer, MessageId lastRead, MessageId latest, boolean member) {
    }
}
