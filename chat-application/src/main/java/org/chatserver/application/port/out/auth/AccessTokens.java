package org.chatserver.application.port.out.auth;

import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Signs and checks short-lived access tokens. */
public interface AccessTokens {

    String issue(AccessTokenClaims claims);

    /**
     * The claims of a token this server signed and that has not expired at {@code now}; empty for
     * anything else (other key or algorithm, unsigned, expired, malformed).
     */
    Optional<AccessTokenClaims> verify(String token, Instant now);

    record AccessTokenClaims(UserId userId, Username username, SessionId sessionId,
                             Instant issuedAt, Instant expiresAt) {
    }
}
