package org.chatserver.application.service.room;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.RoomMembershipUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.room.RoomAccess.Visit;
import org.chatserver.domain.Membership;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.User;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Who is in a room: the room decides who may change that ({@link Room#add}, {@link Room#checkRemovable},
 * {@link Room#checkLeavable}). Taking someone else out is moderation, and goes into the room's audit log.
 */
public final class RoomMembershipService implements RoomMembershipUseCase {

    static final String USER_NOT_FOUND = "User not found";
    static final String NOT_A_MEMBER = "User is not a member of this room";

    private final RoomRepository rooms;
    private final UserRepository users;
    private final RoomAccess access;
    private final RoomAuditLog audit;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final UserEvents userEvents;

    public RoomMembershipService(RoomRepository rooms, UserRepository users, RoomAccess access, RoomAuditLog audit,
                                 RoomEvents events, Transactions transactions, Clock clock) {
        this(rooms, users, access, audit, events, transactions, clock, UserEvents.NONE);
    }

    /** @param userEvents where the member's own streams hear that their room list changed */
    public RoomMembershipService(RoomRepository rooms, UserRepository users, RoomAccess access, RoomAuditLog audit,
                                 RoomEvents events, Transactions transactions, Clock clock, UserEvents userEvents) {
        this.userEvents = userEvents;
        this.rooms = rooms;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void join(AuthenticatedUser caller, RoomId id) {
        Optional<UserEvent.RoomAdded> joined = transactions.inTransaction(
                () -> access.join(access.visit(caller, id), caller.userId(), clock.instant()).added());
        joined.ifPresent(userEvents::publish);
    }

    @Override
    public void leave(AuthenticatedUser caller, RoomId id) {
        Optional<Room> leftBehind = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, id);
            if (visit.membership().isEmpty()) {
                return Optional.empty();
            }
            visit.room().checkLeavable(visit.membership().get());
            return rooms.removeMember(id, caller.userId()) ? Optional.of(visit.room()) : Optional.empty();
        });
        leftBehind.ifPresent(room -> endLiveViews(room, caller.userId()));
    }

    @Override
    public Username addMember(AuthenticatedUser caller, RoomId id, Username member) {
        record Addition(User user, Optional<UserEvent.RoomAdded> added) {
        }
        Addition addition = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, id);
            // before looking the user up: whoever may not manage the room learns nothing of who exists
            visit.room().checkMembersManagedBy(visit.membership());
            User user = find(member);
            return new Addition(user, access.admit(visit.room().add(visit.membership(), user.id(),
                    rooms.findBan(id, user.id()), clock.instant())));
        });
        addition.added().ifPresent(userEvents::publish);
        return addition.user().username();
    }

    @Override
    public Username removeMember(AuthenticatedUser caller, RoomId id, Username member) {
        record Removal(Room room, UserId user, Username name) {
        }
        Removal removal = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, id);
            Membership remover = visit.room().checkMembersRemovableBy(visit.membership());
            User user = find(member);
            Membership target = rooms.membership(id, user.id())
                    .orElseThrow(() -> new NotFoundException(NOT_A_MEMBER));
            visit.room().checkRemovable(visit.membership(), target);
            if (!rooms.removeMember(id, user.id())) {
                return new Removal(visit.room(), null, user.username());
            }
            if (!remover.userId().equals(user.id())) {
                audit.record(ModerationAction.of(ModerationAction.Kind.MEMBER_REMOVED, remover, user.id(),
                        clock.instant()));
            }
            return new Removal(visit.room(), user.id(), user.username());
        });
        if (removal.user() != null) {
            endLiveViews(removal.room(), removal.user());
        }
        return removal.name();
    }

    @Override
    public MembersList members(AuthenticatedUser caller, RoomId id) {
        RoomAccess.Visit visit = access.visit(caller, id);
        return new MembersList(visit.room(), visit.membership(),
                rooms.members(visit.room().id(), MAX_MEMBERS_LIST));
    }

    private User find(Username name) {
        return users.findByUsername(name).orElseThrow(() -> new NotFoundException(USER_NOT_FOUND));
    }

    /**
     * After commit: the former member loses their open connections to the room, on every node: a private room
     * they may no longer see, a public one they left on one device and so on all (the room connection that stayed
     * would otherwise join them again at their next post there).
     */
    private void endLiveViews(Room room, UserId former) {
        userEvents.publish(new UserEvent.RoomRemoved(former, room.id()));
        events.publish(new RoomEvent.MemberRemoved(room.id(), former, false, clock.instant(), null));
    }
}
