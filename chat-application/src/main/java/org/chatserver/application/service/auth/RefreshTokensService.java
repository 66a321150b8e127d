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
import org.chatserver.application.port.out.auth.TokenSuccessors;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;

/**
 * Rotates refresh tokens. A refresh token is single use; presenting one that was already used
 * means two parties hold it, so the whole session ends (OAuth 2.0 Security BCP, section 4.14).
 *
 * <p>But a client whose refresh answer was lost on the way, or whose two requests raced, sends the same
 * token again a moment later. A token's successor is derived from it ({@link TokenSuccessors}), so such a
 * retry, within the policy's retry window and while the successor is still unused, is answered with the
 * same successor and a new access token: the session does not fork and is not ended. Once the successor
 * has been used, or after the window, a second use of the old token ends the session as before.
 */
public final class RefreshTokensService implements RefreshTokensUseCase {

    static final String INVALID = "Invalid or expired refresh token";

    private final SessionStore sessions;
    private final UserRepository users;
    private final SessionIssuer issuer;
    private final TokenSuccessors successors;
    private final AuthPolicy policy;
    private final Transactions transactions;
    private final Clock clock;
    private final SessionLifetimeService lifetimes;

    public RefreshTokensService(SessionStore sessions, UserRepository users, SessionIssuer issuer,
                                TokenSuccessors successors, AuthPolicy policy, Transactions transactions,
                                Clock clock, SessionLifetimeService lifetimes) {
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.successors = successors;
        this.policy = policy;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    @Override
    public TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new UnauthenticatedException(INVALID);
        }
        // the revocation of a replayed token must commit, so the refusal is thrown after the transaction
        List<SessionId> revoked = new ArrayList<>(1);
        Optional<TokenPair> pair = transactions.inTransaction(() -> rotate(refreshToken, clock.instant(), revoked));
        revoked.forEach(lifetimes::sessionEnded);
        return pair.orElseThrow(() -> new UnauthenticatedException(INVALID));
    }

    private Optional<TokenPair> rotate(String refreshToken, Instant now, List<SessionId> revoked) {
        String hash = RefreshTokenCodec.hash(refreshToken);
        Optional<RefreshTokenRecord> found = sessions.findRefreshToken(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefreshTokenRecord token = found.get();
        Optional<AuthSession> session = sessions.find(token.session()).filter(AuthSession::isActive);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        String successor = successors.successorOf(refreshToken);
        if (token.isUsed()) {
            return retry(token, successor, session.get(), now, revoked);
        }
        if (token.isExpired(now)) {
            return Optional.empty();
        }
        if (!sessions.markRefreshTokenUsed(hash, now)) {
            // a concurrent refresh with the same token won the race: answered as a retry if it is one
            return retry(sessions.findRefreshToken(hash).orElse(token), successor, session.get(), now, revoked);
        }
        // the session's last use, as its user's list of devices shows it: written here, with the rotation's own writes
        sessions.recordUse(token.session(), now);
        return user(session.get()).map(u -> issuer.issue(u, token.session(), now, successor));
    }

    /** A used token again: its successor once more while that is unused and the use recent, else a replay. */
    private Optional<TokenPair> retry(RefreshTokenRecord token, String successor, AuthSession session, Instant now,
                                      List<SessionId> revoked) {
        boolean unusedSuccessor = token.wasUsedWithin(policy.refreshRetryWindow(), now)
                && sessions.findRefreshToken(RefreshTokenCodec.hash(successor))
                        .filter(next -> next.session().equals(token.session()))
                        .filter(next -> !next.isUsed() && !next.isExpired(now))
                        .isPresent();
        if (unusedSuccessor) {
            return user(session).map(u -> issuer.reissue(u, token.session(), now, successor));
        }
        sessions.revoke(token.session(), now);
        revoked.add(token.session());
        return Optional.empty();
    }

    private Optional<User> user(AuthSession session) {
        return users.findById(session.userId());
    }
}
