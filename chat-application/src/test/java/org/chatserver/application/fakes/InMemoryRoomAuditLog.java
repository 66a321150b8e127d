package org.chatserver.application.fakes;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Thread-safe in-memory {@link RoomAuditLog}; names users as the database's join does. */
public final class InMemoryRoomAuditLog implements RoomAuditLog {

    private final UserRepository users;
    private final List<AuditEntry> entries = new ArrayList<>();

    public InMemoryRoomAuditLog(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized void record(ModerationAction action) {
        ModerationAction stored = new ModerationAction(action.roomId(), action.actor(), action.kind(), action.target(),
                action.role(), action.mutedUntil() == null ? null : action.mutedUntil().truncatedTo(ChronoUnit.MILLIS),
                action.message(), action.at().truncatedTo(ChronoUnit.MILLIS));
        entries.add(new AuditEntry(entries.size() + 1, stored, name(action.actor()), name(action.target())));
    }

    @Override
    public synchronized List<AuditEntry> page(RoomId room, Long before, int limit) {
        return entries.stream()
                .filter(e -> e.action().roomId().equals(room))
                .filter(e -> before == null || e.id() < before)
                .sorted(Comparator.comparingLong(AuditEntry::id).reversed())
                .limit(Math.max(limit, 0))
                .toList();
    }

    private Username name(UserId user) {
        return users.findById(user).orElseThrow(() -> new IllegalArgumentException("unknown user " + user)).username();
    }
}
