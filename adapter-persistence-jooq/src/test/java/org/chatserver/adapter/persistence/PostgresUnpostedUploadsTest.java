package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A post and the sweep of unposted uploads meeting on one upload, each in its own transaction on PostgreSQL (on SQLite
 * one writer runs them one after the other): whichever holds the upload first decides, and the other sees what it did.
 * A message is never stored pointing at a file the sweep removed, nor is a posted file forgotten.
 */
class PostgresUnpostedUploadsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final String NAME = "3f2a9c1e-1b2c-4d5e-8f90-123456789abc.pdf";

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private TestDatabase database;

    @BeforeEach
    void upload() {
        database = TestDatabases.postgres();
        var alice = new JooqUserRepository(database.dsl())
                .create(new Username("alice"), new PasswordHash("h"), T0).orElseThrow().id();
        new JooqAttachmentRepository(database.dsl()).add(new StoredAttachment(NAME, "report.pdf", 10,
                "application/pdf", AttachmentKind.DOCUMENT, alice, T0, null));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        database.close();
    }

    @Test
    void aSweepMeetingAPostThatHoldsTheUploadWaitsForItsCommitAndThenLeavesTheFile() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<Boolean> post = threads.submit(() -> database.dsl().transactionResult(tx -> {
            boolean marked = new JooqAttachmentRepository(tx.dsl()).markPosted(NAME, null);
            held.countDown();
            commit.await(30, TimeUnit.SECONDS);
            return marked;
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> sweep = threads.submit(() -> new JooqAttachmentRepository(database.dsl()).forgetUnposted(NAME));
        awaitOneWaitingForALock();
        commit.countDown();

        assertThat(post.get(30, TimeUnit.SECONDS)).as("the post holds its file").isTrue();
        assertThat(sweep.get(30, TimeUnit.SECONDS)).as("the sweep forgot it").isFalse();
        assertThat(new JooqAttachmentRepository(database.dsl()).findByName(NAME)).isPresent();
    }

    @Test
    void aPostMeetingASweepThatForgotTheUploadWaitsForItsCommitAndIsThenRefused() throws Exception {
        CountDownLatch forgotten = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<Boolean> sweep = threads.submit(() -> database.dsl().transactionResult(tx -> {
            boolean gone = new JooqAttachmentRepository(tx.dsl()).forgetUnposted(NAME);
            forgotten.countDown();
            commit.await(30, TimeUnit.SECONDS);
            return gone;
        }));
        assertThat(forgotten.await(30, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> post = threads.submit(() -> database.dsl().transactionResult(tx ->
                new JooqAttachmentRepository(tx.dsl()).markPosted(NAME, null)));
        awaitOneWaitingForALock();
        commit.countDown();

        assertThat(sweep.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(post.get(30, TimeUnit.SECONDS)).as("the post may carry the file").isFalse();
    }

    /** Until PostgreSQL shows a statement of this database waiting for a row lock (at most 30 s). */
    private void awaitOneWaitingForALock() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            Number waiting = (Number) database.dsl().fetchValue("select count(*) from pg_stat_activity "
                    + "where datname = current_database() and wait_event_type = 'Lock' and query like '%awaiting_post%'");
            if (waiting.intValue() > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second transaction never waited for the first one's lock");
    }
}
