package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chatserver.adapter.persistence.generated.Tables.ATTACHMENTS;
import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.Username;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the migrations leave behind in a new database, beyond empty tables. */
class MigrationTest {

    @TempDir
    Path directory;

    @Test
    void newSqliteDatabaseHasThePublicGeneralRoom() {
        try (var database = TestDatabases.sqlite(directory, false)) {
            assertGeneralRoomIsReady(database, "select cast(strftime('%s', 'now') as integer)");
        }
    }

    @Test
    void newPostgresDatabaseHasThePublicGeneralRoom() {
        try (var database = TestDatabases.postgres(false)) {
            assertGeneralRoomIsReady(database, "select cast(floor(extract(epoch from clock_timestamp())) as bigint)");
        }
    }

    /**
     * The seeded room's time comes from the database's clock, so it is compared with that clock read
     * just before and just after migrating: the same clock on both sides, wherever the database runs.
     */
    private static void assertGeneralRoomIsReady(TestDatabase database, String epochSecondsQuery) {
        var before = databaseClock(database, epochSecondsQuery);
        migrate(database, "latest");
        var after = databaseClock(database, epochSecondsQuery);
        var users = new JooqUserRepository(database.dsl());
        var rooms = new JooqRoomRepository(database.dsl());
        var messages = new JooqMessageRepository(database.dsl());
        var alice = users.create(new Username("alice"), new PasswordHash("h"), after).orElseThrow().id();

        // the iOS app asks for it in lower case
        var general = rooms.findByName(new RoomName("general"), alice).getFirst();
        assertThat(general.name().value()).isEqualTo("General");
        assertThat(general.isPrivate()).isFalse();
        assertThat(general.createdBy()).isNull();
        // whole seconds (the wire has no fractions), taken while the migration ran
        assertThat(general.createdAt()).isEqualTo(general.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(general.createdAt()).isBetween(before, after);

        assertThat(rooms.create(new RoomName("GENERAL"), false, alice, after)).as("its name is held").isEmpty();
        assertThat(rooms.listVisibleTo(alice, 10))
                .as("listed to alice, who has not joined it")
                .containsExactly(new RoomOverview(general, Optional.<Message>empty(), 0, 0, null, null, null, false));
        var hello = messages.append(general.id(), alice,
                new MessageDraft(new MessageText("hello"), MessageType.TEXT, null), null, after).message();
        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::lastMessage).containsExactly(Optional.of(hello));
    }

    @Test
    void sqliteMessagesPostedBeforePreviewsInMessagesCarryTheirUploadsPreview() {
        try (var database = TestDatabases.sqlite(directory, false)) {
            assertOlderImageMessagesGetTheirPreview(database);
        }
    }

    @Test
    void postgresMessagesPostedBeforePreviewsInMessagesCarryTheirUploadsPreview() {
        try (var database = TestDatabases.postgres(false)) {
            assertOlderImageMessagesGetTheirPreview(database);
        }
    }

    /** V17: a message stored before it (the schema of V16) reads back with the preview its upload recorded. */
    private static void assertOlderImageMessagesGetTheirPreview(TestDatabase database) {
        migrate(database, "16");
        var dsl = database.dsl();
        var at = Instant.parse("2026-11-25T10:00:00Z");
        // the columns V16 has (no look-alike key yet): what a server of that version wrote
        dsl.insertInto(USERS).set(USERS.USERNAME, "alice").set(USERS.CANONICAL_NAME, "alice")
                .set(USERS.PASSWORD_HASH, "h").set(USERS.CREATED_AT, at).execute();
        var alice = new JooqUserRepository(dsl).findByUsername(new Username("alice")).orElseThrow().id();
        var general = new JooqRoomRepository(dsl).findByName(new RoomName("general"), alice).getFirst().id();
        for (var upload : new StoredAttachment[] {
                new StoredAttachment("3f2a.png", "cat.png", 5000, "image/png", AttachmentKind.IMAGE, alice, at,
                        "3f2a-preview.jpg"),
                new StoredAttachment("9b1c.pdf", "report.pdf", 900, "application/pdf", AttachmentKind.DOCUMENT, alice,
                        at, null)}) {
            // the columns V16 has (no charset yet): what a server of that version wrote
            dsl.insertInto(ATTACHMENTS).set(ATTACHMENTS.NAME, upload.name())
                    .set(ATTACHMENTS.ORIGINAL_NAME, upload.originalName()).set(ATTACHMENTS.SIZE, upload.size())
                    .set(ATTACHMENTS.MIME_TYPE, upload.mimeType()).set(ATTACHMENTS.KIND, upload.kind().name())
                    .set(ATTACHMENTS.UPLOADER_ID, alice.value()).set(ATTACHMENTS.CREATED_AT, at)
                    .set(ATTACHMENTS.PREVIEW_NAME, upload.previewName()).execute();
        }
        for (String file : new String[] {"3f2a.png", "9b1c.pdf"}) {
            // the columns V16 has: what a server of that version wrote
            dsl.insertInto(MESSAGES).set(MESSAGES.ROOM_ID, general.value()).set(MESSAGES.SENDER_ID, alice.value())
                    .set(MESSAGES.CONTENT, "").set(MESSAGES.MESSAGE_TYPE, file.endsWith(".png") ? "IMAGE" : "DOCUMENT")
                    .set(MESSAGES.FILE_NAME, file).set(MESSAGES.CREATED_AT, at).execute();
        }

        migrate(database, "latest");

        assertThat(new JooqMessageRepository(dsl).pageAfter(general, null, 10))
                .extracting(m -> m.content().attachment().fileName(), m -> m.content().attachment().previewName())
                .containsExactly(tuple("3f2a.png", "3f2a-preview.jpg"), tuple("9b1c.pdf", null));
    }

    private static void migrate(TestDatabase database, String target) {
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/" + database.vendor())
                .target(target)
                .load()
                .migrate();
    }

    private static Instant databaseClock(TestDatabase database, String epochSecondsQuery) {
        return Instant.ofEpochSecond(((Number) database.dsl().fetchValue(epochSecondsQuery)).longValue());
    }
}
