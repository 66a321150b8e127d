package org.chatserver.application.service.room;

import java.time.Clock;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ForbiddenException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.room.RoomMembershipUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.User;
import org.chatserver.domain.Username;

public final class RoomMembershipService implements RoomMembershipUseCase {

    private final RoomRepository rooms;
    private final UserRepository users;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public RoomMembershipService(RoomRepository rooms, UserRepository users, RoomAccess access, RoomEvents events,
                                 Transactions transactions, Clock clock) {
        this.rooms = rooms;
        this.users = users;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void join(AuthenticatedUser caller, RoomId id) {
        transactions.run(() -> {
            Room room = access.visibleRoom(caller, id);
            access.ensureMember(room, caller.userId(), clock.instant());
        });
    }

    @Override
    public void leave(AuthenticatedUser caller, RoomId id) {
        boolean left = transactions.inTransaction(() -> {
            Room room = access.visibleRoom(caller, id);
            if (room.isPrivate() && room.isManagedBy(caller.userId())) {
                throw new RejectedException("The creator of a private room cannot leave it");
            }
            boolean removed = rooms.removeMember(room.id(), caller.userId());
            return removed && room.isPrivate();
        });
        if (left) {
            // out of a private room means out of its live events too, on every device
            events.publish(new RoomEvent.MemberRemoved(id, caller.userId(), clock.instant(), null));
        }
    }

    @Override
    public void addMember(AuthenticatedUser caller, RoomId id, Username member) {
        transactions.run(() -> {
            Room room = managedRoom(caller, id);
            User user = users.findByUsername(member).orElseThrow(() -> new NotFoundException("User not found"));
            access.ensureMember(room, user.id(), clock.instant());
        });
    }

    @Override
    public void removeMember(AuthenticatedUser caller, RoomId id, Username member) {
        User removed = transactions.inTransaction(() -> {
            Room room = managedRoom(caller, id);
            User user = users.findByUsername(member).orElseThrow(() -> new NotFoundException("User not found"));
            if (user.id().equals(caller.userId())) {
                throw new RejectedException("The creator of a private room cannot leave it");
            }
            if (!rooms.removeMember(room.id(), user.id())) {
                throw new NotFoundException("User is not a member of this room");
            }
            return user;
        });
        // after commit: the removed member's open connections to the room end at once
        events.publish(new RoomEvent.MemberRemoved(id, removed.id(), clock.instant(), null));
    }

    @Override
    public List<RoomMember> members(AuthenticatedUser caller, RoomId id) {
        Room room = access.visibleRoom(caller, id);
        return rooms.members(room.id(), MAX_MEMBERS_LIST);
    }

    private Room managedRoom(AuthenticatedUser caller, RoomId id) {
        Room room = access.visibleRoom(caller, id);
        if (!room.isPrivate()) {
            throw new RejectedException("Public rooms are open to everyone: members join and leave themselves");
        }
        if (!room.isManagedBy(caller.userId())) {
            throw new ForbiddenException("Only the creator of the room can manage its members");
        }
        return room;
    }
}
