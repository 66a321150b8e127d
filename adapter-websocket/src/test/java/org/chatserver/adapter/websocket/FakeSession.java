package org.chatserver.adapter.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A session for the seams of a connection tested on their own: records what is written and how it
 * is closed; its writes can be made to block, as they do to a client that stopped reading.
 */
final class FakeSession implements WebSocketSession {

    final List<WebSocketMessage<?>> written = new CopyOnWriteArrayList<>();
    /** the thread that wrote each of {@link #written} */
    final List<Thread> writers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile CountDownLatch writesBlockedUntil;
    private final CountDownLatch writeBlocked = new CountDownLatch(1);

    /** From now on every write blocks until {@code release} is counted down. */
    void blockWritesUntil(CountDownLatch release) {
        writesBlockedUntil = release;
    }

    /** Waits until a write is blocked. */
    void awaitBlockedWrite() throws InterruptedException {
        if (!writeBlocked.await(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no write blocked");
        }
    }

    /** How the session was closed, waiting for it. */
    CloseStatus closeStatus() {
        try {
            return closed.get(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("session not closed", e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        CountDownLatch release = writesBlockedUntil;
        if (release != null) {
            writeBlocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.add(Thread.currentThread());
        written.add(message);
    }

    @Override
    public void close(CloseStatus status) {
        closed.complete(status);
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public String getId() {
        return "fake";
    }

    @Override
    public URI getUri() {
        return URI.create("ws://localhost/ws/chat/1");
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return 0;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
