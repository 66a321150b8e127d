package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;

/**
 * Thread-safe in-memory {@link SessionStore}. It asks the given user repository whether a user exists,
 * so that it refuses sessions of unknown users as the databases' foreign keys do.
 */
public final class InMemorySessionStore implements SessionStore {

    private final UserRepository users;
    private final Map<Long, AuthSession> sessions = new HashMap<>();
    private final Map<String, RefreshTokenRecord> refreshTokens = new HashMap<>();
    private long lastId;

    public InMemorySessionStore(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public synchronized AuthSession open(UserId user, DeviceLabel device, Instant now) {
        if (users.findById(user).isEmpty()) {
            throw new IllegalArgumentException("no user with id " + user);
        }
        var session = AuthSession.opened(new SessionId(++lastId), user, millis(now), device);
        sessions.put(session.id().value(), session);
        return session;
    }

    @Override
    public synchronized Optional<AuthSession> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id.value()));
    }

    @Override
    public synchronized Set<SessionId> activeAmong(Collection<SessionId> ids) {
        return ids.stream()
                .filter(id -> sessions.containsKey(id.value()) && sessions.get(id.value()).isActive())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void recordUse(SessionId id, Instant now) {
        sessions.computeIfPresent(id.value(), (key, s) -> new AuthSession(s.id(), s.userId(), s.createdAt(),
                s.revokedAt(), s.device(), millis(now)));
    }

    @Override
    public synchronized List<AuthSession> liveOf(UserId user, Instant now) {
        return sessions.values().stream()
                .filter(session -> session.belongsTo(user) && session.isActive())
                .filter(session -> refreshTokens.values().stream()
                        .filter(token -> token.session().equals(session.id()))
                        .map(RefreshTokenRecord::expiresAt)
                        .max(Comparator.naturalOrder())
                        .filter(now::isBefore)
                        .isPresent())
                .sorted(Comparator.comparing(AuthSession::lastUsedAt).thenComparing(s -> s.id().value()).reversed())
                .toList();
    }

    @Override
    public synchronized void revoke(SessionId id, Instant now) {
        sessions.computeIfPresent(id.value(), (key, s) -> s.isActive()
                ? new AuthSession(s.id(), s.userId(), s.createdAt(), millis(now), s.device(), s.lastUsedAt())
                : s);
    }

    @Override
    public synchronized Set<SessionId> revokeOthersOf(UserId user, SessionId keep, Instant now) {
        Set<SessionId> others = sessions.values().stream()
                .filter(session -> session.userId().equals(user) && session.isActive() && !session.id().equals(keep))
                .map(AuthSession::id)
                .collect(Collectors.toUnmodifiableSet());
        others.forEach(id -> revoke(id, now));
        return others;
    }

    @Override
    public synchronized void addRefreshToken(SessionId session, String tokenHash, Instant expiresAt) {
        if (!sessions.containsKey(session.value())) {
            throw new IllegalArgumentException("no session with id " + session);
        }
        if (refreshTokens.containsKey(tokenHash)) {
            // the databases refuse it through the primary key
            throw new IllegalStateException("refresh token hash already stored");
        }
        refreshTokens.put(tokenHash, new RefreshTokenRecord(tokenHash, session, millis(expiresAt), null));
    }

    @Override
    public synchronized Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
        return Optional.ofNullable(refreshTokens.get(tokenHash));
    }

    @Override
    public synchronized boolean markRefreshTokenUsed(String tokenHash, Instant now) {
        var token = refreshTokens.get(tokenHash);
        if (token == null || token.isUsed()) {
            return false;
        }
        refreshTokens.put(tokenHash, new RefreshTokenRecord(token.tokenHash(), token.session(), token.expiresAt(), millis(now)));
        return true;
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
