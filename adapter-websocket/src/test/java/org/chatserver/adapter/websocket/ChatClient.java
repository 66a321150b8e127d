package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every frame it receives, in order, as parsed JSON. */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String reason;
    private WebSocket socket;

    private ChatClient() {
    }

    public static ChatClient connect(URI uri) {
        return connect(uri, null);
    }

    /**
     * Connects once {@code watching} has received "connected", i.e. once the server watches the room for it:
     * the handshake completes before that, so a client connected right after the handshake may join before
     * the first one listens, which then rightly never hears of it ({@code user_joined}).
     */
    public static ChatClient connectAfter(ChatClient watching, URI uri) {
        watching.next("connected");
        return connect(uri);
    }

    public static ChatClient connect(URI uri, String bearer) {
        ChatClient client = new ChatClient();
        try {
            client.socket = builder(bearer).buildAsync(uri, client.listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
        return client;
    }

    /** The HTTP status of a refused handshake. */
    public static int refusal(URI uri, String bearer) {
        try {
            builder(bearer).buildAsync(uri, new WebSocket.Listener() { }).join().abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("handshake failed without an HTTP answer", e);
        }
        throw new AssertionError("handshake to " + uri + " was accepted");
    }

    private static WebSocket.Builder builder(String bearer) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(JSON.readValue(text.toString(), Map.class));
                    text.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String closeReason) {
                reason = closeReason;
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void sendBinary(String json) {
        socket.sendBinary(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    public void send(Map<String, ?> frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** The next frame, failing when none arrives in time. */
    public Map<String, Object> next() {
        try {
            Map<String, Object> frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every frame up to and including the first of this type. */
    public List<Map<String, Object>> until(String type) {
        List<Map<String, Object>> seen = new ArrayList<>();
        while (true) {
            Map<String, Object> frame = next();
            seen.add(frame);
            if (type.equals(frame.get("type"))) {
                return seen;
            }
        }
    }

    /** The next frame of this type, skipping others. */
    public Map<String, Object> next(String type) {
        List<Map<String, Object>> seen = until(type);
        return seen.getLast();
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection not closed within " + WAIT, e);
        }
    }

    /** The frames received and not yet taken, without waiting for more. */
    public List<Map<String, Object>> received() {
        List<Map<String, Object>> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    /** The close code and reason the server sent, as {@code 1008 Session ended}, waiting for the close. */
    public String closeStatus() {
        int code = closeCode();
        return reason == null || reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    public void assertNothingPending() {
        assertThat(frames).isEmpty();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                socket.abort();
            }
        }
    }
}
