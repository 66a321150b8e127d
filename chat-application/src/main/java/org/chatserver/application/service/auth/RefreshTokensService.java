package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.RefreshTokensUseCase;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.SessionStore.RefreshTokenRecord;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;

/**
 * Rotates refresh tokens. A refresh token is single use; presenting one that was already used
 * means two parties hold it, so the whole session ends (OAuth 2.0 Security BCP, section 4.14).
 */
public final class RefreshTokensService implements RefreshTokensUseCase {

    static final String INVALID = "Invalid or expired refresh token";

    private final SessionStore sessions;
    private final UserRepository users;
    private final SessionIssuer issuer;
    private final Transactions transactions;
    private final Clock clock;
    private final SessionLifetimeService lifetimes;

    public RefreshTokensService(SessionStore sessions, UserRepository users, SessionIssuer issuer,
                                Transactions transactions, Clock clock, SessionLifetimeService lifetimes) {
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    @Override
    public TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new UnauthenticatedException(INVALID);
        }
        String hash = RefreshTokenCodec.hash(refreshToken);
        // the revocation of a replayed token must commit, so the refusal is thrown after the transaction
        List<SessionId> revoked = new ArrayList<>(1);
        Optional<TokenPair> pair = transactions.inTransaction(() -> rotate(hash, clock.instant(), revoked));
        revoked.forEach(lifetimes::sessionEnded);
        return pair.orElseThrow(() -> new UnauthenticatedException(INVALID));
    }

    private Optional<TokenPair> rotate(String hash, Instant now, List<SessionId> revoked) {
        Optional<RefreshTokenRecord> found = sessions.findRefreshToken(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefreshTokenRecord token = found.get();
        Optional<AuthSession> session = sessions.find(token.session()).filter(AuthSession::isActive);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (token.isUsed()) {
            sessions.revoke(token.session(), now);
            revoked.add(token.session());
            return Optional.empty();
        }
        if (token.isExpired(now)) {
            return Optional.empty();
        }
        if (!sessions.markRefreshTokenUsed(hash, now)) {
            // a concurrent refresh with the same token won the race: a replay all the same
            sessions.revoke(token.session(), now);
            revoked.add(token.session());
            return Optional.empty();
        }
        Optional<User> user = users.findById(session.get().userId());
        return user.map(u -> issuer.issue(u, token.session(), now));
    }
}
