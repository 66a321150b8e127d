package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.QueryPlans;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replies to a message and the messages that carry a file are found through indexes of the messages that
 * have one (V16): a plain post, which answers nothing and carries no file, writes no entry into either. Planned
 * on nearly empty tables, as a new server's connections plan them, and with a few thousand plain posts stored.
 */
class PartialIndexesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    private static final String REPLIES_INDEX = "messages_replies_idx";
    private static final String FILES_INDEX = "messages_files_idx";

    @TempDir
    Path directory;

    private final List<Query> statements = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theRepliesToAMessageAreReadThroughTheIndexOfReplies(String vendor) {
        try (var database = open(vendor)) {
            var stored = new Stored(database);
            MessageId parent = stored.post(stored.messages, "parent", null, null);
            stored.post(stored.messages, "reply", parent, null);

            statements.clear();
            assertThat(stored.recording().repliesAfter(parent, null, 20)).extracting(m -> m.content().text().value())
                    .containsExactly("reply");
            assertThat(QueryPlans.plan(database.dsl(), statements.getLast())).as("the plan for a page of replies on " + vendor)
                    .contains(REPLIES_INDEX);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void whetherAFileIsStillCarriedIsAnsweredThroughTheIndexOfFiles(String vendor) {
        try (var database = open(vendor)) {
            var stored = new Stored(database);
            stored.post(stored.messages, "a photo", null, "photo.jpg");

            statements.clear();
            assertThat(stored.recording().carriesFile("photo.jpg")).isTrue();
            assertThat(stored.recording().carriesFile("gone.jpg")).isFalse();
            assertThat(QueryPlans.plan(database.dsl(), statements.getLast())).as("the plan for whether a file is still carried on " + vendor)
                    .contains(FILES_INDEX);
        }
    }

    /** On PostgreSQL, whose index sizes say how many entries each holds. */
    @Test
    void plainPostsWriteNoEntryIntoEitherIndex() {
        try (var database = TestDatabases.postgres()) {
            var stored = new Stored(database);
            MessageId parent = stored.post(stored.messages, "parent", null, "photo.jpg");
            stored.post(stored.messages, "reply", parent, null);
            long repliesBefore = size(database, REPLIES_INDEX);
            long filesBefore = size(database, FILES_INDEX);
            long allBefore = size(database, "messages_room_id_id_idx");

            for (int batch = 0; batch < 40; batch++) {
                List<NewMessage> posts = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    posts.add(new NewMessage(stored.alice, MessageDraft.of(new MessageText("plain " + batch + "/" + i),
                            null, null, null), Mentions.NONE, null, null));
                }
                stored.messages.appendAll(stored.room, posts, T0);
            }

            assertThat(size(database, "messages_room_id_id_idx")).as("an index of every message, after 2,000 plain posts")
                    .isGreaterThan(allBefore);
            assertThat(size(database, REPLIES_INDEX)).as("the index of replies, after 2,000 plain posts")
                    .isEqualTo(repliesBefore);
            assertThat(size(database, FILES_INDEX)).as("the index of files, after 2,000 plain posts")
                    .isEqualTo(filesBefore);
        }
    }

    private TestDatabase open(String vendor) {
        return vendor.equals("sqlite") ? TestDatabases.sqlite(directory) : TestDatabases.postgres();
    }

    /** Bytes on disk of a PostgreSQL index. */
    private static long size(TestDatabase database, String index) {
        return database.dsl().fetchSingle("select pg_relation_size(cast(? as regclass))", index).get(0, Long.class);
    }

    /** A room with no message but ours, a poster, and the repository with and without recording its statements. */
    private final class Stored {

        final RoomId room;
        final UserId alice;
        final JooqMessageRepository messages;
        private final TestDatabase database;

        Stored(TestDatabase database) {
            this.database = database;
            database.dsl().deleteFrom(ROOMS).execute();
            room = new JooqRoomRepository(database.dsl()).create(new RoomName("general"), false, null, T0).orElseThrow().id();
            alice = new JooqUserRepository(database.dsl())
                    .create(new Username("alice"), new PasswordHash("hash"), T0).orElseThrow().id();
            messages = new JooqMessageRepository(database.dsl());
        }

        JooqMessageRepository recording() {
            return new JooqMessageRepository(database.dsl().configuration().deriveAppending(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    statements.add(ctx.query());
                }
            }).dsl());
        }

        MessageId post(JooqMessageRepository repository, String text, MessageId replyTo, String file) {
            Attachment attachment = file == null ? null : new Attachment(file, file, 1_000L, "image/jpeg");
            MessageDraft draft = file == null ? MessageDraft.of(new MessageText(text), null, null, null)
                    : new MessageDraft(new MessageText(text), MessageType.IMAGE, attachment);
            return repository.appendAll(room, List.of(new NewMessage(alice, draft, Mentions.NONE, replyTo, null)), T0)
                    .getFirst().message().id();
        }
    }
}
