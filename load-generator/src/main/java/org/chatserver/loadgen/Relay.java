package org.chatserver.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference relay: the wire subset the {@code fanout} scenario uses and nothing else, on the
 * lowest-overhead footing the JDK offers, so that {@code fanout} can say how far our server is from
 * "just moving the bytes" on the same machine at the same moment.
 *
 * <p>Sign-up and log-in answer a token made of the user name; rooms are a name-to-id map; history is
 * always empty. No token is checked, and nothing is stored unless a {@link RelayStore} is given: then each
 * message is committed to it before it is acked or sent to anyone, and one that cannot be stored is answered
 * with an {@code error} frame instead. The WebSocket at {@code /ws/chat/{room}}
 * answers {@code connected}, then for each {@code message} frame an {@code ack} (with the client's
 * {@code client_id} and a message id increasing per room) to the sender and a {@code message} frame of
 * our server's shape to every other connection of the room, in id order.
 *
 * <p>How: plain NIO, a few selector threads ({@code threads}), HTTP/1.1 and RFC 6455 by hand. A message
 * is read from the sender's receive buffer in place (unmasked there, its content copied still escaped),
 * its broadcast frame built once and written to every member's socket from the thread that read it
 * (a socket write never blocks: what the kernel does not take waits in that member's buffer for its
 * own thread). Each room's ids and broadcasts are serialised by the room's lock.
 */
