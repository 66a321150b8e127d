package org.chatserver.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One client's WebSocket to a room that reconnects by itself, as the app does: whenever the
 * connection is gone it tries again every quarter second, resuming with {@code since} = the last
 * message it has, so nothing stored while it was away is lost to it. Frames arrive as parsed JSON.
 */
final class ChatSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration RETRY = Duration.ofMillis(250);
    private static final Duration SEND_LIMIT = Duration.ofSeconds(5);

    private final String label;
    private final URI room;
    private final LongSupplier lastSeen;
    private final Consumer<Map<String, Object>> frames;
    private final Runnable onConnected;
    private final AtomicInteger connects = new AtomicInteger();
    private volatile WebSocket socket;
    private volatile boolean closed;

    /**
     * @param room        {@code ws://host:port/ws/chat/<room>?token=<token>}
     * @param lastSeen    the last message id the client has, 0 for none
     * @param onConnected run after each (re)connection, before frames are read, e.g. to resend
     */
    ChatSocket(String label, URI room, LongSupplier lastSeen, Consumer<Map<String, Object>> frames,
               Runnable onConnected) {
        this.label = label;
        this.room = room;
        this.lastSeen = lastSeen;
        this.frames = frames;
        this.onConnected = onConnected;
        Thread.ofVirtual().name("socket-" + label).start(this::keepConnected);
    }

    boolean isOpen() {
        WebSocket current = socket;
        return current != null && !current.isOutputClosed() && !current.isInputClosed();
    }

    int connections() {
        return connects.get();
    }

    /** Sends a text frame; false when there is no connection or the send failed (it will reconnect). */
    synchronized boolean send(String json) {
        WebSocket current = socket;
        if (current == null || current.isOutputClosed()) {
            return false;
        }
        try {
            current.sendText(json, true).get(SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            drop(current);
            return false;
        }
    }

    private void keepConnected() {
        while (!closed) {
            if (!isOpen()) {
                connect();
            }
            Machine.sleep(RETRY);
        }
    }

    private void connect() {
        long since = lastSeen.getAsLong();
        URI uri = URI.create(room + (since > 0 ? "&since=" + since : ""));
        try {
            WebSocket opened = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
            socket = opened;
            connects.incrementAndGet();
            onConnected.run();
            opened.request(Long.MAX_VALUE);
        } catch (Exception e) {
            // the server is down or starting: try again shortly
        }
    }

    private void drop(WebSocket broken) {
        broken.abort();
        if (socket == broken) {
            socket = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public String toString() {
        return label;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            // frames are requested once the connection is recorded (see connect)
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                @SuppressWarnings("unchecked")
                Map<String, Object> frame = ChatApi.JSON.readValue(text.toString(), Map.class);
                text.setLength(0);
                frames.accept(frame);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            drop(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            drop(webSocket);
        }
    }
}
