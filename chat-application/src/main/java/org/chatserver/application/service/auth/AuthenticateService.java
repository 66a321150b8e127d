package org.chatserver.application.service.auth;

import java.time.Clock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.domain.AuthSession;

/**
 * Checks the signature and expiry of an access token, then that its session is still live: a
 * logout must stop access tokens at once, not when they expire.
 */
public final class AuthenticateService implements AuthenticateUseCase {

    public static final String INVALID = "Could not validate credentials";

    private final AccessTokens accessTokens;
    private final SessionStore sessions;
    private final Clock clock;

    public AuthenticateService(AccessTokens accessTokens, SessionStore sessions, Clock clock) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public AuthenticatedUser authenticate(String accessToken) {
        AccessTokenClaims claims = verify(accessToken);
        return new AuthenticatedUser(claims.userId(), claims.username(), claims.sessionId());
    }

    /** The claims of a valid token of a live session, else {@link UnauthenticatedException}. */
    AccessTokenClaims verify(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new UnauthenticatedException(INVALID);
        }
        AccessTokenClaims claims = accessTokens.verify(accessToken, clock.instant())
                .orElseThrow(() -> new UnauthenticatedException(INVALID));
        sessions.find(claims.sessionId())
                .filter(AuthSession::isActive)
                .filter(s -> s.belongsTo(claims.userId()))
                .orElseThrow(() -> new UnauthenticatedException(INVALID));
        return claims;
    }
}
