package org.chatserver.application.port.in.room;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
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
    List<RoomMember> members(AuthenticatedUser caller, RoomId room);
}
