package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.adapter.persistence.generated.tables.records.UsersRecord;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;

final class JooqUserRepository implements UserRepository {

    /**
     * What a {@link User} is made of, named rather than {@code select *}: settings columns added
     * later (read receipts) are read on their own, and the upgrade tests use this repository on
     * databases migrated only part of the way.
     */
    private static final List<Field<?>> USER_FIELDS = List.of(USERS.ID, USERS.USERNAME, USERS.PASSWORD_HASH,
            USERS.CREATED_AT);

    private final DSLContext dsl;

    JooqUserRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Optional<User> create(Username username, PasswordHash passwordHash, Instant createdAt) {
        // ON CONFLICT DO NOTHING instead of catching the unique violation: a failed statement would abort
        // the caller's whole PostgreSQL transaction. The id is read back by name rather than through
        // RETURNING, whose SQLite emulation (last_insert_rowid) reports a stale id when nothing was inserted.
        int inserted = dsl.insertInto(USERS)
                .set(USERS.USERNAME, username.value())
                .set(USERS.CANONICAL_NAME, username.canonical())
                .set(USERS.LOOK_ALIKE_KEY, username.lookAlikeKey())
                .set(USERS.PASSWORD_HASH, passwordHash.encoded())
                .set(USERS.CREATED_AT, createdAt.truncatedTo(ChronoUnit.MILLIS))
                .onConflictDoNothing()
                .execute();
        return inserted == 0 ? Optional.empty() : findByUsername(username);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return dsl.select(USER_FIELDS).from(USERS)
                .where(USERS.CANONICAL_NAME.eq(username.canonical()))
                .fetchOptional(r -> toUser(r.into(USERS)));
    }

    @Override
    public Optional<User> findLookingLike(Username username) {
        // a name that looked like an earlier one before keys were kept has its id after the key: the earlier one is found
        return dsl.select(USER_FIELDS).from(USERS)
                .where(USERS.LOOK_ALIKE_KEY.eq(username.lookAlikeKey()))
                .fetchOptional(r -> toUser(r.into(USERS)));
    }

    @Override
    public Optional<User> findById(UserId id) {
        return dsl.select(USER_FIELDS).from(USERS)
                .where(USERS.ID.eq(id.value()))
                .fetchOptional(r -> toUser(r.into(USERS)));
    }

    @Override
    public boolean sharesReadReceipts(UserId id) {
        return dsl.select(USERS.SHARE_READ_RECEIPTS)
                .from(USERS)
                .where(USERS.ID.eq(id.value()))
                .fetchOptional(USERS.SHARE_READ_RECEIPTS)
                .orElse(true);
    }

    @Override
    public boolean changePasswordHash(UserId id, PasswordHash passwordHash) {
        return dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash.encoded())
                .where(USERS.ID.eq(id.value()))
                .execute() == 1;
    }

    @Override
    public Optional<PasswordHash> lockPasswordHash(UserId id) {
        var select = dsl.select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(id.value()));
        // SQLite has no row locks and needs none: its IMMEDIATE transactions let one writer in at a time.
        // NO KEY UPDATE, not UPDATE: the key-share lock a new session takes through its foreign key must not wait
        return (dsl.dialect().family() == SQLDialect.POSTGRES ? select.forNoKeyUpdate() : select)
                .fetchOptional(USERS.PASSWORD_HASH)
                .map(PasswordHash::new);
    }

    @Override
    public boolean shareReadReceipts(UserId id, boolean share) {
        return dsl.update(USERS)
                .set(USERS.SHARE_READ_RECEIPTS, share)
                .where(USERS.ID.eq(id.value()))
                .execute() == 1;
    }

    private static User toUser(UsersRecord row) {
        return new User(new UserId(row.getId()), new Username(row.getUsername()),
                new PasswordHash(row.getPasswordHash()), row.getCreatedAt());
    }
}
