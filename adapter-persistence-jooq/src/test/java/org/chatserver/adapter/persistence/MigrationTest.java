package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the migrations leave behind in a new database, beyond empty tables. */
class MigrationTest {

    @TempDir
    Path directory;

    @Test
    void newSqliteDatabaseHasThePublicGeneralRoom() {
        var before = Instant.now();
        try (var database = TestDatabases.sqlite(directory)) {
            assertGeneralRoomIsReady(database, before);
        }
    }

    @Test
    void newPostgresDatabaseHasThePublicGeneralRoom() {
        var before = Instant.now();
        try (var database = TestDatabases.postgres()) {
            assertGeneralRoomIsReady(database, before);
        }
    }

    private static void assertGeneralRoomIsReady(TestDatabase database, Instant before) {
        var after = Instant.now();
        var users = new JooqUserRepository(database.dsl());
        var rooms = new JooqRoomRepository(database.dsl());
        var messages = new JooqMessageRepository(database.dsl());

        // the iOS app asks for it in lower case
        var general = rooms.findByName(new RoomName("general")).orElseThrow();
        assertThat(general.name().value()).isEqualTo("General");
        assertThat(general.isPrivate()).isFalse();
        assertThat(general.createdBy()).isNull();
        // whole seconds, from the database's clock (that of this machine in these tests)
        assertThat(general.createdAt()).isBetween(before.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofSeconds(1)),
                after.plus(Duration.ofSeconds(1)));

        var alice = users.create(new Username("alice"), new PasswordHash("h"), after).orElseThrow().id();
        assertThat(rooms.listVisibleTo(alice, 10))
                .containsExactly(new RoomOverview(general, Optional.<Message>empty(), 0));
        var hello = messages.append(general.id(), alice,
                new MessageDraft(new MessageText("hello"), MessageType.TEXT, null), null, after).message();
        assertThat(rooms.listVisibleTo(alice, 10)).extracting(RoomOverview::lastMessage).containsExactly(Optional.of(hello));
    }
}
