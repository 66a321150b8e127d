package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/** What a connection is sent never makes the sender wait, whatever the client does. */
class OutboundQueueTest {

    private final FakeSession session = new FakeSession();
    private final OutboundQueue queue = new OutboundQueue("test", session, 10, 1 << 20, Ticker.SYSTEM, new LongAdder());

    @Test
    void queuingNeverWaitsForAClientThatStoppedReadingWhichIsDisconnectedWhenTheQueueFills() throws Exception {
        CountDownLatch clientReads = new CountDownLatch(1);
        session.blockWritesUntil(clientReads);
        queue.startWriter();
        queue.send("{\"n\":0}");
        session.awaitBlockedWrite();

        // on another thread, so that a send that waited would show as a missing count, not a hung test
        CountDownLatch allQueued = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 50; i++) {
                queue.send("{\"n\":" + i + "}");
            }
            allQueued.countDown();
        });

        assertThat(allQueued.await(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("fifty frames queued while a write is blocked").isTrue();
        CloseStatus status = session.closeStatus();
        assertThat(status).isEqualTo(OutboundQueue.TOO_SLOW);
        assertThat(status.getCode()).isEqualTo(1008);
        clientReads.countDown();
        queue.finished().get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.written).as("only what was being written when it fell behind").hasSize(1);
    }

    @Test
    void anIdleConnectionHoldsNoWriterThreadAndItsNextFramesStillGoOutInOrder() throws Exception {
        queue.startWriter();
        queue.send("{\"n\":1}");
        Thread firstWriter = awaitWritten(1);
        firstWriter.join(ChatClient.WAIT);
        assertThat(firstWriter.isAlive())
                .as("the writer of an idle connection is gone (10,000 idle connections held 10,000 parked threads)")
                .isFalse();

        queue.send("{\"n\":2}");
        queue.send("{\"n\":3}");
        awaitWritten(3);
        queue.closeAfterQueued(Connection.SHUTTING_DOWN);
        queue.finished().get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.closeStatus()).isEqualTo(Connection.SHUTTING_DOWN);
        assertThat(session.written).extracting(m -> ((TextMessage) m).getPayload())
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    /** Waits until {@code count} frames are written; the thread that wrote the last one. */
    private Thread awaitWritten(int count) throws InterruptedException {
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        while (session.written.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + session.written.size() + " of " + count + " frames written");
            }
            Thread.sleep(5);
        }
        return session.writers.get(count - 1);
    }

    @Test
    void aCloseAfterWhatIsQueuedLetsItGoOutFirst() throws Exception {
        queue.send("{\"n\":1}");
        queue.send("{\"n\":2}");
        queue.closeAfterQueued(Connection.SHUTTING_DOWN);
        queue.send("{\"n\":3}");
        queue.startWriter();

        assertThat(session.closeStatus()).isEqualTo(Connection.SHUTTING_DOWN);
        queue.finished().get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.written).extracting(m -> ((TextMessage) m).getPayload())
                .containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void typingIsShedFirstWhenTheClientFallsBehindAndMessagesStillGetThrough() throws Exception {
        CountDownLatch clientReads = new CountDownLatch(1);
        session.blockWritesUntil(clientReads);
        queue.startWriter();
        queue.send("{\"n\":0}");
        session.awaitBlockedWrite();
        // queued while the client is not reading: three typing frames, then half the queue of messages
        for (int i = 1; i <= 3; i++) {
            queue.sendSheddable(OutboundFrames.Frame.of("{\"typing\":" + i + "}"));
        }
        for (int i = 1; i <= 5; i++) {
            queue.send("{\"n\":" + i + "}");
        }
        queue.sendSheddable(OutboundFrames.Frame.of("{\"typing\":\"late\"}"));
        // the queue holds 3 typing + 5 messages; two more messages fit, the third drops the typing
        for (int i = 6; i <= 9; i++) {
            queue.send("{\"n\":" + i + "}");
        }

        assertThat(session.isClosed()).as("still connected").isFalse();
        assertThat(queue.shed()).isEqualTo(4);
        clientReads.countDown();
        queue.closeAfterQueued(Connection.SHUTTING_DOWN);
        queue.finished().get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.written).extracting(m -> ((TextMessage) m).getPayload())
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}",
                        "{\"n\":6}", "{\"n\":7}", "{\"n\":8}", "{\"n\":9}");
    }
}
