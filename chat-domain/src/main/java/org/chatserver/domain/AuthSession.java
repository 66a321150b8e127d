package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A login session. It lives until it is revoked (logout, or a refresh token used twice) or
 * until its newest refresh token expires unused.
 *
 * <p>What its user needs to recognise it among their devices: when it began, when it was last used (its last refresh,
 * not its last request: keeping every request free of a write matters more than the minutes between refreshes) and
 * {@code device}, a label of what the client said it was when the session began (null when it said nothing usable,
 * and for sessions begun before devices were named).
 */
public record AuthSession(SessionId id, UserId userId, Instant createdAt, Instant revokedAt, DeviceLabel device,
                          Instant lastUsedAt) {

    static final String CURRENT = "This is the session you are using: log out to end it";

    public AuthSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /** A session as it begins: not revoked, used when it was created. */
    public static AuthSession opened(SessionId id, UserId userId, Instant createdAt, DeviceLabel device) {
        return new AuthSession(id, userId, createdAt, null, device, createdAt);
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }

    /**
     * This session ended from another of its user's sessions (a lost phone, from the laptop): the session revoked at
     * {@code now}. The session asking cannot end itself this way: that is a logout, which also clears what the client
     * keeps, so it is refused ({@link RuleViolation.Conflict}) rather than leaving a client that believes it is still
     * logged in. Whose session it is, is for the caller to have checked: a stranger's is not theirs to see at all.
     */
    public AuthSession endFrom(SessionId asking, Instant now) {
        if (id.equals(asking)) {
            throw new RuleViolation.Conflict(CURRENT);
        }
        return isActive() ? new AuthSession(id, userId, createdAt, now, device, lastUsedAt) : this;
    }
}
