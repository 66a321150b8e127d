package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.AUTH_SESSIONS;
import static org.chatserver.adapter.persistence.generated.Tables.REFRESH_TOKENS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.chatserver.adapter.persistence.generated.tables.records.AuthSessionsRecord;
import org.chatserver.adapter.persistence.generated.tables.records.RefreshTokensRecord;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqSessionStore implements SessionStore {

    /** Ids per query: far below SQLite's and PostgreSQL's limits on bound parameters. */
    private static final int BATCH = 500;

    private final DSLContext dsl;

    JooqSessionStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public AuthSession open(UserId user, DeviceLabel device, Instant now) {
        var createdAt = millis(now);
        Long id = SqlErrors.refusingUnknown(() -> dsl.insertInto(AUTH_SESSIONS)
                        .set(AUTH_SESSIONS.USER_ID, user.value())
                        .set(AUTH_SESSIONS.CREATED_AT, createdAt)
                        .set(AUTH_SESSIONS.LAST_USED_AT, createdAt)
                        .set(AUTH_SESSIONS.DEVICE_LABEL, device == null ? null : device.value())
                        .returningResult(AUTH_SESSIONS.ID)
                        .fetchOne(AUTH_SESSIONS.ID),
                () -> "no user with id " + user);
        return AuthSession.opened(new SessionId(id), user, createdAt, device);
    }

    @Override
    public Optional<AuthSession> find(SessionId id) {
        return dsl.selectFrom(AUTH_SESSIONS)
                .where(AUTH_SESSIONS.ID.eq(id.value()))
                .fetchOptional(JooqSessionStore::toSession);
    }

    @Override
    public Set<SessionId> activeAmong(Collection<SessionId> ids) {
        List<Long> wanted = ids.stream().map(SessionId::value).distinct().toList();
        Set<SessionId> active = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += BATCH) {
            dsl.select(AUTH_SESSIONS.ID)
                    .from(AUTH_SESSIONS)
                    .where(AUTH_SESSIONS.ID.in(wanted.subList(from, Math.min(from + BATCH, wanted.size()))))
                    .and(AUTH_SESSIONS.REVOKED_AT.isNull())
                    .fetch(AUTH_SESSIONS.ID)
                    .forEach(id -> active.add(new SessionId(id)));
        }
        return Set.copyOf(active);
    }

    @Override
    public void recordUse(SessionId id, Instant now) {
        dsl.update(AUTH_SESSIONS)
                .set(AUTH_SESSIONS.LAST_USED_AT, millis(now))
                .where(AUTH_SESSIONS.ID.eq(id.value()))
                .execute();
    }

    @Override
    public List<AuthSession> liveOf(UserId user, Instant now) {
        // a user has a handful of sessions, each a few refresh tokens a day: read on request, never on a hot path
        var newestExpiry = DSL.select(DSL.max(REFRESH_TOKENS.EXPIRES_AT))
                .from(REFRESH_TOKENS)
                .where(REFRESH_TOKENS.SESSION_ID.eq(AUTH_SESSIONS.ID));
        return dsl.selectFrom(AUTH_SESSIONS)
                .where(AUTH_SESSIONS.USER_ID.eq(user.value()))
                .and(AUTH_SESSIONS.REVOKED_AT.isNull())
                .and(DSL.field(newestExpiry).gt(millis(now)))
                .orderBy(AUTH_SESSIONS.LAST_USED_AT.desc(), AUTH_SESSIONS.ID.desc())
                .fetch(JooqSessionStore::toSession);
    }

    @Override
    public void revoke(SessionId id, Instant now) {
        dsl.update(AUTH_SESSIONS)
                .set(AUTH_SESSIONS.REVOKED_AT, millis(now))
                .where(AUTH_SESSIONS.ID.eq(id.value()))
                .and(AUTH_SESSIONS.REVOKED_AT.isNull())
                .execute();
    }

    @Override
    public Set<SessionId> revokeOthersOf(UserId user, SessionId keep, Instant now) {
        // read, then revoked by id: RETURNING of several rows is not emulated on SQLite (jOOQ/jOOQ#15316)
        List<Long> others = dsl.select(AUTH_SESSIONS.ID)
                .from(AUTH_SESSIONS)
                .where(AUTH_SESSIONS.USER_ID.eq(user.value()))
                .and(AUTH_SESSIONS.ID.ne(keep.value()))
                .and(AUTH_SESSIONS.REVOKED_AT.isNull())
                .fetch(AUTH_SESSIONS.ID);
        Set<SessionId> revoked = new HashSet<>();
        for (int from = 0; from < others.size(); from += BATCH) {
            List<Long> batch = others.subList(from, Math.min(from + BATCH, others.size()));
            dsl.update(AUTH_SESSIONS)
                    .set(AUTH_SESSIONS.REVOKED_AT, millis(now))
                    .where(AUTH_SESSIONS.ID.in(batch))
                    .and(AUTH_SESSIONS.REVOKED_AT.isNull())
                    .execute();
            batch.forEach(id -> revoked.add(new SessionId(id)));
        }
        return Set.copyOf(revoked);
    }

    @Override
    public void addRefreshToken(SessionId session, String tokenHash, Instant expiresAt) {
        SqlErrors.refusingUnknown(() -> dsl.insertInto(REFRESH_TOKENS)
                        .set(REFRESH_TOKENS.TOKEN_HASH, tokenHash)
                        .set(REFRESH_TOKENS.SESSION_ID, session.value())
                        .set(REFRESH_TOKENS.EXPIRES_AT, millis(expiresAt))
                        .execute(),
                () -> "no session with id " + session);
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
        return dsl.selectFrom(REFRESH_TOKENS)
                .where(REFRESH_TOKENS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(JooqSessionStore::toRefreshToken);
    }

    @Override
    public boolean markRefreshTokenUsed(String tokenHash, Instant now) {
        // one conditional UPDATE: the database decides which of two concurrent refreshes wins
        return dsl.update(REFRESH_TOKENS)
                .set(REFRESH_TOKENS.USED_AT, millis(now))
                .where(REFRESH_TOKENS.TOKEN_HASH.eq(tokenHash))
                .and(REFRESH_TOKENS.USED_AT.isNull())
                .execute() == 1;
    }

    private static AuthSession toSession(AuthSessionsRecord row) {
        String label = row.getDeviceLabel();
        return new AuthSession(new SessionId(row.getId()), new UserId(row.getUserId()), row.getCreatedAt(),
                row.getRevokedAt(), label == null ? null : new DeviceLabel(label), row.getLastUsedAt());
    }

    private static RefreshTokenRecord toRefreshToken(RefreshTokensRecord row) {
        return new RefreshTokenRecord(row.getTokenHash(), new SessionId(row.getSessionId()),
                row.getExpiresAt(), row.getUsedAt());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
