package org.chatserver.application.service.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.LogOutUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.auth.SessionStore.RefreshTokenRecord;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.SessionId;

public final class LogOutService implements LogOutUseCase {

    static final String SESSION_NOT_FOUND = "Session not found";

    private final SessionStore sessions;
    private final Transactions transactions;
    private final Clock clock;
    private final SessionLifetimeService lifetimes;

    public LogOutService(SessionStore sessions, Transactions transactions, Clock clock,
                         SessionLifetimeService lifetimes) {
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    @Override
    public void logOut(AuthenticatedUser caller) {
        end(caller.sessionId());
    }

    @Override
    public void logOutWith(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new UnauthenticatedException(RefreshTokensService.INVALID);
        }
        SessionId session = sessions.findRefreshToken(RefreshTokenCodec.hash(refreshToken))
                .map(RefreshTokenRecord::session)
                .orElseThrow(() -> new UnauthenticatedException(RefreshTokensService.INVALID));
        end(session);
    }

    @Override
    public int logOutOthers(AuthenticatedUser caller) {
        Instant now = clock.instant();
        record Ended(Set<SessionId> revoked, long live) {
        }
        Ended ended = transactions.inTransaction(() -> {
            // counted as the list of devices shows them: a session whose refresh token expired was no device in use
            Set<SessionId> live = sessions.liveOf(caller.userId(), now).stream().map(AuthSession::id)
                    .collect(Collectors.toSet());
            Set<SessionId> revoked = sessions.revokeOthersOf(caller.userId(), caller.sessionId(), now);
            return new Ended(revoked, revoked.stream().filter(live::contains).count());
        });
        // after commit: this node's connections of those sessions close at once, the other nodes' at their next check
        ended.revoked().forEach(lifetimes::sessionEnded);
        return Math.toIntExact(ended.live());
    }

    @Override
    public void logOutSession(AuthenticatedUser caller, SessionId session) {
        AuthSession ended = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            // the caller's list is where an id is looked for: another user's session is not found either (its id tells
            // nobody anything), nor one ended already or by itself (its refresh token expired)
            AuthSession found = sessions.liveOf(caller.userId(), now).stream()
                    .filter(s -> s.id().equals(session))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException(SESSION_NOT_FOUND));
            AuthSession end = found.endFrom(caller.sessionId(), now);
            sessions.revoke(end.id(), end.revokedAt());
            return end;
        });
        // after commit, as for the others: this node's connections of it close at once, the other nodes' at their check
        lifetimes.sessionEnded(ended.id());
    }

    private void end(SessionId session) {
        transactions.run(() -> sessions.revoke(session, clock.instant()));
        // after commit: this node's open connections of the session close at once
        lifetimes.sessionEnded(session);
    }
}
