package org.chatserver.application.port.out.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;

/**
 * Login sessions and the refresh tokens issued for them. Refresh tokens are only ever seen
 * here as hashes. Times are kept to the millisecond: what comes back is the given instant
 * truncated to milliseconds, on every implementation.
 */
public interface SessionStore {

    /**
     * Opens a session for an existing user on the device so labelled (null when it could not be told), last used
     * {@code now}; throws IllegalArgumentException for an unknown user.
     */
    AuthSession open(UserId user, DeviceLabel device, Instant now);

    /** {@link #open(UserId, DeviceLabel, Instant)} on a device that could not be told. */
    default AuthSession open(UserId user, Instant now) {
        return open(user, null, now);
    }

    Optional<AuthSession> find(SessionId id);

    /**
     * Those of {@code ids} that name a session not revoked, read in a batch (long-lived connections
     * check their sessions this way, thousands at a time). Unknown ids are left out; duplicates are
     * fine; an empty collection answers an empty set.
     */
    Set<SessionId> activeAmong(Collection<SessionId> ids);

    /**
     * Notes that the session was used at {@code now}: a refresh, not every request, so that requests write nothing.
     * An unknown session changes nothing.
     */
    void recordUse(SessionId id, Instant now);

    /**
     * The user's live sessions at {@code now}: not revoked, and with a refresh token that has not expired (the newest
     * decides; a session never given one is not live), the one used last first, of two used at once the newer first.
     * None for an unknown user.
     */
    List<AuthSession> liveOf(UserId user, Instant now);

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
