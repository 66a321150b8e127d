package org.chatserver.application.port.in.room;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Who is in a room. Anyone may join or leave a public room (unless banned from it); only the
 * creator of a private room adds its members, by username, and the creator and moderators remove them.
 */
public interface RoomMembershipUseCase {

    int MAX_MEMBERS_LIST = 1000;

    void join(AuthenticatedUser caller, RoomId room);

    void leave(AuthenticatedUser caller, RoomId room);

    /** Adds the user named {@code member} (in any case); answers their name as registered. */
    Username addMember(AuthenticatedUser caller, RoomId room, Username member);

    /** Removes the user named {@code member} (in any case); answers their name as registered. */
    Username removeMember(AuthenticatedUser caller, RoomId room, Username member);

    /** Members in joining order, with their roles, at most {@value #MAX_MEMBERS_LIST}. */
    MembersList members(AuthenticatedUser caller, RoomId room);

    /**
     * A room's members list as its reader got it: the room and the reader's membership read once serve what else the
     * list shows (read positions, presence, mutes), each deciding from them what this reader may see.
     *
     * @param reader  the reader's membership of the room; empty for a reader of a public room who is not in it
     * @param members in joining order, at most {@value #MAX_MEMBERS_LIST}
     */
    record MembersList(Room room, Optional<Membership> reader, List<RoomMember> members) {

        public MembersList {
            Objects.requireNonNull(room, "room");
            reader.ifPresent(membership -> {
                if (!membership.roomId().equals(room.id())) {
                    throw new IllegalArgumentException("a membership of room " + membership.roomId() + ", not "
                            + room.id());
                }
            });
            members = List.copyOf(members);
        }

        /**
         * The membership {@code user} read the list with: empty for a reader not in the room, and for a list someone
         * else read (which tells nothing of {@code user}'s standing).
         */
        public Optional<Membership> membershipOf(UserId user) {
            return reader.filter(membership -> membership.userId().equals(user));
        }

        /** Whether {@code user} read the list as a member of the room, who shares it with everyone on it. */
        public boolean readByMember(UserId user) {
            return membershipOf(user).isPresent();
        }

        public List<UserId> ids() {
            return members.stream().map(RoomMember::userId).toList();
        }
    }
}
