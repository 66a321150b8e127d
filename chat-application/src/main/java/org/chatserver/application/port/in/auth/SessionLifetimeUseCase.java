package org.chatserver.application.port.in.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.domain.SessionId;

/**
 * For connections that outlive a request (the WebSocket): until when the caller's access token
 * is good, and whether its session has ended since. A connection must not outlive either.
 */
public interface SessionLifetimeUseCase {

    /**
     * The caller behind an access token, as {@link AuthenticateUseCase#authenticate} checks it, and
     * when the token expires; else {@link UnauthenticatedException}.
     */
    Authenticated authenticate(String accessToken);

    /**
     * Those of {@code sessions} that have ended (logged out, revoked when a refresh token was used
     * twice, or unknown), read from the store in a batch: the way every node finds out about ends
     * that happened elsewhere.
     */
    Set<SessionId> ended(Collection<SessionId> sessions);

    /**
     * Calls {@code listener} with each session that ends on this node from now on, right after the
     * end is committed. The listener must be quick and must not throw.
     */
    void onEnded(Consumer<SessionId> listener);

    /** @param expiresAt the instant the access token stops being accepted */
    record Authenticated(AuthenticatedUser caller, Instant expiresAt) {
    }
}
