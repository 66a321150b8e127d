package org.chatserver.application.service.auth;

import java.time.Instant;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.application.port.out.auth.AccessTokens;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;

/** Opens sessions and issues token pairs for them. Call inside a transaction. */
public final class SessionIssuer {

    private final SessionStore sessions;
    private final AccessTokens accessTokens;
    private final AuthPolicy policy;

    public SessionIssuer(SessionStore sessions, AccessTokens accessTokens, AuthPolicy policy) {
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.policy = policy;
    }

    /** A new session of the user on the device so labelled (null when it could not be told). */
    TokenPair openSession(User user, DeviceLabel device, Instant now) {
        AuthSession session = sessions.open(user.id(), device, now);
        return issue(user, session.id(), now);
    }

    /** A new random refresh token for the session, stored, and an access token. */
    TokenPair issue(User user, SessionId session, Instant now) {
        return issue(user, session, now, RefreshTokenCodec.newToken());
    }

    /** Stores {@code refreshToken} for the session and pairs it with a new access token. */
    TokenPair issue(User user, SessionId session, Instant now, String refreshToken) {
        sessions.addRefreshToken(session, RefreshTokenCodec.hash(refreshToken), now.plus(policy.refreshTokenTtl()));
        return reissue(user, session, now, refreshToken);
    }

    /** A new access token beside a refresh token the session already has. */
    TokenPair reissue(User user, SessionId session, Instant now, String refreshToken) {
        String accessToken = accessTokens.issue(new AccessTokenClaims(
                user.id(), user.username(), session, now, now.plus(policy.accessTokenTtl())));
        return new TokenPair(accessToken, refreshToken, policy.accessTokenTtl());
    }
}
