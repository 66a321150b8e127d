package org.chatserver.application.service.room;

import java.time.Clock;
import java.time.Instant;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.DirectMessagesUseCase;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.limit.UserRateLimit;
import org.chatserver.domain.DirectPair;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.chatserver.domain.UserEvent;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.domain.Username;

public final class DirectMessagesService implements DirectMessagesUseCase {

    static final String USER_NOT_FOUND = "User not found";

    private final RoomRepository rooms;
    private final UserRepository users;
    private final Transactions transactions;
    private final Clock clock;
    private final UserEvents userEvents;
    private final UserRateLimit roomLimit;

    public DirectMessagesService(RoomRepository rooms, UserRepository users, Transactions transactions, Clock clock) {
        this(rooms, users, transactions, clock, UserEvents.NONE);
    }

    /** @param userEvents where both people's streams hear of the DM when it is opened (the peer's too) */
    public DirectMessagesService(RoomRepository rooms, UserRepository users, Transactions transactions, Clock clock,
                                 UserEvents userEvents) {
        this(rooms, users, transactions, clock, userEvents, null);
    }

    /**
     * @param roomLimit how often a user may open new direct messages, a budget shared with creating rooms; null: no
     *                  limit
     */
    public DirectMessagesService(RoomRepository rooms, UserRepository users, Transactions transactions, Clock clock,
                                 UserEvents userEvents, UserRateLimit roomLimit) {
        this.roomLimit = roomLimit;
        this.userEvents = userEvents;
        this.rooms = rooms;
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RoomSummary open(AuthenticatedUser caller, Username peerName) {
        if (roomLimit != null && roomLimit.limits() && !opened(caller, peerName)) {
            // checked outside the transaction: a store out of the process is never waited for while it is open. A
            // limit turned off reads nothing for it
            roomLimit.check(caller.userId());
        }
        List<UserEvent> added = new ArrayList<>();
        RoomSummary opened = transactions.inTransaction(() -> {
            added.clear();
            Instant now = clock.instant();
            User peer = users.findByUsername(peerName).orElseThrow(() -> new NotFoundException(USER_NOT_FOUND));
            DirectPair pair = DirectPair.of(caller.userId(), peer.id());
            Room room = rooms.openDirect(pair, now);
            for (Membership member : room.directMembers(pair, now)) {
                // false for the second call and on: they are members since the first
                if (rooms.addMember(member)) {
                    // only a new direct message gets members: its log is empty, all of it theirs
                    added.add(new UserEvent.RoomAdded(member.userId(), room.id(), UserEvent.RoomAdded.Since.START));
                }
            }
            RoomOverview o = rooms.overview(room.id(), caller.userId()).orElseThrow();
            return ManageRoomsService.summary(o);
        });
        if (roomLimit != null && !added.isEmpty()) {
            // only a conversation opened now costs: a bot may open an existing one before each message it sends
            roomLimit.charge(caller.userId());
        }
        added.forEach(userEvents::publish);
        return opened;
    }

    /** Whether the caller and the peer have their direct message already (an unknown peer: left to open). */
    private boolean opened(AuthenticatedUser caller, Username peerName) {
        return transactions.inTransaction(() -> users.findByUsername(peerName)
                .filter(peer -> !peer.id().equals(caller.userId()))
                .map(peer -> rooms.findDirect(DirectPair.of(caller.userId(), peer.id())).isPresent())
                .orElse(true));
    }
}
