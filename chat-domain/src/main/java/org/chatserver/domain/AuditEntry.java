package org.chatserver.domain;

import java.util.Objects;

/**
 * A recorded {@link ModerationAction}, as the audit log shows it: with its place in the log and
 * the names of who acted and on whom.
 *
 * @param id ascending in the order entries were recorded
 */
public record AuditEntry(long id, ModerationAction action, Username actor, Username target) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
    }
}
