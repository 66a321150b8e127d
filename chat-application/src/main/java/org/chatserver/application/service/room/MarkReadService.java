package org.chatserver.application.service.room;

import java.time.Clock;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.MarkReadUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;

public final class MarkReadService implements MarkReadUseCase {

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final RoomAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public MarkReadService(RoomRepository rooms, MessageRepository messages, RoomAccess access,
                           Transactions transactions, Clock clock) {
        this.rooms = rooms;
        this.messages = messages;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public long markRead(AuthenticatedUser caller, RoomId id) {
        return transactions.inTransaction(() -> {
            RoomAccess.Visit visit = access.visit(caller, id);
            access.join(visit, caller.userId(), clock.instant());
            Room room = visit.room();
            Optional<MessageId> latest = messages.latestId(room.id());
            if (latest.isEmpty()) {
                return 0L;
            }
            MessageId from = rooms.lastRead(room.id(), caller.userId()).orElse(null);
            if (from != null && from.compareTo(latest.get()) >= 0) {
                return 0L;
            }
            long count = messages.countBetween(room.id(), from, latest.get(), caller.userId());
            rooms.advanceLastRead(room.id(), caller.userId(), latest.get());
            return count;
        });
    }
}
