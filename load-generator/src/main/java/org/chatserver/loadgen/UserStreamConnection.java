package org.chatserver.loadgen;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client WebSocket to {@code /ws/user}: all of one user's rooms on one connection. Each room
 * the user is a member of has its own {@link DeliveryLedger.Receiver} (audience: that room), chosen
 * by the {@code room_id} of each receipt, so the ledger's rules carry over unchanged: a message
 * meant for the room's other members counts once per member, and a receipt under the wrong
 * {@code room_id}, without one, or of a room the user is not in is misdirected.
 */
public final class UserStreamConnection implements WebSocket.Listener {

    /** What the scenario does with frames and with the end of the connection. */
    public interface Handler {
        void onFrame(UserStreamConnection connection, StreamFrame frame, long receivedNanos);

        /** The connection ended without this tool asking for it. */
        void onLost(UserStreamConnection connection, String why);
    }

    /**
     * The server closed the stream before its {@code connected} frame, after the {@code error} frame
     * it sent (if any): 1013 means the database was busy or down, and connecting again later may work.
     */
    public static final class ClosedBeforeConnected extends RuntimeException {

        private final int code;

        ClosedBeforeConnected(int code, String reason, String error) {
            super("closed " + code + (reason.isEmpty() ? "" : " " + reason) + " before connected"
                    + (error == null ? "" : " (error frame: " + error + ")"));
            this.code = code;
        }

        public boolean tryAgainLater() {
            return code == 1013;
        }
    }

    private final int user;
    private final Map<Long, DeliveryLedger.Receiver> receivers;
    private final DeliveryLedger.Receiver stranger;
    private final Handler handler;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final StringBuilder pieces = new StringBuilder();
    private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean closing;
    /** An error frame that came before {@code connected}: the reason for the close that follows. */
    private volatile String refusal;

    UserStreamConnection(int user, Iterable<Long> roomIds, Handler handler) {
        this.user = user;
        Map<Long, DeliveryLedger.Receiver> byRoom = new java.util.HashMap<>();
        for (long room : roomIds) {
            byRoom.put(room, new DeliveryLedger.Receiver(Long.toString(room)));
        }
        this.receivers = Map.copyOf(byRoom);
        // no room's messages are meant for it: whatever lands here is misdirected
        this.stranger = new DeliveryLedger.Receiver("not a room of user " + user);
        this.handler = handler;
    }

    /**
     * Opens {@code /ws/user} for user number {@code user}, a member of {@code roomIds}; the future
     * fails when the handshake is refused or times out.
     */
    public static CompletableFuture<UserStreamConnection> open(HttpClient client, URI baseUri, String token, int user,
                                                               Iterable<Long> roomIds, Handler handler,
                                                               Duration timeout) {
        UserStreamConnection connection = new UserStreamConnection(user, roomIds, handler);
        return client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri(baseUri, token), connection)
                .thenApply(ws -> {
                    connection.socket = ws;
                    return connection;
                });
    }

    static URI uri(URI base, String token) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + base.getRawAuthority() + prefix + "/ws/user?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The frame a client posts with into one of its rooms. */
    static String messageFrame(long roomId, String content, String clientId) {
        // content and client id carry no quotes, backslashes or control characters: no escaping needed
        return "{\"type\":\"message\",\"room_id\":" + roomId + ",\"content\":\"" + content + "\",\"client_id\":\""
                + clientId + "\"}";
    }

    public int user() {
        return user;
    }

    /**
     * Completes with the first frame ({@code connected}): from then on the server delivers every room's events here.
     * Fails with {@link ClosedBeforeConnected} when the server closes the stream before it.
     */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** This user's receiver for messages of {@code roomId}; one that counts everything as misdirected when not a member. */
    public DeliveryLedger.Receiver receiver(long roomId) {
        return receivers.getOrDefault(roomId, stranger);
    }

    public boolean isMemberOf(long roomId) {
        return receivers.containsKey(roomId);
    }

    /** Frames queued but not yet written. */
    public int backlog() {
        return backlog.get();
    }

    /**
     * Writes a text frame after those queued before it (the JDK refuses a second send while one is
     * in flight); {@code whenDone} gets null once it was written, or the failure.
     */
    public synchronized void send(String text, Consumer<Throwable> whenDone) {
        backlog.incrementAndGet();
        lastWrite = lastWrite.handle((previous, failure) -> null)
                .thenCompose(nothing -> socket.sendText(text, true))
                .whenComplete((ws, failure) -> {
                    backlog.decrementAndGet();
                    whenDone.accept(failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : failure);
                });
    }

    public CompletableFuture<?> close() {
        closing = true;
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "load test done").exceptionally(e -> {
            ws.abort();
            return ws;
        });
    }

    public void abort() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        pieces.append(data);
        if (last) {
            String text = pieces.toString();
            pieces.setLength(0);
            StreamFrame frame = StreamFrame.parse(text);
            if (!connected.isDone() && frame != null && "error".equals(frame.type())) {
                refusal = frame.frame().message(); // the close follows: told by connected() failing
                return null;
            }
            connected.complete(null);
            handler.onFrame(this, frame != null ? frame : new StreamFrame(new Frame("unparsable", text, null, -1), -1),
                    now);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!connected.isDone()) {
            connected.completeExceptionally(new ClosedBeforeConnected(statusCode, reason, refusal));
            return null;
        }
        if (!closing) {
            handler.onLost(this, "closed by server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (connected.completeExceptionally(error)) {
            return;
        }
        if (!closing) {
            handler.onLost(this, "connection error: " + error.getClass().getSimpleName());
        }
    }
}
