package org.chatserver.loadgen;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client WebSocket to {@code /ws/chat/{room}}, over one of two transports: the lean NIO client
 * ({@link LeanWebSockets}, the default: frames are read in place, see {@link Handler#onScannedFrame})
 * or the JDK's {@code java.net.http.WebSocket} ({@code --ws-client=jdk}). On the JDK one outgoing texts
 * are queued, because it refuses a second send while one is in flight, and incoming texts are
 * reassembled and parsed into a {@link Frame}. Either way frames reach the {@link Handler} on this
 * connection's receiving thread, one at a time.
 */
public final class ChatConnection implements WebSocket.Listener, LeanWebSockets.Listener {

    /** What the scenario does with frames and with the end of the connection. */
    public interface Handler {
        void onFrame(ChatConnection connection, Frame frame, long receivedNanos);

        /**
         * A frame of the lean transport, scanned in place: valid only during the call. By default it is
         * turned into a {@link Frame}; a handler on the hot path reads the keys from {@code frame} instead.
         */
        default void onScannedFrame(ChatConnection connection, FrameScan frame, long receivedNanos) {
            onFrame(connection, frame.toFrame(), receivedNanos);
        }

        /** The connection ended without this tool asking for it. */
        void onLost(ChatConnection connection, String why);
    }

    private record Outgoing(String text, Consumer<Throwable> whenDone) {
    }

    private final int index;
    private final Handler handler;
    private final DeliveryLedger.Receiver receiver;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile LeanWebSockets.Socket lean;
    private volatile boolean closing;

    private ChatConnection(int index, String room, Handler handler) {
        this.index = index;
        this.receiver = new DeliveryLedger.Receiver(room);
        this.handler = handler;
    }

    /** Opens a connection; the future fails when the handshake is refused (HTTP 403) or times out. */
    public static CompletableFuture<ChatConnection> open(HttpClient client, URI baseUri, String room, String token,
                                                         int index, Handler handler, Duration timeout) {
        ChatConnection connection = new ChatConnection(index, room, handler);
        URI uri = webSocketUri(baseUri, room, token);
        return client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, connection)
                .thenApply(ws -> {
                    connection.socket = ws;
                    return connection;
                });
    }

    /** Opens a connection over the lean client; the future fails when the handshake is refused or times out. */
    public static CompletableFuture<ChatConnection> open(LeanWebSockets client, URI baseUri, String room, String token,
                                                         int index, Handler handler, Duration timeout) {
        ChatConnection connection = new ChatConnection(index, room, handler);
        return client.connect(webSocketUri(baseUri, room, token), connection, timeout).thenApply(ws -> {
            connection.lean = ws;
            return connection;
        });
    }

    static URI webSocketUri(URI base, String room, String token) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        String path = (base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "")) + "/ws/chat/"
                + URLEncoder.encode(room, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(scheme + "://" + base.getRawAuthority() + path + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /**
     * Completes with the first frame the server sends ({@code connected} on servers of this
     * contract). A completed handshake does not mean the server listens to the room yet: a message
     * sent before then would rightly never reach this member.
     */
    public CompletableFuture<Void> firstFrame() {
        return firstFrame;
    }

    public int index() {
        return index;
    }

    public DeliveryLedger.Receiver receiver() {
        return receiver;
    }

    /** Queues a text frame; {@code whenDone} gets null once it was written, or the failure. */
    public void send(String text, Consumer<Throwable> whenDone) {
        LeanWebSockets.Socket ws = lean;
        if (ws != null) {
            whenDone.accept(ws.sendText(text.getBytes(StandardCharsets.UTF_8)) ? null
                    : new java.io.IOException("connection closed"));
            return;
        }
        outbox.add(new Outgoing(text, whenDone));
        drain();
    }

    /** Frames queued but not yet written: the backlog a slow server (or tool) builds up. */
    public int backlog() {
        LeanWebSockets.Socket ws = lean;
        return ws != null ? (ws.backlogBytes() > 0 ? 1 : 0) : outbox.size();
    }

    public CompletableFuture<?> close() {
        closing = true;
        LeanWebSockets.Socket leanSocket = lean;
        if (leanSocket != null) {
            return leanSocket.close(WebSocket.NORMAL_CLOSURE, "load test done");
        }
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "load test done")
                .exceptionally(e -> {
                    ws.abort();
                    return ws;
                });
    }

    /** Drops the TCP connection without a close handshake (for shutting down quickly). */
    public void abort() {
        closing = true;
        LeanWebSockets.Socket leanSocket = lean;
        if (leanSocket != null) {
            leanSocket.abort();
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            Outgoing next = outbox.poll();
            if (next == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            CompletableFuture<WebSocket> write;
            try {
                write = socket.sendText(next.text(), true);
            } catch (RuntimeException e) {
                write = CompletableFuture.failedFuture(e);
            }
            if (write.isDone()) {
                // completes inline most of the time: loop instead of recursing through callbacks
                next.whenDone().accept(failure(write));
                sending.set(false);
                continue;
            }
            write.whenComplete((ws, e) -> {
                next.whenDone().accept(e);
                sending.set(false);
                drain();
            });
            return;
        }
    }

    private static Throwable failure(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        // receive as fast as frames come: the tool must never be the slow reader it would blame on the server
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        firstFrame.complete(null);
        String text;
        if (!last) {
            partial.append(data);
            return null;
        }
        if (partial.isEmpty()) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        Frame frame = Frame.parse(text);
        if (frame == null) {
            handler.onFrame(this, new Frame("unparsable", text, null, -1), now);
        } else {
            handler.onFrame(this, frame, now);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            handler.onLost(this, "closed by server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            handler.onLost(this, "connection error: " + error.getClass().getSimpleName());
        }
    }

    @Override
    public void onText(LeanWebSockets.Socket webSocket, byte[] bytes, int from, int to, long receivedNanos,
                       FrameScan scan) {
        if (!firstFrame.isDone()) {
            firstFrame.complete(null);
        }
        if (scan.scan(bytes, from, to) && scan.hasType()) {
            handler.onScannedFrame(this, scan, receivedNanos);
        } else {
            handler.onFrame(this, new Frame("unparsable", new String(bytes, from, to - from, StandardCharsets.UTF_8),
                    null, -1), receivedNanos);
        }
    }

    @Override
    public void onClosed(LeanWebSockets.Socket webSocket, int status, String reason) {
        if (!closing) {
            handler.onLost(this, status == 1006 ? reason : "closed by server: " + status
                    + (reason.isEmpty() ? "" : " " + reason));
        }
    }
}
