package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} must do. Extend it once per implementation (in-memory fake, SQLite,
 * PostgreSQL) so that they stay interchangeable.
 *
 * <p>Time precision: instants are kept to the millisecond (what PostgreSQL and SQLite can both store
 * exactly); an instant with finer digits comes back truncated, never rounded.
 */
public abstract class UserRepositoryContract {

    protected static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456789Z");

    private UserRepository repository;

    /** A repository over a fresh, empty store; called once before each test. */
    protected abstract UserRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void createdUserIsFoundByIdAndByName() {
        var created = repository.create(new Username("Alice"), new PasswordHash("$2a$04$hash-of-alice"), T0).orElseThrow();

        assertThat(created.username()).isEqualTo(new Username("Alice"));
        assertThat(created.passwordHash()).isEqualTo(new PasswordHash("$2a$04$hash-of-alice"));
        assertThat(repository.findById(created.id())).contains(created);
        assertThat(repository.findByUsername(new Username("Alice"))).contains(created);
    }

    @Test
    void nameIsTakenIgnoringCase() {
        var alice = create("Alice");

        assertThat(repository.create(new Username("alice"), new PasswordHash("other"), T0.plusSeconds(1))).isEmpty();
        assertThat(repository.create(new Username("ALICE"), new PasswordHash("other"), T0.plusSeconds(1))).isEmpty();
        assertThat(repository.create(new Username("Alice"), new PasswordHash("other"), T0.plusSeconds(1))).isEmpty();
        assertThat(repository.findByUsername(new Username("alice"))).contains(alice);
    }

    @Test
    void aNameThatLooksLikeATakenOneIsTakenAndTheTakenOneIsFoundByIt() {
        var alice = create("alice");
        var martin = create("martin");

        assertThat(repository.create(new Username("aIice"), new PasswordHash("other"), T0.plusSeconds(1))).isEmpty();
        assertThat(repository.create(new Username("rnartin"), new PasswordHash("other"), T0.plusSeconds(1))).isEmpty();
        assertThat(repository.findByUsername(new Username("aIice"))).as("nobody of that name").isEmpty();
        assertThat(repository.findLookingLike(new Username("a1ice"))).contains(alice);
        assertThat(repository.findLookingLike(new Username("alice"))).as("the name itself").contains(alice);
        assertThat(repository.findLookingLike(new Username("rnartin"))).contains(martin);
        assertThat(repository.findLookingLike(new Username("alica"))).isEmpty();
        assertThat(repository.create(new Username("alica"), new PasswordHash("other"), T0.plusSeconds(1))).isPresent();
    }

    @Test
    void lookUpByNameIgnoresCaseAndKeepsTheNameAsTyped() {
        var created = create("MiXeD.Case_1");

        var found = repository.findByUsername(new Username("mixed.CASE_1")).orElseThrow();

        assertThat(found).isEqualTo(created);
        assertThat(found.username().value()).isEqualTo("MiXeD.Case_1");
    }

    @Test
    void unknownUsersAreNotFound() {
        create("alice");

        assertThat(repository.findByUsername(new Username("bob"))).isEmpty();
        assertThat(repository.findByUsername(new Username("alice2"))).isEmpty();
        assertThat(repository.findById(new UserId(987_654_321L))).isEmpty();
    }

    @Test
    void idsArePositiveAndDistinct() {
        Set<UserId> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            var user = create("user" + i);
            assertThat(user.id().value()).isPositive();
            ids.add(user.id());
        }

        assertThat(ids).hasSize(5);
        for (var id : ids) {
            assertThat(repository.findById(id)).map(User::id).contains(id);
        }
    }

    @Test
    void creationTimeRoundTripsToTheMillisecond() {
        var created = repository.create(new Username("alice"), new PasswordHash("h"), T0).orElseThrow();

        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-02T10:15:30.123Z"));
        assertThat(repository.findById(created.id()).orElseThrow().createdAt())
                .isEqualTo(Instant.parse("2026-11-02T10:15:30.123Z"));
    }

    @Test
    void wholeSecondsAndTimesFarApartRoundTripExactly() {
        var early = repository.create(new Username("early"), new PasswordHash("h"), Instant.parse("1999-12-31T23:59:59Z")).orElseThrow();
        var late = repository.create(new Username("late"), new PasswordHash("h"), Instant.parse("2100-01-01T00:00:00.001Z")).orElseThrow();

        assertThat(repository.findById(early.id()).orElseThrow().createdAt()).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(repository.findById(late.id()).orElseThrow().createdAt()).isEqualTo(Instant.parse("2100-01-01T00:00:00.001Z"));
    }

    @Test
    void readReceiptsAreSharedUntilTheUserTurnsThemOff() {
        var alice = create("alice");
        var bob = create("bob");

        assertThat(repository.sharesReadReceipts(alice.id())).isTrue();
        assertThat(repository.shareReadReceipts(alice.id(), false)).isTrue();
        assertThat(repository.sharesReadReceipts(alice.id())).isFalse();
        assertThat(repository.sharesReadReceipts(bob.id())).as("someone else's choice").isTrue();
        assertThat(repository.shareReadReceipts(alice.id(), false)).as("again: no change, still a user").isTrue();
        assertThat(repository.shareReadReceipts(alice.id(), true)).isTrue();
        assertThat(repository.sharesReadReceipts(alice.id())).isTrue();
        assertThat(repository.shareReadReceipts(new UserId(alice.id().value() + bob.id().value() + 100), false))
                .as("no such user").isFalse();
    }

    @Test
    void aChangedPasswordHashIsTheOneFoundByIdAndByName() {
        var alice = create("alice");
        var bob = create("bob");

        assertThat(repository.changePasswordHash(alice.id(), new PasswordHash("$2a$04$new-hash-of-alice"))).isTrue();

        assertThat(repository.findById(alice.id())).map(User::passwordHash).contains(new PasswordHash("$2a$04$new-hash-of-alice"));
        assertThat(repository.findByUsername(new Username("ALICE"))).map(User::passwordHash)
                .contains(new PasswordHash("$2a$04$new-hash-of-alice"));
        assertThat(repository.findById(alice.id())).map(User::createdAt).contains(alice.createdAt());
        assertThat(repository.findById(bob.id())).map(User::passwordHash).as("someone else's").contains(bob.passwordHash());
        assertThat(repository.changePasswordHash(new UserId(alice.id().value() + bob.id().value() + 100),
                new PasswordHash("x"))).as("no such user").isFalse();
    }

    @Test
    void theLockedPasswordHashIsTheCurrentOne() {
        var alice = create("alice");
        assertThat(repository.lockPasswordHash(alice.id())).contains(alice.passwordHash());

        repository.changePasswordHash(alice.id(), new PasswordHash("$2a$04$newer"));

        assertThat(repository.lockPasswordHash(alice.id())).contains(new PasswordHash("$2a$04$newer"));
        assertThat(repository.lockPasswordHash(new UserId(alice.id().value() + 100))).as("no such user").isEmpty();
    }

    private User create(String name) {
        return repository.create(new Username(name), new PasswordHash("hash-of-" + name), T0).orElseThrow();
    }
}
