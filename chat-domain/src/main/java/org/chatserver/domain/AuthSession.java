package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A login session. It lives until it is revoked (logout, or a refresh token used twice) or
 * until its newest refresh token expires unused.
 */
public record AuthSession(SessionId id, UserId userId, Instant createdAt, Instant revokedAt) {

    public AuthSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }
}
