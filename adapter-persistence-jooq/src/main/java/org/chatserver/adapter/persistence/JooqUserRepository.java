package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.adapter.persistence.generated.tables.records.UsersRecord;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;

final class JooqUserRepository implements UserRepository {

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
                .set(USERS.PASSWORD_HASH, passwordHash.encoded())
                .set(USERS.CREATED_AT, createdAt.truncatedTo(ChronoUnit.MILLIS))
                .onConflictDoNothing()
                .execute();
        return inserted == 0 ? Optional.empty() : findByUsername(username);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return dsl.selectFrom(USERS)
                .where(USERS.CANONICAL_NAME.eq(username.canonical()))
                .fetchOptional(JooqUserRepository::toUser);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return dsl.selectFrom(USERS)
                .where(USERS.ID.eq(id.value()))
                .fetchOptional(JooqUserRepository::toUser);
    }

    private static User toUser(UsersRecord row) {
        return new User(new UserId(row.getId()), new Username(row.getUsername()),
                new PasswordHash(row.getPasswordHash()), row.getCreatedAt());
    }
}
