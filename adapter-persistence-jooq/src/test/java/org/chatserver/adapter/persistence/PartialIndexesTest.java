package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.QueryPlans;
import org.chatserver.adapter.persistence.testsupport.RecordedStatements;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replies to a message and the messages that carry a file are found through indexes of the messages that
 * have one (V16): a plain post, which answers nothing and carries no file, writes no entry into either. The
 * statements are planned on nearly empty tables, as a new server's connections plan them; on PostgreSQL the
 * indexes' sizes are read again after a few thousand plain posts.
 */
class PartialIndexesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    private static final String REPLIES_INDEX = "messages_replies_idx";
    private static final String FILES_INDEX = "messages_files_idx";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theRepliesToAMessageArePagedThroughTheIndexOfReplies(String vendor) {
        try (var database = open(vendor)) {
            var room = new Room(database);
            MessageId parent = room.post("parent", null, null);
            MessageId reply = room.post("reply", parent, null);
            var statements = new RecordedStatements(database.dsl());
            var messages = new JooqMessageRepository(statements.dsl());

            assertThat(messages.repliesAfter(parent, null, 20)).extracting(m -> m.content().text().value())
                    .containsExactly("reply");
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for a page of replies, oldest first, on " + vendor).contains(REPLIES_INDEX);
            statements.clear();
            assertThat(messages.repliesBefore(parent, new MessageId(reply.value() + 1), 20))
                    .extracting(m -> m.content().text().value()).containsExactly("reply");
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for a page of replies, newest first, on " + vendor).contains(REPLIES_INDEX);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void whetherAFileIsStillCarriedIsAnsweredThroughTheIndexOfFiles(String vendor) {
        try (var database = open(vendor)) {
            new Room(database).post("a photo", null, "photo.jpg");
            var statements = new RecordedStatements(database.dsl());
            var messages = new JooqMessageRepository(statements.dsl());

            assertThat(messages.carriesFile("photo.jpg")).isTrue();
            assertThat(messages.carriesFile("gone.jpg")).isFalse();
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for whether a file is still carried on " + vendor).contains(FILES_INDEX);
        }
    }

    /** On PostgreSQL, whose index sizes say whether an index took entries. */
    @Test
    void plainPostsWriteNoEntryIntoEitherIndex() {
        try (var database = TestDatabases.postgres()) {
            var room = new Room(database);
            MessageId parent = room.post("parent", null, "photo.jpg");
            room.post("reply", parent, null);
            long replies = size(database, REPLIES_INDEX);
            long files = size(database, FILES_INDEX);
            long all = size(database, "messages_room_id_id_idx");

            for (int batch = 0; batch < 40; batch++) {
                List<NewMessage> posts = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    posts.add(new NewMessage(room.poster, MessageDraft.of(new MessageText("plain " + batch + "/" + i),
                            null, null, null), Mentions.NONE, null, null));
                }
                room.messages.appendAll(room.id, posts, T0);
            }

            assertThat(size(database, "messages_room_id_id_idx")).as("an index of every message, after 2,000 plain posts")
                    .isGreaterThan(all);
            assertThat(size(database, REPLIES_INDEX)).as("the index of replies, after 2,000 plain posts").isEqualTo(replies);
            assertThat(size(database, FILES_INDEX)).as("the index of files, after 2,000 plain posts").isEqualTo(files);
        }
    }

    private TestDatabase open(String vendor) {
        return vendor.equals("sqlite") ? TestDatabases.sqlite(directory) : TestDatabases.postgres();
    }

    /** Bytes on disk of a PostgreSQL index. */
    private static long size(TestDatabase database, String index) {
        return database.dsl().fetchSingle("select pg_relation_size(cast(? as regclass))", index).get(0, Long.class);
    }

    /** The only room, with the only poster in it. */
    private static final class Room {

        final RoomId id;
        final UserId poster;
        final JooqMessageRepository messages;

        Room(TestDatabase database) {
            database.dsl().deleteFrom(ROOMS).execute();
            id = new JooqRoomRepository(database.dsl()).create(new RoomName("general"), false, null, T0).orElseThrow().id();
            poster = new JooqUserRepository(database.dsl())
                    .create(new Username("alice"), new PasswordHash("hash"), T0).orElseThrow().id();
            messages = new JooqMessageRepository(database.dsl());
        }

        MessageId post(String text, MessageId replyTo, String file) {
            MessageDraft draft = file == null ? MessageDraft.of(new MessageText(text), null, null, null)
                    : new MessageDraft(new MessageText(text), MessageType.IMAGE,
                            new Attachment(file, file, 1_000L, "image/jpeg"));
            return messages.appendAll(id, List.of(new NewMessage(poster, draft, Mentions.NONE, replyTo, null)), T0)
                    .getFirst().message().id();
        }
    }
}
