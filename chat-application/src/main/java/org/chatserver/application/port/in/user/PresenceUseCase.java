package org.chatserver.application.port.in.user;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;

/**
 * Who is around: {@code online} while a user has a connection on any node and sent a frame within
 * the away period, {@code away} when connected but idle or when they said so, {@code offline}
 * otherwise; with when they were last seen.
 */
public interface PresenceUseCase {

    /**
     * A user by name, with their presence when the caller may see it: their own, and that of anyone they share a room
     * with (of any kind), as the presence frames of their stream show it; empty for anyone else, so that a stranger's
     * comings and goings are not for everyone to watch. Not found when there is no such user.
     */
    UserView user(AuthenticatedUser caller, Username username);

    /**
     * The presence of those of {@code users} whose presence the caller may see, as {@link #user} shows it: the caller
     * and those who share a room with them. The others are not in the map (a members list of a public room read by
     * someone who is not in it shows no presence of the members they share no other room with).
     */
    Map<UserId, UserPresence> presence(AuthenticatedUser caller, Collection<UserId> users);

    /**
     * The presence of a members list's members whom the caller may see, as {@link #presence(AuthenticatedUser,
     * Collection)} answers it: every one of them for a member of the room, who shares it with them all.
     */
    Map<UserId, UserPresence> presenceOfMembers(AuthenticatedUser caller, MembersList list);

    /** @param presence empty when the caller may not see it */
    record UserView(User user, Optional<UserPresence> presence) {
    }
}
