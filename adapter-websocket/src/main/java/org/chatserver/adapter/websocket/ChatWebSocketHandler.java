package org.chatserver.adapter.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RuleViolation;
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
 * The chat protocol on {@code /ws/chat/{room}}: the handshake has already established who is
 * connecting and to which room ({@link ChatHandshakeInterceptor}); this turns client frames into
 * use-case calls and room events into frames.
 */
final class ChatWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final String CONNECTION = ChatWebSocketHandler.class.getName() + ".connection";
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Duration SHORTEST_TICK = Duration.ofMillis(50);

    private final WatchRoomUseCase watchRoom;
    private final PostMessageUseCase postMessage;
    private final ReactUseCase react;
    private final WebSocketProperties limits;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ChatWebSocketHandler(WatchRoomUseCase watchRoom, PostMessageUseCase postMessage, ReactUseCase react,
                         WebSocketProperties limits, Clock clock) {
        this.watchRoom = watchRoom;
        this.postMessage = postMessage;
        this.react = react;
        this.limits = limits;
        this.clock = clock;
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
        AuthenticatedUser caller = (AuthenticatedUser) session.getAttributes().get(ChatHandshakeInterceptor.CALLER);
        Room room = (Room) session.getAttributes().get(ChatHandshakeInterceptor.ROOM);
        MessageId since = (MessageId) session.getAttributes().get(ChatHandshakeInterceptor.SINCE);
        // globally unique: with cross-node fan-out, origins from every node meet in one room
        Connection connection = new Connection(UUID.randomUUID().toString(), session, caller, room, limits);
        session.getAttributes().put(CONNECTION, connection);
        limitBlockingWrites(session);
        connection.send(OutboundFrames.connected(room, clock.instant()));
        try {
            connection.watching(watchRoom.watch(caller, room.id(), since, connection.id(), connection));
        } catch (UseCaseException | RuleViolation | InvalidValueException e) {
            connection.send(OutboundFrames.error(WireErrors.message(e)));
            connection.closeAfterQueued(CloseStatus.POLICY_VIOLATION.withReason(WireErrors.message(e)));
            connection.startWriter();
            return;
        }
        // only now may the client see "connected": anything it posts or hears of after that is
        // already covered by the subscription, so nothing falls between replay and live
        connection.startWriter();
        connections.put(connection.id(), connection);
        log.debug("WebSocket connection {}: {} joined room {}", connection.id(), caller.username(), room.id().value());
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
     * Messages arrive in parts no larger than the container's small read buffers, and are put
     * together here up to {@code chat.websocket.max-frame-size}: a whole-message buffer of that
     * size for every connection would cost most of the memory an idle connection holds.
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
        String text = connection.assembleText(message.getPayload(), message.isLast());
        if (text != null) {
            receive(connection, text);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return;
        }
        byte[] bytes = connection.assembleBinary(message.getPayload(), message.isLast());
        if (bytes == null) {
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            connection.heard();
            if (connection.admit()) {
                connection.send(OutboundFrames.error("Binary frames must carry UTF-8 JSON"));
            }
            return;
        }
        receive(connection, text);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connectionOf(session);
        if (connection != null) {
            connection.heard();
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
        connections.remove(connection.id());
        connection.disposed();
        if (connection.watch() != null) {
            connection.watch().close();
        }
        log.debug("WebSocket connection {}: closed with {}", connection.id(), status.getCode());
    }

    private static Connection connectionOf(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }

    private void receive(Connection connection, String text) {
        connection.heard();
        if (!connection.admit()) {
            return;
        }
        try {
            InboundFrame frame = InboundFrame.parse(text);
            String type = frame.type();
            switch (type) {
                case "message" -> post(connection, frame);
                case "typing" -> typing(connection, TypingKind.TYPING);
                case "typing_start" -> typing(connection, TypingKind.TYPING_START);
                case "typing_stop" -> typing(connection, TypingKind.TYPING_STOP);
                case "reaction" -> react(connection, frame);
                default -> connection.send(OutboundFrames.error("Unknown message type: " + InboundFrame.quotable(type)));
            }
        } catch (UseCaseException | RuleViolation | InvalidValueException e) {
            connection.send(OutboundFrames.error(WireErrors.message(e)));
        } catch (RuntimeException e) {
            log.error("WebSocket connection {}: frame failed", connection.id(), e);
            connection.send(OutboundFrames.error("The server could not process this frame"));
        }
    }

    private void post(Connection connection, InboundFrame frame) {
        String content = frame.string("content");
        String fileUrl = frame.string("file_url");
        String fileName = frame.string("file_name");
        // the size and type a client claims are checked as JSON and ignored: the upload's record decides
        frame.integer("file_size");
        frame.string("mime_type");
        InboundFrame attachment = frame.object("attachment");
        if (fileUrl == null && attachment != null) {
            // the iOS app's shape for the same fields
            fileUrl = attachment.string("url");
            fileName = attachment.string("filename");
            attachment.integer("size");
            attachment.string("mime_type");
        }
        String rawClientId = frame.stringOrInteger("client_id");
        String declaredType = frame.string("message_type");
        // read in the order the server always checked them, so a frame with several faults gets the same error
        ClientId clientId = rawClientId == null ? null : new ClientId(rawClientId);
        AttachmentRef file = fileUrl == null ? null : FileUrls.parse(fileUrl, fileName);
        MessageText text = new MessageText(content);
        PostMessageCommand command = new PostMessageCommand(connection.room().id(), text,
                WireValues.messageType(declaredType), file, clientId, connection.id());
        Posted posted = null;
        connection.beginPost();
        try {
            posted = postMessage.post(connection.caller(), command);
        } finally {
            connection.endPost(posted == null ? null : posted.message().message(), rawClientId);
        }
    }

    private void typing(Connection connection, TypingKind kind) {
        connection.watch().typing(kind);
    }

    private void react(Connection connection, InboundFrame frame) {
        Long id = frame.integer("message_id");
        if (id == null) {
            throw new InvalidValueException("message_id", "message_id is required");
        }
        MessageId message = new MessageId(id);
        String action = frame.string("action");
        switch (action == null ? "add" : action.strip().toLowerCase(Locale.ROOT)) {
            case "add" -> {
                String type = frame.string("reaction_type");
                if (type == null) {
                    throw new InvalidValueException("reaction_type", "reaction_type is required");
                }
                react.add(connection.caller(), new AddReaction(message, WireValues.reaction(type), connection.id()));
            }
            case "remove" -> react.remove(connection.caller(), new RemoveReaction(message, connection.id()));
            default -> throw new InvalidValueException("action", "action must be add or remove");
        }
    }

    private void upkeep() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                log.warn("WebSocket connection {}: upkeep failed", connection.id(), e);
            }
        }
    }

    void destroy() {
        timer.shutdownNow();
    }
}
