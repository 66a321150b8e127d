package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.search.MessageSearch.Scope;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements a PostgreSQL search costs, by the rooms its viewer sees (JooqMessageSearch): four
 * searches at a time on two cores wait for each other's round trips and plans (docs/benchmark.md); and that
 * listing a viewer's rooms in a statement of its own lets no room through that they stopped seeing before the
 * messages were read. The answers themselves are the contract's (ChatRepositoriesContracts); here, with at
 * most two rooms merged.
 */
class PostgresSearchStatementsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T21:00:00Z");
    private static final SearchQuery STANDUP = SearchQuery.parse("standup");

    private final TestDatabase database = TestDatabases.postgres();
    private final AtomicInteger statements = new AtomicInteger();
    private final JooqRoomRepository rooms = new JooqRoomRepository(database.dsl());
    private final JooqMessageRepository messages = new JooqMessageRepository(database.dsl());
    private final JooqMessageSearch search = new JooqMessageSearch(counting(database.dsl()), 500, 2_000, 20_000, 2);
    private final UserId viewer;
    private Runnable afterTheRoomsAreListed = () -> { };

    PostgresSearchStatementsTest() {
        // from an empty server: without the room the migration seeds
        database.dsl().deleteFrom(ROOMS).execute();
        viewer = new JooqUserRepository(database.dsl())
                .create(new Username("viewer"), new PasswordHash("hash"), T0).orElseThrow().id();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void whenMoreRoomsArePublicThanAreMergedASearchFoundAmongTheNewestIsOneStatement() {
        post(room("one", false), "an older standup");
        room("two", false);
        Message newest = post(room("three", false), "standup at nine");

        List<Message> found = searchAsViewer();
        int afterTheCount = statements.get();
        List<Message> again = searchAsViewer();

        assertThat(found).extracting(Message::id).containsExactly(newest.id());
        assertThat(again).isEqualTo(found);
        assertThat(afterTheCount).as("the public rooms counted, then the look").isEqualTo(2);
        assertThat(statements.get() - afterTheCount).as("statements of the second search").isEqualTo(1);
    }

    @Test
    void aViewerOfAFewRoomsHasThemListedThenMerged() {
        Room general = room("general", false);
        Room team = room("team", true);
        rooms.addMember(new Membership(team.id(), viewer, Membership.Role.MEMBER, T0));
        post(general, "an older standup");
        Message newest = post(team, "standup at nine");
        post(room("elsewhere", true), "someone else's standup");

        searchAsViewer();
        int afterTheFirst = statements.get();
        List<Message> again = searchAsViewer();

        assertThat(again).extracting(Message::id).containsExactly(newest.id());
        assertThat(statements.get() - afterTheFirst).as("statements of the second search: the rooms, the look")
                .isEqualTo(2);
    }

    @Test
    void aMembershipEndedAfterTheRoomsWereListedHidesTheRoomAtOnce() {
        Room team = room("team", true);
        rooms.addMember(new Membership(team.id(), viewer, Membership.Role.MEMBER, T0));
        post(team, "standup at nine");
        // the viewer leaves between the statement that lists their rooms and the one that reads the messages
        afterTheRoomsAreListed = () -> rooms.removeMember(team.id(), viewer);

        assertThat(searchAsViewer()).as("a room the viewer left while the search ran").isEmpty();
    }

    private List<Message> searchAsViewer() {
        return search.search(STANDUP, Scope.of(viewer), null, 1);
    }

    private Room room(String name, boolean isPrivate) {
        return rooms.create(new RoomName(name), isPrivate, isPrivate ? viewer : null, T0).orElseThrow();
    }

    private Message post(Room room, String text) {
        return messages.append(room.id(), viewer, new MessageDraft(new MessageText(text), MessageType.TEXT, null),
                null, T0).message();
    }

    /** Counts the statements, and runs {@link #afterTheRoomsAreListed} once the viewer's rooms are listed. */
    private DSLContext counting(DSLContext dsl) {
        return dsl.configuration().deriveAppending(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.incrementAndGet();
            }

            @Override
            public void executeEnd(ExecuteContext ctx) {
                String sql = ctx.sql();
                if (sql != null && sql.contains("room_members") && !sql.contains("messages")) {
                    afterTheRoomsAreListed.run();
                }
            }
        }).dsl();
    }
}
