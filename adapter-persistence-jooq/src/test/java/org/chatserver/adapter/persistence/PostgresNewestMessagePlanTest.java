package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.QueryPlans;
import org.chatserver.adapter.persistence.testsupport.RecordedStatements;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The newest message of a room is one backward step in {@code messages (room_id, id)}, whatever PostgreSQL knew
 * of the table when it planned the statement. A connection keeps the generic plan of a statement it has
 * prepared, and the one made while {@code messages} was empty (a new server's first minutes, before autovacuum
 * first analyses the table) took {@code max(id)} over the {@code (room_id, pinned_at)} index: it read every
 * message of the room, on every post, so that posting into a busy room slowed down as the room grew (a third
 * slower within a minute in the write-ceiling benchmark, docs/benchmark.md). Also what a batch of posts costs in
 * statements, each a round trip on PostgreSQL.
 */
class PostgresNewestMessagePlanTest {

    private static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");
    private static final String PINNED_INDEX = "messages_room_id_pinned_at_idx";
    private static final String ROOM_ID_INDEX = "messages_room_id_id_idx";

    private final TestDatabase database = TestDatabases.postgres();
    private final RecordedStatements statements = new RecordedStatements(database.dsl());
    private final DSLContext recording = statements.dsl();
    /** no message anywhere: the table as a new server has it */
    private final OnlyRoom only = new OnlyRoom(database, "viewer", T0);
    private final RoomId room = only.id;
    private final UserId viewer = only.poster;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theNewestMessageOfARoomIsOneBackwardSeekEvenWhenPlannedOnAnEmptyTable() {
        new JooqMessageRepository(recording).latestId(room);

        String plan = QueryPlans.plan(database.dsl(), statements.all().getFirst());

        assertThat(plan).as("the plan a connection keeps for the newest message of a room")
                .contains("Index Only Scan Backward using " + ROOM_ID_INDEX + " ")
                .doesNotContain(PINNED_INDEX);
    }

    @Test
    void theLatestChangeOfARoomIsOneBackwardSeekEvenWhenPlannedOnAnEmptyTable() {
        new JooqMessageRepository(recording).latestChange(room);

        assertThat(QueryPlans.plan(database.dsl(), statements.all().getFirst()))
                .as("the plan a connection keeps for the latest change of a room")
                .contains("Index Only Scan Backward using room_changes_room_id_id_idx ");
    }

    /**
     * What a node hearing Redis asks every {@code chat.fanout.redis.store-check-interval} for the rooms watched on
     * it: one statement, each room a backward seek, never a scan of a room's whole log.
     */
    @Test
    void theLatestChangesOfWatchedRoomsAreOneStatementOfBackwardSeeks() {
        new JooqMessageRepository(recording).latestChanges(List.of(room, new RoomId(room.value() + 1)));

        assertThat(statements.all()).hasSize(1);
        assertThat(QueryPlans.plan(database.dsl(), statements.all().getFirst()))
                .as("the plan a connection keeps for the latest changes of several rooms")
                .contains("Index Only Scan Backward using room_changes_room_id_id_idx ")
                .doesNotContain("Seq Scan on room_changes");
    }

    @Test
    void aStoredBatchIsReadBackWithTheMessageBeforeItInOneBackwardSeek() {
        new JooqMessageRepository(recording).appendAll(room, List.of(only.plain("one"), only.plain("two")), T0);

        Query readBack = statements.all().stream().filter(q -> q instanceof Select<?>).toList().getLast();
        assertThat(QueryPlans.plan(database.dsl(), readBack))
                .as("the plan a connection keeps for reading a stored batch back")
                .contains("Index Scan Backward using " + ROOM_ID_INDEX + " ")
                .doesNotContain(PINNED_INDEX);
    }

    @Test
    void aBatchsChangesAreReadBackWithTheChangeBeforeThemInOneBackwardSeek() {
        new JooqMessageRepository(recording).storePosts(room, List.of(only.plain("one")), T0);

        Query readBack = statements.all().stream().filter(q -> q instanceof Select<?>).toList().getLast();
        assertThat(QueryPlans.plan(database.dsl(), readBack))
                .as("the plan a connection keeps for reading a batch's changes back")
                .contains("Index Only Scan Backward using room_changes_room_id_id_idx ");
    }

    /**
     * On PostgreSQL every statement is a round trip that each post of the batch waits for: the room is locked once
     * for the messages and their changes, then one insert and one read-back for each.
     */
    @Test
    void aBatchOfPostsLocksItsRoomOnceInFiveStatements() {
        new JooqMessageRepository(recording).storePosts(room, List.of(only.plain("one"), only.plain("two")), T0);

        List<String> sql = statements.all().stream().map(q -> database.dsl().render(q)).toList();
        assertThat(sql).as("the statements of a batch of two posts")
                .hasSize(5)
                .filteredOn(statement -> statement.contains("for no key update")).hasSize(1);
    }

    @Test
    void aRoomListSeeksItsRoomsNewestMessagesTheSameWay() {
        new JooqRoomRepository(recording).listVisibleTo(viewer, 20);

        String plan = QueryPlans.plan(database.dsl(), statements.all().getFirst());

        // the newest message and the newest one shown: each a backward seek; the unread count: a range of the index
        List<String> scans = plan.lines().filter(line -> line.matches(".* on messages( messages_\\d+)? .*")).toList();
        assertThat(scans).as("the plan a connection keeps for listing rooms with their newest messages and unread counts")
                .hasSize(3)
                .allMatch(scan -> scan.contains(" using " + ROOM_ID_INDEX + " "));
        assertThat(scans).filteredOn(scan -> scan.contains("Backward")).hasSize(2);
    }
}
