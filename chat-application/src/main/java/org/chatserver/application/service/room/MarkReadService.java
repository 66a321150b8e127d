package org.chatserver.application.service.room;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.MarkReadUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;

/**
 * Moves a member's read position and, once that committed, tells the room's watchers (coalesced by
 * the {@link ReadReceiptPublisher}) unless the member keeps their read receipts to themselves.
 */
public final class MarkReadService implements MarkReadUseCase {

    static final String MESSAGE_NOT_FOUND = "Message not found";

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final UserRepository users;
    private final RoomAccess access;
    private final ReadReceiptPublisher receipts;
    private final Transactions transactions;
    private final Clock clock;
    private final MentionRepository mentions;
    private final UserEvents userEvents;

    /** Without mention counts (for tests of other features). */
    public MarkReadService(RoomRepository rooms, MessageRepository messages, UserRepository users, RoomAccess access,
                           ReadReceiptPublisher receipts, Transactions transactions, Clock clock) {
        this(rooms, messages, users, access, receipts, transactions, clock, null);
    }

    /** @param mentions whose counters follow the read position; null: none kept */
    public MarkReadService(RoomRepository rooms, MessageRepository messages, UserRepository users, RoomAccess access,
                           ReadReceiptPublisher receipts, Transactions transactions, Clock clock,
                           MentionRepository mentions) {
        this(rooms, messages, users, access, receipts, transactions, clock, mentions, UserEvents.NONE);
    }

    /**
     * @param userEvents where the reader's own streams hear of their new counts, whether or not they
     *                   share their read receipts
     */
    public MarkReadService(RoomRepository rooms, MessageRepository messages, UserRepository users, RoomAccess access,
                           ReadReceiptPublisher receipts, Transactions transactions, Clock clock,
                           MentionRepository mentions, UserEvents userEvents) {
        this.userEvents = userEvents;
        this.mentions = mentions;
        this.rooms = rooms;
        this.messages = messages;
        this.users = users;
        this.access = access;
        this.receipts = receipts;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @param joined a public room the reader was not in yet: reading it joined them; empty otherwise */
    private record Outcome(long count, ReadMoved moved, UserEvent.ReadMoved mine,
                           Optional<UserEvent.RoomAdded> joined) {

        static final Outcome NOTHING = new Outcome(0, null, null, Optional.empty());
    }

    @Override
    public long markRead(AuthenticatedUser caller, RoomId id, MessageId upTo) {
        Outcome outcome = transactions.inTransaction(() -> {
            RoomAccess.Visit visit = access.visit(caller, id);
            Room room = visit.room();
            Optional<MessageId> target = upTo == null ? messages.latestId(room.id()) : Optional.of(upTo);
            if (upTo != null && messages.findById(upTo).filter(m -> m.roomId().equals(room.id())).isEmpty()) {
                throw new NotFoundException(MESSAGE_NOT_FOUND);
            }
            Optional<UserEvent.RoomAdded> joined = access.join(visit, caller.userId(), clock.instant()).added();
            if (target.isEmpty()) {
                return new Outcome(0, null, null, joined);
            }
            MessageId from = rooms.lastRead(room.id(), caller.userId()).orElse(null);
            if (from != null && from.compareTo(target.get()) >= 0) {
                return new Outcome(0, null, null, joined);
            }
            long count = messages.countBetween(room.id(), from, target.get(), caller.userId());
            Instant now = clock.instant();
            boolean moved = rooms.advanceLastRead(room.id(), caller.userId(), target.get(), now);
            if (moved && mentions != null) {
                mentions.recount(room.id(), caller.userId());
            }
            UserEvent.ReadMoved mine = moved ? countsNow(caller, room.id(), target.get()) : null;
            if (!moved || !users.sharesReadReceipts(caller.userId())) {
                return new Outcome(count, null, mine, joined);
            }
            return new Outcome(count, new ReadMoved(room.id(), caller.username(), target.get(), now, null), mine,
                    joined);
        });
        outcome.joined().ifPresent(userEvents::publish);
        if (outcome.moved() != null) {
            receipts.moved(outcome.moved());
        }
        if (outcome.mine() != null) {
            userEvents.publish(outcome.mine());
        }
        return outcome.count();
    }

    /** The reader's counts after the move, as the room list reads them: one query per move, none per message. */
    private UserEvent.ReadMoved countsNow(AuthenticatedUser caller, RoomId room, MessageId lastRead) {
        return rooms.overview(room, caller.userId())
                .map(o -> new UserEvent.ReadMoved(caller.userId(), room, lastRead,
                        o.latest(), o.unreadCount(), o.mentionCount()))
                .orElse(null);
    }
}
