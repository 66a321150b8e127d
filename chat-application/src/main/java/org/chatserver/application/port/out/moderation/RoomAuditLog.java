package org.chatserver.application.port.out.moderation;

import java.util.List;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.RoomId;

/**
 * Each room's log of moderation: role changes, mutes, bans, removals and deletions of others'
 * messages. Record in the transaction of the action itself, so that the log holds exactly what
 * happened (a message deletion: {@code ModerationAction.messageDeleted(...).ifPresent(log::record)}).
 */
public interface RoomAuditLog {

    void record(ModerationAction action);

    /**
     * The room's entries newest first, those with an id below {@code before} when it is not null, at
     * most {@code limit}.
     */
    List<AuditEntry> page(RoomId room, Long before, int limit);
}
