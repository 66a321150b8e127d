package org.chatserver.application.port.out.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;

/**
 * Login sessions and the refresh tokens issued for them. Refresh tokens are only ever seen
 * here as hashes. Times are kept to the millisecond: what comes back is the given instant
 * truncated to milliseconds, on every implementation.
 */
public interface SessionStore {

    /** Opens a session for an existing user; throws IllegalArgumentException for an unknown user. */
    AuthSession open(UserId user, Instant now);

    Optional<AuthSession> find(SessionId id);

    /**
     * Those of {@code ids} that name a session not revoked, read in a batch (long-lived connections
     * check their sessions this way, thousands at a time). Unknown ids are left out; duplicates are
     * fine; an empty collection answers an empty set.
     */
    Set<SessionId> activeAmong(Collection<SessionId> ids);

    /** Marks the session revoked; revoking twice keeps the first time. */
    void revoke(SessionId id, Instant now);

    /**
     * Revokes every session of the user that is not revoked yet, except {@code keep} (the one that asked): how a
     * password change logs out everywhere else. Answers the sessions it revoked, none for an unknown user.
     */
    Set<SessionId> revokeOthersOf(UserId user, SessionId keep, Instant now);

    /** Stores a refresh token for an existing session; throws IllegalArgumentException for an unknown session. */
    void addRefreshToken(SessionId session, String tokenHash, Instant expiresAt);

    Optional<RefreshTokenRecord> findRefreshToken(String tokenHash);

    /**
     * Marks an unused refresh token used. Returns false when it was already used, so that of two
     * concurrent refreshes with the same token exactly one wins.
     */
    boolean markRefreshTokenUsed(String tokenHash, Instant now);

    record RefreshTokenRecord(String tokenHash, SessionId session, Instant expiresAt, Instant usedAt) {

        public boolean isUsed() {
            return usedAt != null;
        }

        public boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        /** Used, and less than {@code window} before {@code now}. */
        public boolean wasUsedWithin(Duration window, Instant now) {
            return usedAt != null && now.isBefore(usedAt.plus(window));
        }
    }
}
