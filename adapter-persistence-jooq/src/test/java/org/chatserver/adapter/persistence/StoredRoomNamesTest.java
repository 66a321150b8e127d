package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import java.nio.file.Path;
import java.time.Instant;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A room stored under rules since made stricter still reads: a name of only a blank Braille pattern was taken
 * until 2026-12-06, and a room that could not be read would break every list it is in.
 */
class StoredRoomNamesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRoomWhoseStoredNameTodaysRulesRefuseStillReadsUnderAPlaceholder(String vendor) {
        try (TestDatabase database = vendor.equals("sqlite") ? TestDatabases.sqlite(directory)
                : TestDatabases.postgres()) {
            JooqRoomRepository rooms = new JooqRoomRepository(database.dsl());
            Room stored = rooms.create(new RoomName("braille"), false, null, T0).orElseThrow();
            Room zeroWidth = rooms.create(new RoomName("zero width"), false, null, T0).orElseThrow();
            database.dsl().update(ROOMS).set(ROOMS.NAME, "\u2800").where(ROOMS.ID.eq(stored.id().value())).execute();
            database.dsl().update(ROOMS).set(ROOMS.NAME, "zero\u200Bwidth").where(ROOMS.ID.eq(zeroWidth.id().value()))
                    .execute();

            assertThat(rooms.findById(stored.id()).orElseThrow().name().value())
                    .isEqualTo("Room " + stored.id().value());
            assertThat(rooms.findById(zeroWidth.id()).orElseThrow().name().value()).isEqualTo("zerowidth");
        }
    }
}
