package org.chatserver.application.service.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.application.port.out.auth.AccessTokens.AccessTokenClaims;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.domain.SessionId;

/**
 * How long a connection may keep its caller: until the access token expires, or until the session
 * ends. The services that end sessions ({@link LogOutService}, {@link RefreshTokensService}) report
 * each end here after commit, so that this node's connections close at once; other nodes learn of
 * it from the store through {@link #ended}.
 */
public final class SessionLifetimeService implements SessionLifetimeUseCase {

    private final AuthenticateService authenticate;
    private final SessionStore sessions;
    private final List<Consumer<SessionId>> listeners = new CopyOnWriteArrayList<>();

    public SessionLifetimeService(AuthenticateService authenticate, SessionStore sessions) {
        this.authenticate = authenticate;
        this.sessions = sessions;
    }

    @Override
    public Authenticated authenticate(String accessToken) {
        AccessTokenClaims claims = authenticate.verify(accessToken);
        return new Authenticated(new AuthenticatedUser(claims.userId(), claims.username(), claims.sessionId()),
                claims.expiresAt());
    }

    @Override
    public Set<SessionId> ended(Collection<SessionId> asked) {
        if (asked.isEmpty()) {
            return Set.of();
        }
        Set<SessionId> ended = new HashSet<>(asked);
        ended.removeAll(sessions.activeAmong(asked));
        return Set.copyOf(ended);
    }

    @Override
    public void onEnded(Consumer<SessionId> listener) {
        listeners.add(listener);
    }

    /** A session ended on this node and the end is committed. */
    void sessionEnded(SessionId session) {
        for (Consumer<SessionId> listener : listeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException e) {
                // the end is committed whatever a listener does; other nodes find out through the store
            }
        }
    }
}
