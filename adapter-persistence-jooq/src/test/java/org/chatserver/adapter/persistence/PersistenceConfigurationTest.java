package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adapter as bootstrap wires it: Boot's own DataSource, Flyway and jOOQ auto-configuration from
 * {@code spring.datasource.*} and {@code spring.flyway.locations=classpath:db/migration/{vendor}}, on an
 * empty database of each kind.
 */
class PersistenceConfigurationTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");

    @TempDir
    Path directory;

    @Test
    void migratesAnEmptySqliteDatabaseAndJoinsSpringTransactions() {
        try (var database = TestDatabases.sqlite(directory, false)) {
            runner(database).run(PersistenceConfigurationTest::behavesAsConfigured);
        }
    }

    @Test
    void migratesAnEmptyPostgresSchemaAndJoinsSpringTransactions() {
        try (var database = TestDatabases.postgres(false)) {
            runner(database).run(PersistenceConfigurationTest::behavesAsConfigured);
        }
    }

    @Test
    void postgresConnectionsDoNotCompileStatementsWhoseEstimatePassesTheJitThreshold() {
        try (var database = TestDatabases.postgres(false)) {
            runner(database).run(context -> assertThat(context.getBean(org.jooq.DSLContext.class)
                    .fetchValue("show jit")).as("jit on the server's connections").isEqualTo("off"));
            // an operator's own choice stays
            runner(database).withPropertyValues("spring.datasource.hikari.connection-init-sql=SET jit = on")
                    .run(context -> assertThat(context.getBean(org.jooq.DSLContext.class).fetchValue("show jit"))
                            .isEqualTo("on"));
        }
    }

    @Test
    void sqliteConnectionsKeepTheirCompiledStatementsAndPostgresOnesAreTheDriversOwn() {
        try (var database = TestDatabases.sqlite(directory, false)) {
            runner(database).run(context -> {
                behavesAsConfigured(context);
                assertThat(context.getBean(com.zaxxer.hikari.HikariDataSource.class).getDataSource())
                        .isInstanceOf(SqliteStatementCache.class);
            });
        }
        try (var database = TestDatabases.postgres(false)) {
            runner(database).run(context -> assertThat(context.getBean(com.zaxxer.hikari.HikariDataSource.class)
                    .getDataSource()).as("PostgreSQL's driver keeps its own").isNull());
        }
    }

    @Test
    void onSqliteTheLogIsCopiedOnAThreadOfItsOwnAndCommitsCopyItOnlyPast10000Pages() {
        try (var database = TestDatabases.sqlite(directory, false)) {
            runner(database).run(context -> {
                assertThat(context.getBean(org.jooq.DSLContext.class).fetchValue("pragma wal_autocheckpoint"))
                        .as("pages in the log before a commit copies it").isEqualTo(10_000);
                assertThat(SqliteCheckpointsTest.threadsNamed("sqlite-checkpoints")).isOne();
            });
            assertThat(SqliteCheckpointsTest.threadsNamed("sqlite-checkpoints")).as("after the server stopped").isZero();
            // an operator's own choice stays
            runner(database).withPropertyValues("spring.datasource.url=" + database.jdbcUrl() + "&wal_autocheckpoint=500")
                    .run(context -> assertThat(context.getBean(org.jooq.DSLContext.class)
                            .fetchValue("pragma wal_autocheckpoint")).isEqualTo(500));
        }
    }

    @Test
    void postgresHasNoCheckpointThread() {
        try (var database = TestDatabases.postgres(false)) {
            runner(database).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(SqliteCheckpointsTest.threadsNamed("sqlite-checkpoints")).isZero();
            });
        }
    }

    private static ApplicationContextRunner runner(TestDatabase database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        FlywayAutoConfiguration.class, JooqAutoConfiguration.class))
                .withUserConfiguration(PersistenceConfiguration.class)
                .withPropertyValues(
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + (database.username() == null ? "" : database.username()),
                        "spring.datasource.password=" + (database.password() == null ? "" : database.password()),
                        "spring.flyway.locations=classpath:db/migration/{vendor}");
    }

    private static void behavesAsConfigured(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed().hasSingleBean(UserRepository.class).hasSingleBean(SessionStore.class)
                .hasSingleBean(RoomRepository.class).hasSingleBean(MessageRepository.class)
                .hasSingleBean(ReactionRepository.class).hasSingleBean(AttachmentRepository.class);
        var users = context.getBean(UserRepository.class);
        var sessions = context.getBean(SessionStore.class);
        var transactions = context.getBean(TransactionTemplate.class);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            var user = users.create(new Username("ghost"), new PasswordHash("h"), NOW).orElseThrow();
            sessions.open(user.id(), NOW);
            throw new IllegalStateException("use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(users.findByUsername(new Username("ghost"))).isEmpty();

        var alice = transactions.execute(status ->
                users.create(new Username("Alice"), new PasswordHash("h"), NOW).orElseThrow());
        assertThat(users.findByUsername(new Username("alice"))).contains(alice);
        assertThat(users.create(new Username("ALICE"), new PasswordHash("h"), NOW)).isEmpty();

        // through Boot's exception translator too, an unknown user is refused by name
        assertThatThrownBy(() -> sessions.open(new UserId(987_654_321L), NOW))
                .isInstanceOf(IllegalArgumentException.class);

        var rooms = context.getBean(RoomRepository.class);
        var messages = context.getBean(MessageRepository.class);
        var general = rooms.findByName(new RoomName("general"), alice.id()).getFirst();
        var hello = new MessageDraft(new MessageText("hello"), MessageType.TEXT, null);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            rooms.addMember(general.join(alice.id(), Optional.empty(), NOW));
            messages.append(general.id(), alice.id(), hello, "c-1", NOW);
            throw new IllegalStateException("use case failed after posting");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rooms.membership(general.id(), alice.id())).isEmpty();
        assertThat(messages.latestId(general.id())).isEmpty();
        // the client id of the rolled-back message is free again
        assertThat(messages.append(general.id(), alice.id(), hello, "c-1", NOW).created()).isTrue();
        assertThatThrownBy(() -> messages.append(general.id(), new UserId(987_654_321L), hello, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);

        var attachments = context.getBean(AttachmentRepository.class);
        var photo = new StoredAttachment("3f2a9c1e.jpg", "photo.jpg", 10, "image/jpeg", AttachmentKind.IMAGE,
                alice.id(), NOW, null);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            attachments.add(photo);
            throw new IllegalStateException("upload failed after recording");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attachments.findByName(photo.name())).isEmpty();
        // a refused duplicate leaves the caller's transaction usable (PostgreSQL aborts on a raised violation)
        transactions.executeWithoutResult(status -> {
            attachments.add(photo);
            assertThatThrownBy(() -> attachments.add(photo)).isInstanceOf(IllegalStateException.class);
            attachments.add(new StoredAttachment("3f2a9c1e-preview.jpg", "preview-photo.jpg", 5, "image/jpeg",
                    AttachmentKind.IMAGE, alice.id(), NOW, null));
        });
        assertThat(attachments.findByName("3f2a9c1e-preview.jpg")).isPresent();
        assertThatThrownBy(() -> attachments.add(new StoredAttachment("ghost.jpg", "ghost.jpg", 1, "image/jpeg",
                AttachmentKind.IMAGE, new UserId(987_654_321L), NOW, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
