package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/** What a connection is sent never makes the sender wait, whatever the client does. */
class OutboundQueueTest {

    private final FakeSession session = new FakeSession();
    private final OutboundQueue queue = new OutboundQueue("test", session, 10, 1 << 20, Ticker.SYSTEM);

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
}
