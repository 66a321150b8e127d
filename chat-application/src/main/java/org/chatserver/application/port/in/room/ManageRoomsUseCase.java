package org.chatserver.application.port.in.room;

import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ConflictException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;

/**
 * Rooms as a user sees them. A private room the caller is not a member of does not exist for
 * them: every call answers {@link NotFoundException} "Room not found", as for a missing room.
 */
public interface ManageRoomsUseCase {

    int MAX_LIST = 500;

    /** Creates a room with the caller as its first member; {@link ConflictException} when the name is taken. */
    Room create(AuthenticatedUser caller, CreateRoomCommand command);

    /** Visible rooms, newest first, at most {@code limit} (1 to {@link #MAX_LIST}). */
    List<RoomSummary> list(AuthenticatedUser caller, int limit);

    Room get(AuthenticatedUser caller, RoomId room);

    /**
     * Where the caller stands in a room they can see: their role when they are a member, and whether they are banned
     * from it (a public room's banned reader may still read it, and would otherwise learn of the ban only when a join
     * is refused).
     */
    Standing standing(AuthenticatedUser caller, RoomId room);

    /** @param role empty when the caller is not a member */
    record Standing(Optional<Membership.Role> role, boolean banned) {
    }

    /** A room by id or by name. */
    Room resolve(AuthenticatedUser caller, RoomReference reference);

    record CreateRoomCommand(RoomName name, boolean isPrivate) {
    }
}
