package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.QueryPlans;
import org.chatserver.adapter.persistence.testsupport.RecordedStatements;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.domain.MessageId;
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
            var room = new OnlyRoom(database, "alice", T0);
            MessageId parent = room.store("parent", null, null);
            MessageId reply = room.store("reply", parent, null);
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
            new OnlyRoom(database, "alice", T0).store("a photo", null, "photo.jpg");
            var statements = new RecordedStatements(database.dsl());
            var messages = new JooqMessageRepository(statements.dsl());

            assertThat(messages.carriesFile("photo.jpg")).isTrue();
            assertThat(messages.carriesFile("gone.jpg")).isFalse();
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for whether a file is still carried on " + vendor).contains(FILES_INDEX);
        }
    }

    /** The sweep of unposted uploads reads an index of the waiting ones alone, oldest first (V25). */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theUploadsWaitingForAMessageAreFoundThroughTheIndexOfWaitingUploads(String vendor) {
        try (var database = open(vendor)) {
            var room = new OnlyRoom(database, "alice", T0);
            var statements = new RecordedStatements(database.dsl());
            var attachments = new JooqAttachmentRepository(statements.dsl());

            assertThat(attachments.unpostedBefore(T0, 100)).isEmpty();
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for the uploads waiting longest on " + vendor)
                    .contains("attachments_awaiting_post_idx");
            statements.clear();
            assertThat(attachments.uploadedAfter(room.poster, T0).bytes()).isZero();
            assertThat(QueryPlans.plan(database.dsl(), statements.last()))
                    .as("the plan for what a user uploaded lately on " + vendor)
                    .contains("attachments_uploader_created_idx");
        }
    }

    /** On PostgreSQL, whose index sizes say whether an index took entries. */
    @Test
    void plainPostsWriteNoEntryIntoEitherIndex() {
        try (var database = TestDatabases.postgres()) {
            var room = new OnlyRoom(database, "alice", T0);
            MessageId parent = room.store("parent", null, "photo.jpg");
            room.store("reply", parent, null);
            long replies = size(database, REPLIES_INDEX);
            long files = size(database, FILES_INDEX);
            long all = size(database, "messages_room_id_id_idx");

            for (int batch = 0; batch < 40; batch++) {
                List<NewMessage> posts = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    posts.add(room.plain("plain " + batch + "/" + i));
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
}