public final class Relay implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] MESSAGE_TYPE = FrameScan.ascii("message");
    private static final int MAX_FRAME = 1 << 20;
    private static final int MAX_BACKLOG = 16 << 20;
    private static final String TOKEN_PREFIX = "relay.";

    private final ServerSocketChannel server;
    private final Loop[] loops;
    private final ConcurrentHashMap<String, Room> roomsByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Room> roomsById = new ConcurrentHashMap<>();
    private final AtomicLong nextRoomId = new AtomicLong(1);
    private final AtomicInteger nextLoop = new AtomicInteger();
    /** Where messages are committed before they are acked; null: nowhere. */
    private final RelayStore store;

    private Relay(ServerSocketChannel server, int threads, RelayStore store) throws IOException {
        this.server = server;
        this.store = store;
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(i);
        }
        server.configureBlocking(false);
        server.register(loops[0].selector, SelectionKey.OP_ACCEPT, server);
        for (Loop loop : loops) {
            loop.thread.start();
        }
    }

    /** Starts listening on {@code host:port} (0: any free port) with {@code threads} selector threads. */
    public static Relay start(String host, int port, int threads) throws IOException {
        return start(host, port, threads, null);
    }

    /**
     * As {@link #start(String, int, int)}, committing every message to a new SQLite database at {@code store}
     * (which must not exist yet) before acking it; {@code store} null: storing nothing.
     */
    public static Relay start(String host, int port, int threads, Path store) throws IOException {
        RelayStore opened = store == null ? null : RelayStore.create(store);
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port), 4096);
            return new Relay(server, Math.max(1, threads), opened);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
    }

    /** Whether messages are committed to a store before they are acked. */
    public boolean stores() {
        return store != null;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Loop loop : loops) {
            loop.stop();
        }
        for (Loop loop : loops) {
            try {
                loop.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (store != null) {
            store.close();
        }
    }

    private Room room(String name) {
        return roomsByName.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> {
            Room room = new Room(nextRoomId.getAndIncrement(), name);
            roomsById.put(room.id, room);
            return room;
        });
    }

    /** A room: its members and the last message id it gave out. */
    private static final class Room {
        final long id;
        final String name;
        final byte[] idDigits;
        long lastMessageId;
        volatile Conn[] members = new Conn[0];

        Room(long id, String name) {
            this.id = id;
            this.name = name;
            this.idDigits = FrameScan.ascii(Long.toString(id));
        }

        synchronized void join(Conn c) {
            Conn[] now = Arrays.copyOf(members, members.length + 1);
            now[now.length - 1] = c;
            members = now;
        }

        synchronized void leave(Conn c) {
            Conn[] now = members;
            for (int i = 0; i < now.length; i++) {
                if (now[i] == c) {
                    Conn[] less = new Conn[now.length - 1];
                    System.arraycopy(now, 0, less, 0, i);
                    System.arraycopy(now, i + 1, less, i, now.length - i - 1);
                    members = less;
                    return;
                }
            }
        }
    }

    /** One selector thread and what it owns: its connections, a frame scanner and a scratch buffer. */
    private final class Loop extends NioLoop {
        final FrameScan scan = new FrameScan();
        final WsCodec.Header header = new WsCodec.Header();
        byte[] scratch = new byte[64 * 1024];
        long timestampSecond = -1;
        byte[] timestamp;

        Loop(int index) throws IOException {
            super("relay-" + index);
        }

        byte[] timestamp() {
            long now = System.currentTimeMillis() / 1000;
            if (now != timestampSecond) {
                timestampSecond = now;
                timestamp = FrameScan.ascii(Instant.ofEpochSecond(now).toString());
            }
            return timestamp;
        }

        byte[] scratch(int size) {
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, scratch.length * 2)];
            }
            return scratch;
        }

        /** The listening socket (registered with the first loop): hands new connections out in turn. */
        @Override
        void other(SelectionKey key) throws IOException {
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Loop to = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
                to.adopt(new Conn(channel, to));
            }
        }
    }

    /** One client connection: HTTP requests until it upgrades, WebSocket frames after. */
    private final class Conn extends NioLoop.Endpoint {
        final Loop loop;
        final NioLoop.Fragments fragments = new NioLoop.Fragments();
        byte[] in = new byte[4096];
        ByteBuffer inBuffer = ByteBuffer.wrap(in);
        int inLength;
        Room room;
        byte[] sender;
        volatile boolean closed;

        Conn(SocketChannel channel, Loop loop) {
            // a reader this slow is dropped, as a server drops a slow reader
            super(channel, loop, MAX_BACKLOG);
            this.loop = loop;
        }

        @Override
        void drop() {
            close();
        }

        @Override
        void readable() {
            read();
        }

        void read() {
            int n;
            try {
                inBuffer.limit(in.length).position(inLength);
                n = channel.read(inBuffer);
            } catch (IOException e) {
                close();
                return;
            }
            if (n < 0) {
                close();
                return;
            }
            inLength += n;
            int used = room == null ? http() : frames();
            if (used < 0) {
                close();
                return;
            }
            if (used > 0) {
                System.arraycopy(in, used, in, 0, inLength - used);
                inLength -= used;
            }
            if (inLength == in.length) {
                if (in.length >= MAX_FRAME + 16) {
                    close();
                    return;
                }
                in = Arrays.copyOf(in, in.length * 2);
                inBuffer = ByteBuffer.wrap(in);
            }
        }

        /** Handles whole HTTP requests in the buffer; returns the bytes used, or -1 to drop the connection. */
        int http() {
            int at = 0;
            while (room == null) {
                int headEnd = WsCodec.headEnd(in, at, inLength);
                if (headEnd < 0) {
                    return inLength - at > 16 * 1024 ? -1 : at;
                }
                String head = new String(in, at, headEnd - at, StandardCharsets.ISO_8859_1);
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                if (requestLine.length < 3) {
                    return -1;
                }
                int contentLength = 0;
                String upgrade = null;
                String wsKey = null;
                String authorization = null;
                boolean keepAlive = true;
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = lines[i].substring(colon + 1).strip();
                    switch (name) {
                        case "content-length" -> contentLength = value.matches("\\d{1,9}") ? Integer.parseInt(value) : -1;
                        case "upgrade" -> upgrade = value;
                        case "sec-websocket-key" -> wsKey = value;
                        case "authorization" -> authorization = value;
                        case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                        default -> {
                        }
                    }
                }
                int bodyStart = headEnd + 4;
                if (contentLength < 0 || contentLength > MAX_FRAME) {
                    answer(400, "{\"detail\":\"Content-Length must be a number up to " + MAX_FRAME + "\"}", false);
                    return -1;
                }
                if (inLength - bodyStart < contentLength) {
                    return at;
                }
                String body = new String(in, bodyStart, contentLength, StandardCharsets.UTF_8);
                at = bodyStart + contentLength;
                String target = requestLine[1];
                int q = target.indexOf('?');
                String path = q < 0 ? target : target.substring(0, q);
                String query = q < 0 ? "" : target.substring(q + 1);
                if (path.startsWith("/ws/chat/") && "websocket".equalsIgnoreCase(upgrade)) {
                    if (wsKey == null) {
                        answer(400, "{\"detail\":\"Sec-WebSocket-Key is required\"}", false);
                        return -1;
                    }
                    upgrade(decode(path.substring("/ws/chat/".length())), token(authorization, query), wsKey);
                    if (room == null) {
                        return -1;
                    }
                    int rest = frames(at);
                    return rest;
                }
                rest(requestLine[0], path, body, keepAlive);
                if (!keepAlive) {
                    return -1;
                }
            }
            return at;
        }

        private void rest(String method, String path, String body, boolean keepAlive) {
            String route = method + " " + path;
            switch (route) {
                case "POST /api/auth/signup", "POST /api/auth/login", "POST /api/auth/web/signup",
                     "POST /api/auth/web/login" -> {
                    String user = field(body, "username");
                    if (user == null) {
                        answer(422, "{\"detail\":\"username is required\"}", keepAlive);
                    } else {
                        answer(200, "{\"message\":\"User registered successfully\",\"access_token\":\"" + TOKEN_PREFIX
                                + jsonSafe(user) + "\",\"refresh_token\":\"relay\",\"token_type\":\"bearer\","
                                + "\"expires_in\":86400}", keepAlive);
                    }
                }
                case "POST /api/rooms" -> {
                    String name = field(body, "name");
                    if (name == null || name.isBlank()) {
                        answer(422, "{\"detail\":\"name is required\"}", keepAlive);
                    } else {
                        Room r = room(name.strip());
                        answer(200, roomJson(r), keepAlive);
                    }
                }
                case "GET /api/rooms" -> {
                    List<String> items = new ArrayList<>();
                    roomsById.values().forEach(r -> items.add(roomJson(r)));
                    answer(200, "[" + String.join(",", items) + "]", keepAlive);
                }
                case "GET /health" -> answer(200, "{\"status\":\"UP\"}", keepAlive);
                default -> {
                    if (method.equals("GET") && path.startsWith("/api/messages/")) {
                        answer(200, "[]", keepAlive);
                    } else {
                        answer(404, "{\"detail\":\"Not Found\"}", keepAlive);
                    }
                }
            }
        }

        private void upgrade(String roomRef, String token, String wsKey) {
            Room r;
            if (!roomRef.isEmpty() && roomRef.chars().allMatch(Character::isDigit)) {
                r = roomsById.get(Long.parseLong(roomRef));
            } else {
                r = roomRef.isBlank() ? null : room(roomRef);
            }
            if (r == null) {
                answer(403, "{\"detail\":\"Room not found\"}", false);
                return;
            }
            String user = token != null && token.startsWith(TOKEN_PREFIX) ? token.substring(TOKEN_PREFIX.length())
                    : "anonymous";
            sender = FrameScan.ascii(jsonSafe(user));
            send(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + WsCodec.acceptKey(wsKey) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sendText(FrameScan.ascii("{\"type\":\"connected\",\"room_id\":" + r.id + ",\"room_name\":\""
                    + jsonSafe(r.name) + "\",\"message\":\"Connected to " + jsonSafe(r.name) + "\",\"timestamp\":\""
                    + new String(loop.timestamp(), StandardCharsets.US_ASCII) + "\"}"));
            room = r;
            r.join(this);
        }

        private int frames() {
            return frames(0);
        }

        /** Handles whole frames from {@code at}; returns the bytes used, or -1 to drop the connection. */
        private int frames(int at) {
            WsCodec.Header h = loop.header;
            while (h.parse(in, at, inLength)) {
                if (!h.masked || h.payloadLength > MAX_FRAME) {
                    closeWith(1002);
                    return -1;
                }
                int start = h.payloadStart;
                int end = h.payloadEnd();
                WsCodec.mask(in, start, end, h.mask);
                switch (h.opcode) {
                    case WsCodec.TEXT, WsCodec.BINARY -> {
                        if (h.fin) {
                            onMessage(in, start, end);
                        } else {
                            fragments.start();
                            fragments.append(in, start, end);
                        }
                    }
                    case WsCodec.CONTINUATION -> {
                        if (!fragments.open) {
                            closeWith(1002);
                            return -1;
                        }
                        fragments.append(in, start, end);
                        if (h.fin) {
                            fragments.open = false;
                            onMessage(fragments.bytes, 0, fragments.length);
                        }
                    }
                    case WsCodec.PING -> sendFrame(WsCodec.PONG, in, start, end);
                    case WsCodec.CLOSE -> {
                        sendFrame(WsCodec.CLOSE, in, start, Math.min(end, start + 2));
                        return -1;
                    }
                    default -> {
                        // pong and reserved opcodes: nothing to do
                    }
                }
                at = end;
            }
            if (h.payloadLength > MAX_FRAME) {
                closeWith(1009);
                return -1;
            }
            return at;
        }

        private void onMessage(byte[] b, int start, int end) {
            FrameScan scan = loop.scan;
            if (!scan.scan(b, start, end) || !scan.hasType()) {
                sendError("Invalid JSON");
                return;
            }
            if (!scan.typeIs(MESSAGE_TYPE)) {
                return;
            }
            int contentStart = scan.contentStart();
            if (contentStart < 0 || contentStart == scan.contentEnd()) {
                sendError("a message needs content or a file");
                return;
            }
            post(b, contentStart, scan.contentEnd(), scan.clientIdStart(), scan.clientIdEnd());
        }

        /**
         * Gives the message its id, commits it to the store (if any), acks it to this connection and sends it to
         * every other member, in id order.
         */
        private void post(byte[] b, int contentStart, int contentEnd, int clientIdStart, int clientIdEnd) {
            Room r = room;
            byte[] timestamp = loop.timestamp();
            synchronized (r) {
                long id = r.lastMessageId + 1;
                if (store != null) {
                    try {
                        store.append(r.id, id, sender, b, contentStart, contentEnd, timestamp);
                    } catch (SQLException e) {
                        sendError("not stored: " + e.getMessage());
                        return;
                    }
                }
                r.lastMessageId = id;
                Out out = new Out(loop.scratch(256 + (contentEnd - contentStart) + sender.length));
                out.ascii("{\"type\":\"ack\",\"message_id\":").number(id);
                if (clientIdStart >= 0) {
                    out.ascii(",\"client_id\":\"").bytes(b, clientIdStart, clientIdEnd).ascii("\"");
                }
                out.ascii(",\"room_id\":").bytes(r.idDigits).ascii(",\"timestamp\":\"").bytes(timestamp).ascii("\"}");
                sendText(out.buffer, Out.START, out.length);
                out.reset();
                out.ascii("{\"type\":\"message\",\"message_id\":").number(id).ascii(",\"room_id\":").bytes(r.idDigits)
                        .ascii(",\"sender\":\"").bytes(sender).ascii("\",\"message\":\"").bytes(b, contentStart, contentEnd)
                        .ascii("\",\"message_type\":\"text\",\"file_url\":null,\"file_name\":null,\"file_size\":null,"
                                + "\"mime_type\":null,\"timestamp\":\"").bytes(timestamp)
                        .ascii("\",\"reactions\":[],\"user_reaction\":null,\"edited_at\":null,\"deleted\":false,"
                                + "\"reply_to\":null,\"reply_count\":0,\"mentions\":[],\"cursor\":\"c").number(id)
                        .ascii("\"}");
                byte[] frame = out.frame();
                for (Conn member : r.members) {
                    if (member != this) {
                        member.send(frame);
                    }
                }
            }
        }

        /** An {@code error} frame of our server's shape, {@code message} made safe for JSON. */
        private void sendError(String message) {
            sendText(("{\"type\":\"error\",\"message\":\"" + jsonSafe(message) + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        private void sendText(byte[] payload) {
            sendFrame(WsCodec.TEXT, payload, 0, payload.length);
        }

        private void sendText(byte[] b, int start, int end) {
            sendFrame(WsCodec.TEXT, b, start, end);
        }

        private void sendFrame(int opcode, byte[] b, int start, int end) {
            send(WsCodec.frame(opcode, b, start, end, false));
        }

        private void closeWith(int status) {
            sendFrame(WsCodec.CLOSE, new byte[] {(byte) (status >>> 8), (byte) status}, 0, 2);
        }

        private void answer(int status, String json, boolean keepAlive) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String reason = switch (status) {
                case 200 -> "OK";
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                default -> "Unprocessable Entity";
            };
            byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + (keepAlive ? "" : "\r\nConnection: close") + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            send(all);
        }

        /** Writes at once what the socket takes; the rest waits in this connection's backlog for its own thread. */
        void send(byte[] bytes) {
            if (!closed && !writer.write(bytes)) {
                if (Thread.currentThread() == loop.thread) {
                    close();
                } else {
                    // the owning thread finds the writer failed when it next looks and closes the connection
                    try {
                        key.interestOpsOr(SelectionKey.OP_WRITE);
                        loop.selector.wakeup();
                    } catch (java.nio.channels.CancelledKeyException e) {
                        // already closed
                    }
                }
            }
        }

        void close() {
            closed = true;
            writer.fail();
            if (room != null) {
                room.leave(this);
            }
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** Builds a server frame in a scratch array, leaving room in front for its header. */
    private static final class Out {
        static final int START = 10;
        final byte[] buffer;
        int length = START;

        Out(byte[] buffer) {
            this.buffer = buffer;
        }

        void reset() {
            length = START;
        }

        Out ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        Out bytes(byte[] b) {
            return bytes(b, 0, b.length);
        }

        Out bytes(byte[] b, int from, int to) {
            System.arraycopy(b, from, buffer, length, to - from);
            length += to - from;
            return this;
        }

        Out number(long value) {
            if (value == 0) {
                buffer[length++] = '0';
                return this;
            }
            int digits = 0;
            for (long v = value; v > 0; v /= 10) {
                digits++;
            }
            for (int i = length + digits - 1; i >= length; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        /** The whole frame, header and payload, in an array of its own that every recipient shares. */
        byte[] frame() {
            int payload = length - START;
            byte[] frame = new byte[WsCodec.headerLength(payload, false) + payload];
            int at = WsCodec.writeHeader(frame, 0, WsCodec.TEXT, payload, 0, false);
            System.arraycopy(buffer, START, frame, at, payload);
            return frame;
        }
    }

    private static String field(String body, String name) {
        try {
            JsonNode node = JSON.readTree(body).get(name);
            return node != null && node.isString() ? node.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String token(String authorization, String query) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return decode(pair.substring(6));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Keeps names and tokens to characters that need no JSON escaping. */
    private static String jsonSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || c == '"' || c == '\\' ? '_' : c));
        return safe.toString();
    }

    private static String roomJson(Room r) {
        return "{\"id\":" + r.id + ",\"name\":\"" + jsonSafe(r.name) + "\",\"is_private\":false}";
    }
}
