package org.chatserver.application.service.room;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ConflictException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.RoomReference;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.service.limit.UserRateLimit;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;

public final class ManageRoomsService implements ManageRoomsUseCase {

    static final String NAME_TAKEN = "Room name already exists";

    private final RoomRepository rooms;
    private final RoomAccess access;
    private final Transactions transactions;
    private final Clock clock;
    private final UserEvents userEvents;
    private final UserRateLimit roomLimit;

    public ManageRoomsService(RoomRepository rooms, RoomAccess access, Transactions transactions, Clock clock) {
        this(rooms, access, transactions, clock, UserEvents.NONE);
    }

    /** @param userEvents where the creator's streams (their other devices) hear of the new room */
    public ManageRoomsService(RoomRepository rooms, RoomAccess access, Transactions transactions, Clock clock,
                              UserEvents userEvents) {
        this(rooms, access, transactions, clock, userEvents, null);
    }

    /**
     * @param roomLimit how often a user may create rooms, a budget shared with opening direct messages; null: no
     *                  limit
     */
    public ManageRoomsService(RoomRepository rooms, RoomAccess access, Transactions transactions, Clock clock,
                              UserEvents userEvents, UserRateLimit roomLimit) {
        this.roomLimit = roomLimit;
        this.userEvents = userEvents;
        this.rooms = rooms;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Room create(AuthenticatedUser caller, CreateRoomCommand command) {
        record Created(Room room, UserEvent.RoomAdded added) {
        }
        if (roomLimit != null) {
            // every attempt counts, a refused name too: trying names is as cheap to send as making rooms
            roomLimit.take(caller.userId());
        }
        Created created = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Room.checkChoosable(command.name());
            // taken only by a room the caller can see: a private room they cannot see must not show itself
            if (!rooms.findByName(command.name(), caller.userId()).isEmpty()) {
                throw new ConflictException(NAME_TAKEN);
            }
            Room room = rooms.create(command.name(), command.isPrivate(), caller.userId(), now)
                    .orElseThrow(() -> new ConflictException(NAME_TAKEN));
            // a new room has banned nobody yet
            return new Created(room, access.admit(room.join(caller.userId(), Optional.empty(), now)).orElseThrow());
        });
        userEvents.publish(created.added());
        return created.room();
    }

    @Override
    public List<RoomSummary> list(AuthenticatedUser caller, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidValueException("page size", "{} must be between 1 and " + MAX_LIST);
        }
        return rooms.listVisibleTo(caller.userId(), limit).stream()
                .map(ManageRoomsService::summary)
                .toList();
    }

    /** A room as its list shows it to the user the overview was read for: the one home of that shape. */
    static RoomSummary summary(RoomOverview o) {
        return new RoomSummary(o.room(), o.lastMessage(), o.unreadCount(), o.mentionCount(), o.peer(), o.member());
    }

    @Override
    public Room get(AuthenticatedUser caller, RoomId room) {
        return access.visibleRoom(caller, room);
    }

    @Override
    public Standing standing(AuthenticatedUser caller, RoomId room) {
        Room visible = access.visibleRoom(caller, room);
        return new Standing(access.membership(visible.id(), caller.userId()).map(Membership::role),
                rooms.findBan(visible.id(), caller.userId()).isPresent());
    }

    @Override
    public Room resolve(AuthenticatedUser caller, RoomReference reference) {
        return switch (reference) {
            case RoomReference.ById byId -> access.visibleRoom(caller, byId.id());
            case RoomReference.ByName byName -> access.requireVisible(caller,
                    Room.meantBy(rooms.findByName(byName.name(), caller.userId()))
                            .orElseThrow(() -> new NotFoundException(Room.NOT_FOUND)));
        };
    }
}
