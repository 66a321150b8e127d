package org.chatserver.adapter.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.adapter.wire.Outage;
import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.adapter.wire.WireValues;
import java.util.concurrent.TimeoutException;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase.Authenticated;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.application.port.in.room.WatchUserUseCase;
import org.chatserver.application.port.in.user.TrackPresenceUseCase;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The chat protocol on {@code /ws/chat/{room}} and {@code /ws/user}: the handshake has already
 * established who is connecting and to which room, or that it is the stream of all their rooms
 * ({@link ChatHandshakeInterceptor}); this turns client frames into use-case calls. Both kinds share
 * every limit (one count of connections per user, flood limit, queues, token renewal, session end);
 * on a user stream each frame about a room names it with {@code room_id}. Frames are counted against the flood limit as they arrive, on the container's
 * thread, and processed in order on the connection's own worker, so the container keeps reading
 * while a post waits for the database.
 */
final class ChatWebSocketHandler extends AbstractWebSocketHandler {

    static final String SERVER_FAULT = "The server could not process this frame";
    static final String FLOODING = "Too many messages: slow down";
    static final String BUSY = "Too many frames waiting: send it again shortly";
    static final String SHUTTING_DOWN = "The server is shutting down: send it again after reconnecting";
    /** 1013: the room (or the user's rooms) could not be read for an outage; connecting again later may work. */
    static final CloseStatus TRY_AGAIN_LATER = CloseStatus.SERVICE_OVERLOAD.withReason("Try again later");

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final String CONNECTION = ChatWebSocketHandler.class.getName() + ".connection";
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Duration SHORTEST_TICK = Duration.ofMillis(50);
    private static final Duration FAULT_LOG_INTERVAL = Duration.ofMinutes(1);

    private final WatchRoomUseCase watchRoom;
    private final WatchUserUseCase watchUser;
    private final ReactUseCase react;
    private final EditMessageUseCase edit;
    private final DeleteMessageUseCase delete;
    private final TrackPresenceUseCase presence;
    private final SessionLifetimeUseCase lifetimes;
    private final WebSocketProperties limits;
    private final Clock clock;
    private final Ticker ticker;
    private final Connections connections;
    private final SessionGuard sessions;
    private final RateLimitedLog faults;
    private final RateLimitedLog outages;
    private final ScheduledExecutorService timer;
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesRefused = new LongAdder();
    private volatile boolean shuttingDown;

