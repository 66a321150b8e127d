package org.chatserver.application.service.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.application.service.room.RoomAccess.Visit;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.Ban;
import org.chatserver.domain.Membership;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.Mute;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.User;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Loads the room with the caller's and the target's memberships, lets the {@link Room} decide
 * ({@link Room#changeRole}, {@link Room#mute}, {@link Room#ban}, {@link Room#checkModerates}),
 * stores the outcome with its audit entry in one transaction, and publishes after commit.
 *
 * <p>Whoever may not moderate the room is refused before the target is looked up, so they learn
 * nothing of who exists.
 */
public final class ModerateRoomService implements ModerateRoomUseCase {

    static final String USER_NOT_FOUND = "User not found";
    static final String NOT_A_MEMBER = "User is not a member of this room";
    static final String NOT_MUTED = "User is not muted in this room";
    static final String NOT_BANNED = "User is not banned from this room";

    private final RoomRepository rooms;
    private final UserRepository users;
    private final RoomAuditLog audit;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final UserEvents userEvents;

    public ModerateRoomService(RoomRepository rooms, UserRepository users, RoomAuditLog audit, RoomAccess access,
                               RoomEvents events, Transactions transactions, Clock clock) {
        this(rooms, users, audit, access, events, transactions, clock, UserEvents.NONE);
    }

    /** @param userEvents where a banned member's own streams hear that the room left their list */
    public ModerateRoomService(RoomRepository rooms, UserRepository users, RoomAuditLog audit, RoomAccess access,
                               RoomEvents events, Transactions transactions, Clock clock, UserEvents userEvents) {
        this.userEvents = userEvents;
        this.rooms = rooms;
        this.users = users;
        this.audit = audit;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RoomMember changeRole(AuthenticatedUser caller, ChangeRole command) {
        record Changed(RoomMember member, Optional<RoomEvent> event) {
        }
        Changed changed = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, command.room());
            visit.room().checkRolesManagedBy(visit.membership());
            User user = find(command.member());
            Membership member = memberOf(command.room(), user);
            Membership now = visit.room().changeRole(visit.membership(), member, command.role());
            Optional<RoomEvent> event = Optional.empty();
            if (now.role() != member.role()) {
                Instant at = clock.instant();
                rooms.changeRole(command.room(), user.id(), now.role());
                audit.record(ModerationAction.roleChanged(visit.membership().orElseThrow(), now, at));
                event = Optional.of(RoomEvent.MemberUpdated.roleChanged(command.room(), user.id(), user.username(),
                        now.role(), at));
            }
            return new Changed(new RoomMember(user.id(), user.username(), now.joinedAt(), now.role()), event);
        });
        // after commit: the room's clients follow at once (who may pin and delete, the members list)
        changed.event().ifPresent(events::publish);
        return changed.member();
    }

    @Override
    public Muted mute(AuthenticatedUser caller, MuteMember command) {
        record Done(Muted muted, RoomEvent event) {
        }
        Done done = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, command.room());
            visit.room().checkModeratedBy(visit.membership());
            User user = find(command.member());
            Membership member = memberOf(command.room(), user);
            Mute mute = visit.room().mute(visit.membership(), member, command.minutes(), clock.instant());
            rooms.saveMute(mute);
            audit.record(ModerationAction.muted(mute));
            return new Done(new Muted(user.username(), mute), RoomEvent.MemberUpdated.muteChanged(command.room(),
                    user.id(), user.username(), member.role(), mute.until(), mute.at()));
        });
        // after commit, to those who see the mute in the members list (the watch decides)
        events.publish(done.event());
        return done.muted();
    }

    @Override
    public Username unmute(AuthenticatedUser caller, RoomId room, Username member) {
        record Done(Username user, Optional<RoomEvent> event) {
        }
        Done done = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, room);
            visit.room().checkModeratedBy(visit.membership());
            User user = find(member);
            Optional<Membership> target = rooms.membership(room, user.id());
            Membership moderator = visit.room().checkModerates(visit.membership(), user.id(), target);
            Instant now = clock.instant();
            if (rooms.findMute(room, user.id()).filter(m -> m.isActiveAt(now)).isEmpty()) {
                throw new NotFoundException(NOT_MUTED);
            }
            rooms.deleteMute(room, user.id());
            audit.record(ModerationAction.of(ModerationAction.Kind.UNMUTED, moderator, user.id(), now));
            // one who left the room is in no members list: nobody to tell
            return new Done(user.username(), target.map(m -> (RoomEvent) RoomEvent.MemberUpdated.muteChanged(room,
                    user.id(), user.username(), m.role(), null, now)));
        });
        done.event().ifPresent(events::publish);
        return done.user();
    }

    @Override
    public Username ban(AuthenticatedUser caller, RoomId room, Username name) {
        record Banned(Username user, Ban ban, boolean changed, boolean removed) {
        }
        Banned banned = transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, room);
            visit.room().checkModeratedBy(visit.membership());
            User user = find(name);
            Optional<Membership> member = rooms.membership(room, user.id());
            Ban ban = visit.room().ban(visit.membership(), user.id(), member, clock.instant());
            boolean removed = member.isPresent() && rooms.removeMember(room, user.id());
            boolean changed = rooms.saveBan(ban) || removed;
            if (changed) {
                audit.record(ModerationAction.banned(ban));
            }
            return new Banned(user.username(), ban, changed, removed);
        });
        // after commit, public room or private: the banned user's open connections to it close on every node
        if (banned.changed()) {
            events.publish(new RoomEvent.MemberRemoved(room, banned.ban().userId(), true, banned.ban().at(), null));
            if (banned.removed()) {
                userEvents.publish(new UserEvent.RoomRemoved(banned.ban().userId(), room));
            }
        }
        return banned.user();
    }

    @Override
    public Username unban(AuthenticatedUser caller, RoomId room, Username name) {
        return transactions.inTransaction(() -> {
            Visit visit = access.visit(caller, room);
            visit.room().checkModeratedBy(visit.membership());
            User user = find(name);
            Membership moderator = visit.room().checkModerates(visit.membership(), user.id(), Optional.empty());
            if (!rooms.deleteBan(room, user.id())) {
                throw new NotFoundException(NOT_BANNED);
            }
            audit.record(ModerationAction.of(ModerationAction.Kind.UNBANNED, moderator, user.id(), clock.instant()));
            return user.username();
        });
    }

    @Override
    public Map<UserId, Instant> mutedUntil(AuthenticatedUser caller, MembersList list) {
        // the membership the list was read with: no second visit
        Optional<Membership> reader = list.membershipOf(caller.userId());
        Collection<UserId> shown = list.ids().stream()
                .filter(user -> reader.map(member -> member.seesMuteOf(user)).orElse(user.equals(caller.userId())))
                .toList();
        RoomId room = list.room().id();
        Instant now = clock.instant();
        Map<UserId, Instant> ends = new HashMap<>();
        rooms.findMutes(room, shown).forEach((user, mute) -> {
            if (mute.isActiveAt(now)) {
                ends.put(user, mute.until());
            }
        });
        return ends;
    }

    @Override
    public List<AuditEntry> audit(AuthenticatedUser caller, AuditPage page) {
        Visit visit = access.visit(caller, page.room());
        visit.room().checkModeratedBy(visit.membership());
        return audit.page(page.room(), page.before(), page.limit());
    }

    private User find(Username name) {
        return users.findByUsername(name).orElseThrow(() -> new NotFoundException(USER_NOT_FOUND));
    }

    private Membership memberOf(RoomId room, User user) {
        return rooms.membership(room, user.id()).orElseThrow(() -> new NotFoundException(NOT_A_MEMBER));
    }
}