    ChatWebSocketHandler(WatchRoomUseCase watchRoom, WatchUserUseCase watchUser, ReactUseCase react,
                         EditMessageUseCase edit, DeleteMessageUseCase delete, TrackPresenceUseCase presence,
                         SessionLifetimeUseCase lifetimes, WebSocketProperties limits, Clock clock, Ticker ticker) {
        this.watchRoom = watchRoom;
        this.watchUser = watchUser;
        this.react = react;
        this.edit = edit;
        this.delete = delete;
        this.presence = presence;
        this.lifetimes = lifetimes;
        this.limits = limits;
        this.clock = clock;
        this.ticker = ticker;
        this.connections = new Connections(limits.maxConnectionsPerUser());
        this.sessions = new SessionGuard(lifetimes, connections, limits, ticker);
        this.faults = new RateLimitedLog(log, FAULT_LOG_INTERVAL, ticker);
        this.outages = new RateLimitedLog(log, FAULT_LOG_INTERVAL, ticker);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("ws-upkeep").daemon(true).factory());
        long tick = tickNanos(limits);
        timer.scheduleAtFixedRate(this::upkeep, tick, tick, TimeUnit.NANOSECONDS);
    }

    private static long tickNanos(WebSocketProperties limits) {
        Duration shortest = List.of(limits.pingInterval(), limits.idleTimeout(), limits.sendTimeout()).stream()
                .min(Duration::compareTo).orElseThrow().dividedBy(2);
        return (shortest.compareTo(SHORTEST_TICK) < 0 ? SHORTEST_TICK : shortest).toNanos();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        // taken out, not looked up: the session keeps its attributes as long as it is open, the connection
        // keeps what it needs, and the positions to resume from are needed only now
        Map<String, Object> attributes = session.getAttributes();
        AuthenticatedUser caller = (AuthenticatedUser) attributes.remove(ChatHandshakeInterceptor.CALLER);
        Instant expiresAt = (Instant) attributes.remove(ChatHandshakeInterceptor.EXPIRES_AT);
        Room room = (Room) attributes.remove(ChatHandshakeInterceptor.ROOM);
        HistoryPosition since = (HistoryPosition) attributes.remove(ChatHandshakeInterceptor.SINCE);
        @SuppressWarnings("unchecked")
        Map<RoomId, HistoryPosition> positions =
                (Map<RoomId, HistoryPosition>) attributes.remove(ChatHandshakeInterceptor.STREAM_SINCE);
        // globally unique: with cross-node fan-out, origins from every node meet in one room
        Connection connection = new Connection(UUID.randomUUID().toString(), session, caller, expiresAt, room, limits,
                ticker, this::process, framesSent);
        attributes.put(CONNECTION, connection);
        limitBlockingWrites(session);
        if (shuttingDown) {
            refuse(connection, Connection.SHUTTING_DOWN);
            return;
        }
        if (!connections.add(connection)) {
            connection.send(OutboundFrames.error("Too many connections: at most " + limits.maxConnectionsPerUser()
                    + " per user"));
            refuse(connection, Connection.TOO_MANY);
            return;
        }
        try {
            if (room == null) {
                connection.unreadFrames(new UnreadFrames(limits.unreadInterval(),
                        this::later, connection::send));
                // "connected", with the rooms, is the stream's first frame
                connection.streaming(watchUser.watch(caller, positions, connection.id(), connection),
                        cause -> faults.error("WebSocket connection " + connection.id()
                                + ": could not follow the user's rooms; closing it", cause));
            } else {
                connection.send(OutboundFrames.connected(room, clock.instant()));
                connection.watching(watchRoom.watch(caller, room.id(), since, connection.id(), connection));
            }
        } catch (UseCaseException | RuleViolation | InvalidValueException e) {
            connection.send(OutboundFrames.error(WireErrors.message(e)));
            refuse(connection, CloseStatus.POLICY_VIOLATION.withReason(WireErrors.message(e)));
            return;
        } catch (RuntimeException e) {
            String what = "WebSocket connection " + connection.id() + ": could not watch "
                    + (room == null ? "the user's rooms" : "the room");
            Optional<Outage> outage = Outage.of(e);
            if (outage.isPresent()) {
                // a store that is down or swamped (a reconnect storm, say) is no bug: the client is to come back
                outages.warn(what + "; closed it with 1013", outage.get().cause());
                connection.send(OutboundFrames.error(outage.get().detail()));
                refuse(connection, TRY_AGAIN_LATER);
                return;
            }
            faults.error(what, e);
            connection.send(OutboundFrames.error(SERVER_FAULT));
            refuse(connection, CloseStatus.SERVER_ERROR);
            return;
        }
        presence.connected(caller, connection.id());
        // only now may the client see "connected": anything it posts or hears of after that is
        // already covered by the subscription, so nothing falls between replay and live
        connection.outbound().startWriter();
        log.debug("WebSocket connection {}: {} joined {}", connection.id(), caller.username(),
                room == null ? "their rooms" : "room " + room.id().value());
    }

    /** Closes a connection that is not to be served; whatever it sends meanwhile is ignored. */
    private void refuse(Connection connection, CloseStatus status) {
        connections.remove(connection);
        connection.inbound().drain();
        connection.closeAfterQueued(status);
        connection.outbound().startWriter();
    }

    /**
     * A write to a client that stopped reading blocks until Tomcat gives up (20 s by default);
     * bound it by our send timeout so the writer, and with it a close, is freed in time.
     */
    private void limitBlockingWrites(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, limits.sendTimeout().toMillis());
        }
    }

    /**
     * Messages arrive in parts no larger than the container's small read buffers and are put
     * together by the connection's {@link FrameAssembler}.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return;
        }
        String text = connection.frames().text(message.getPayload(), message.isLast());
        if (text != null) {
            arrived(connection, new Connection.Inbound(text, null));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return;
        }
        byte[] bytes = connection.frames().binary(message.getPayload(), message.isLast());
        if (bytes == null) {
            return;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            arrived(connection, new Connection.Inbound(text, null));
        } catch (CharacterCodingException e) {
            arrived(connection, new Connection.Inbound(null, "Binary frames must carry UTF-8 JSON"));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connectionOf(session);
        if (connection != null) {
            connection.heard(ticker.nanoTime());
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Connection connection = connectionOf(session);
        log.debug("WebSocket connection {}: transport error {}", connection == null ? "?" : connection.id(),
                exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return;
        }
        // before the watch announces the leave: whoever hears of it may connect again at once
        connections.remove(connection);
        presence.disconnected(connection.id());
        connection.outbound().disposed();
        // frames received before the close are still processed (a message sent just before closing
        // is stored); then the room hears that the user left, after whatever those frames did
        connection.inbound().drain().whenComplete((done, failure) -> connection.stopWatching());
        log.debug("WebSocket connection {}: closed with {}", connection.id(), status.getCode());
    }

    private static Connection connectionOf(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }

    // ---- on arrival (the container's receiving thread) ----

    private void arrived(Connection connection, Connection.Inbound frame) {
        switch (connection.arrived(ticker.nanoTime())) {
            case ADMIT -> {
            }
            case REFUSE -> {
                framesRefused.increment();
                connection.send(refusal(frame, FLOODING));
                return;
            }
            case CLOSE -> {
                framesRefused.increment();
                connection.closeAfterQueued(Connection.FLOODING);
                return;
            }
        }
        switch (connection.inbound().offer(frame)) {
            case QUEUED -> {
            }
            case FULL -> connection.send(refusal(frame, BUSY));
            case CLOSED -> connection.send(refusal(frame, SHUTTING_DOWN));
        }
    }

    private static String refusal(Connection.Inbound frame, String message) {
        return OutboundFrames.error(message, frame.text() == null ? InboundFrame.Echo.NONE
                : InboundFrame.peekEcho(frame.text()));
    }

    // ---- processing (the connection's worker, one frame at a time in order of arrival) ----

    private void process(Connection connection, Connection.Inbound received) {
        connection.nextFrame();
        if (received.refusal() != null) {
            connection.send(OutboundFrames.error(received.refusal()));
            return;
        }
        InboundFrame.Echo echo = InboundFrame.Echo.NONE;
        try {
            InboundFrame frame = InboundFrame.parse(received.text());
            echo = frame.echo();
            String type = frame.type();
            if (!"presence".equals(type)) {
                presence.heard(connection.id());
            }
            switch (type) {
                case "message" -> post(connection, frame);
                case "typing" -> typing(connection, frame, TypingKind.TYPING);
                case "typing_start" -> typing(connection, frame, TypingKind.TYPING_START);
                case "typing_stop" -> typing(connection, frame, TypingKind.TYPING_STOP);
                case "reaction" -> react(connection, frame);
                case "edit" -> edit(connection, frame);
                case "delete" -> delete(connection, frame);
                case "auth" -> renew(connection, frame);
                case "presence" -> declare(connection, frame);
                default -> connection.send(OutboundFrames.error("Unknown message type: "
                        + InboundFrame.quotable(type), echo));
            }
        } catch (UseCaseException | RuleViolation | InvalidValueException e) {
            connection.send(OutboundFrames.error(WireErrors.message(e), echo));
        } catch (ServerFaultAgain e) {
            connection.send(OutboundFrames.error(connection.faultAnswer(), echo));
        } catch (RuntimeException e) {
            Optional<Outage> outage = Outage.of(e);
            String answer = outage.map(Outage::detail).orElse(SERVER_FAULT);
            connection.faulted(answer);
            if (outage.isPresent()) {
                // a store that is down is no bug: a warning without a stack trace, as REST's 503s are logged
                outages.warn("WebSocket connection " + connection.id() + ": a frame failed", outage.get().cause());
            } else {
                faults.error("WebSocket connection " + connection.id() + ": a frame failed", e);
            }
            connection.send(OutboundFrames.error(answer, echo));
        }
    }

    /**
     * Behind a frame that failed for a server reason (the database is down, say), the frames
     * already waiting that need the store fail at once, each with its own ids, instead of each
     * waiting out the same timeout. A frame that arrived after the failure (a client resending on
     * the error) is tried again.
     */
    private static void failFastAfterAFault(Connection connection) {
        if (connection.behindAFault()) {
            throw new ServerFaultAgain();
        }
    }

    private void post(Connection connection, InboundFrame frame) {
        String content = frame.string("content");
        String fileUrl = frame.string("file_url");
        String fileName = frame.string("file_name");
        // the size and type a client claims are checked for form and ignored: the upload's record decides
        Long claimedSize = frame.integer("file_size");
        String claimedType = frame.string("mime_type");
        InboundFrame attachment = frame.object("attachment");
        Long attachmentSize = null;
        String attachmentType = null;
        if (fileUrl == null && attachment != null) {
            // the iOS app's shape for the same fields
            fileUrl = attachment.string("url");
            fileName = attachment.string("filename");
            attachmentSize = attachment.integer("size");
            attachmentType = attachment.string("mime_type");
        }
        String rawClientId = frame.stringOrInteger("client_id");
        String declaredType = frame.string("message_type");
        // read in the order the server always checked them, so a frame with several faults gets the same error
        ClientId clientId = rawClientId == null ? null : new ClientId(rawClientId);
        AttachmentRef file = fileUrl == null ? null : FileUrls.parse(fileUrl, fileName);
        Attachment.checkClaims(claimedSize, claimedType);
        Attachment.checkClaims(attachmentSize, attachmentType);
        MessageText text = new MessageText(content);
        Long replyTo = frame.integer("reply_to");
        RoomId room = roomOf(connection, frame);
        PostMessageCommand command = new PostMessageCommand(room, text,
                WireValues.messageType(declaredType), file, clientId,
                replyTo == null ? null : MessageId.of("reply_to", replyTo), connection.id());
        failFastAfterAFault(connection);
        // the watch acknowledges it to this connection and keeps it from being echoed back
        if (connection.stream() != null) {
            connection.stream().post(command);
        } else {
            connection.watch().post(command);
        }
    }

    private static void typing(Connection connection, InboundFrame frame, TypingKind kind) {
        if (connection.stream() != null) {
            connection.stream().typing(roomOf(connection, frame), kind);
        } else {
            connection.watch().typing(kind);
        }
    }

    /**
     * The room a frame is about: the connection's own on {@code /ws/chat/{room}}; on {@code /ws/user}
     * its {@code room_id}, one of the user's rooms (else an error frame, as REST answers the user there:
     * banned from it, or room not found).
     */
    private static RoomId roomOf(Connection connection, InboundFrame frame) {
        if (connection.room() != null) {
            return connection.room().id();
        }
        Long id = frame.integer("room_id");
        if (id == null) {
            throw new InvalidValueException("room_id", "room_id is required");
        }
        if (id <= 0) {
            throw new NotFoundException(Room.NOT_FOUND);
        }
        RoomId room = new RoomId(id);
        connection.stream().checkCarries(room);
        return room;
    }

    /** The author's new text; the whole room, this connection too, gets {@code message_edited}. */
    private void edit(Connection connection, InboundFrame frame) {
        RoomId room = roomOf(connection, frame);
        MessageId message = requiredMessageId(frame);
        String content = frame.string("content");
        if (content == null) {
            throw new InvalidValueException("content", "content is required");
        }
        MessageText text = new MessageText(content);
        failFastAfterAFault(connection);
        edit.edit(connection.caller(), new EditMessageCommand(room, message, text, connection.id()));
    }

    /** The whole room, this connection too, gets {@code message_deleted}. */
    private void delete(Connection connection, InboundFrame frame) {
        RoomId room = roomOf(connection, frame);
        MessageId message = requiredMessageId(frame);
        failFastAfterAFault(connection);
        delete.delete(connection.caller(), new DeleteMessageCommand(room, message, connection.id()));
    }

    private static MessageId requiredMessageId(InboundFrame frame) {
        Long id = frame.integer("message_id");
        if (id == null) {
            throw new InvalidValueException("message_id", "message_id is required");
        }
        return new MessageId(id);
    }

    private void react(Connection connection, InboundFrame frame) {
        // the connection's room, or on a user stream the frame's (one of the user's): the message must be there
        RoomId room = roomOf(connection, frame);
        MessageId message = requiredMessageId(frame);
        String action = frame.string("action");
        switch (action == null ? "add" : action.strip().toLowerCase(Locale.ROOT)) {
            case "add" -> {
                String type = frame.string("reaction_type");
                if (type == null) {
                    throw new InvalidValueException("reaction_type", "reaction_type is required");
                }
                failFastAfterAFault(connection);
                react.add(connection.caller(), new AddReaction(room, message, WireValues.reaction(type),
                        connection.id()));
            }
            case "remove" -> {
                // with a type, only that one is taken back (another the user has is kept); without, whichever
                String type = frame.string("reaction_type");
                ReactionType only = type == null ? null : WireValues.reaction(type);
                failFastAfterAFault(connection);
                react.remove(connection.caller(), new RemoveReaction(room, message, only, connection.id()));
            }
            default -> throw new InvalidValueException("action", "action must be add or remove");
        }
    }

    /** The client says whether its user is away or back; nothing is sent back. */
    private void declare(Connection connection, InboundFrame frame) {
        String status = frame.string("status");
        switch (status == null ? "" : status.strip().toLowerCase(Locale.ROOT)) {
            case "away" -> presence.declared(connection.id(), true);
            case "online" -> presence.declared(connection.id(), false);
            default -> throw new InvalidValueException("status", "status must be away or online");
        }
    }

    /** A fresh access token of the same user keeps the connection open past the old one's expiry. */
    private void renew(Connection connection, InboundFrame frame) {
        String token = frame.string("token");
        if (token == null || token.isBlank()) {
            throw new InvalidValueException("token", "token is required");
        }
        Authenticated renewed = lifetimes.authenticate(token);
        if (!renewed.caller().userId().equals(connection.caller().userId())) {
            throw new InvalidValueException("token", "token must be one of the connected user");
        }
        connection.renewed(renewed.caller(), renewed.expiresAt());
        connection.send(OutboundFrames.authenticated(renewed.expiresAt()));
    }

    // ---- upkeep and shutdown ----

    private void upkeep() {
        long now = ticker.nanoTime();
        Instant wallNow = clock.instant();
        for (Connection connection : connections.all()) {
            try {
                connection.tick(now, wallNow);
            } catch (RuntimeException e) {
                log.warn("WebSocket connection {}: upkeep failed", connection.id(), e);
            }
        }
        sessions.tick(now);
    }

    /**
     * Closes every connection with 1001 once the posts already received are done: first nothing
     * more is taken, then what waits is processed (its messages reach the room's other connections
     * here too), then each connection is closed after what it is still to be sent. Bounded by
     * {@code shutdown-grace} for the posts and {@code send-timeout} for the writes.
     */
    CompletableFuture<Void> shutDown() {
        shuttingDown = true;
        // every frame that arrives from now on is refused at once, before this returns
        List<Connection> open = List.copyOf(connections.all());
        List<CompletableFuture<Void>> drained = open.stream().map(c -> c.inbound().drain()).toList();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("ws-shutdown").start(() -> {
            try {
                await(drained, limits.shutdownGrace());
                open.forEach(c -> c.closeAfterQueued(Connection.SHUTTING_DOWN));
                await(open.stream().map(c -> c.outbound().finished()).toList(), limits.sendTimeout());
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private static void await(List<CompletableFuture<Void>> all, Duration atMost) {
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("WebSocket shutdown went on after {}: {}", atMost, e.toString());
        }
    }

    /** Takes new connections again after {@link #shutDown} (a stopped lifecycle started again). */
    void takeConnections() {
        shuttingDown = false;
    }

    /** Frames received from the user's connections on this node and not yet processed. */
    int framesWaiting(UserId user) {
        return connections.all().stream().filter(c -> c.caller().userId().equals(user))
                .mapToInt(c -> c.inbound().waiting()).sum();
    }

    /** How many of the user's connections on this node write text frames as the bytes encoded once per frame. */
    long writingEncodedText(UserId user) {
        return connections.all().stream().filter(c -> c.caller().userId().equals(user))
                .filter(c -> c.outbound().writesEncodedText()).count();
    }

    void destroy() {
        timer.shutdownNow();
    }

    /** Runs {@code task} after {@code delay}; nothing once the server is stopping (its connections close). */
    private void later(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            if (!timer.isShutdown()) {
                throw stopping;
            }
        }
    }

    /** The connections open on this node now. */
    int openConnections() {
        return connections.count();
    }

    /** Text frames the clients' sockets took so far, and inbound frames refused for flooding. */
    WebSocketTraffic traffic() {
        return new WebSocketTraffic() {
            @Override
            public long framesSent() {
                return framesSent.sum();
            }

            @Override
            public long framesRefused() {
                return framesRefused.sum();
            }
        };
    }

    /** A frame refused because the one before it failed for a server reason. */
    private static final class ServerFaultAgain extends RuntimeException {

        ServerFaultAgain() {
            super("an earlier frame of the connection failed for a server reason", null, false, false);
        }
    }
}
