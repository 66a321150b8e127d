package org.chatserver.adapter.websocket;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.in.room.WatchUserUseCase.StreamListener;
import org.chatserver.application.port.in.room.WatchUserUseCase.UserStream;
import org.chatserver.domain.Message;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: who it is, what it watches (one room on {@code /ws/chat/{room}}, or all
 * the user's rooms on {@code /ws/user}), and its three seams, each with its own
 * bounds: the frames it sends being put together ({@link FrameAssembler}) and counted against the
 * flood limit on arrival ({@link FloodLimit}), then processed in order ({@link InboundQueue}); and
 * what it is sent ({@link OutboundQueue}). What it is shown is the watch's decision; a connection
 * only renders it.
 */
final class Connection implements RoomListener, StreamListener {

    static final CloseStatus FLOODING = CloseStatus.POLICY_VIOLATION.withReason("Too many frames");
    static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("Idle timeout");
    static final CloseStatus REMOVED = CloseStatus.POLICY_VIOLATION.withReason("Removed from the room");
    static final CloseStatus BANNED = CloseStatus.POLICY_VIOLATION.withReason(Room.BANNED);
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message too big");
    static final CloseStatus TOO_MANY = CloseStatus.POLICY_VIOLATION.withReason("Too many connections");
    static final CloseStatus SESSION_ENDED = CloseStatus.POLICY_VIOLATION.withReason("Session ended");
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("Token expired");
    static final CloseStatus SHUTTING_DOWN = CloseStatus.GOING_AWAY.withReason("Server shutting down");
    static final CloseStatus STREAM_LOST = CloseStatus.SERVER_ERROR.withReason("Connect again");

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final Room room;
    private final WebSocketProperties limits;
    private final FrameAssembler frames;
    private final FloodLimit flood;
    private final OutboundQueue outbound;
    private final InboundQueue<Inbound> inbound;
    private volatile AuthenticatedUser caller;
    private volatile Instant expiresAt;
    private volatile RoomWatch watch;
    private volatile UserStream stream;
    private volatile UnreadFrames unreadFrames;
    private volatile java.util.function.Consumer<RuntimeException> onLost = cause -> { };
    private volatile long lastHeardNanos;
    private volatile long lastPingNanos;
    /**
     * A frame failed for a server reason: the frames that were already queued behind it (this many,
     * counted then) fail at once where they need the store. Only the connection's worker touches these.
     */
    private int framesBehindAFault;
    private boolean currentBehindAFault;

    /**
     * @param room       the room of a {@code /ws/chat/{room}} connection; null for a {@code /ws/user} one
     * @param processor  processes the connection's frames, one at a time in order of arrival, on a virtual thread
     * @param framesSent counts the text frames written to it (the node's metrics)
     */
    Connection(String id, WebSocketSession session, AuthenticatedUser caller, Instant expiresAt, Room room,
               WebSocketProperties limits, Ticker ticker, BiConsumer<Connection, Inbound> processor,
               LongAdder framesSent) {
        this.id = id;
        this.caller = caller;
        this.expiresAt = expiresAt;
        this.room = room;
        this.limits = limits;
        long now = ticker.nanoTime();
        this.frames = new FrameAssembler(limits.maxFrameSize().toBytes(), () -> closeNow(TOO_BIG));
        this.flood = new FloodLimit(limits.framesPerSecond(), limits.frameBurst(), limits.throttledFramesToClose(), now);
        this.outbound = new OutboundQueue(id + " of " + caller.username().value(), session,
                limits.outboundQueueFrames(), limits.outboundQueueSize().toBytes(), ticker, framesSent);
        this.inbound = new InboundQueue<>("ws-frames-" + id, limits.inboundQueueFrames(),
                limits.inboundQueueSize().toBytes(), Inbound::size, item -> processor.accept(this, item),
                () -> framesBehindAFault = 0);
        this.lastHeardNanos = now;
        this.lastPingNanos = now;
    }

    /** A frame as received: its text, or why it cannot be processed. */
    record Inbound(String text, String refusal) {

        long size() {
            return text == null ? 0 : text.length();
        }
    }

    String id() {
        return id;
    }

    AuthenticatedUser caller() {
        return caller;
    }

    /** The room of a room connection; null for a user stream. */
    Room room() {
        return room;
    }

    UserStream stream() {
        return stream;
    }

    /** A user stream's unread frames go through these (coalesced); set before the stream starts. */
    void unreadFrames(UnreadFrames frames) {
        this.unreadFrames = frames;
    }

    void streaming(UserStream stream, java.util.function.Consumer<RuntimeException> onLost) {
        this.stream = stream;
        this.onLost = onLost;
    }

    /** Stops delivery of whatever the connection watches. */
    void stopWatching() {
        if (watch != null) {
            watch.close();
        }
        if (stream != null) {
            stream.close();
        }
    }

    RoomWatch watch() {
        return watch;
    }

    void watching(RoomWatch watch) {
        this.watch = watch;
    }

    FrameAssembler frames() {
        return frames;
    }

    InboundQueue<Inbound> inbound() {
        return inbound;
    }

    OutboundQueue outbound() {
        return outbound;
    }

    /** The worker takes the next frame: is it one of those that were waiting when a frame failed? */
    void nextFrame() {
        currentBehindAFault = framesBehindAFault > 0;
        if (currentBehindAFault) {
            framesBehindAFault--;
        }
    }

    private volatile String faultAnswer;

    boolean behindAFault() {
        return currentBehindAFault;
    }

    /**
     * The frame being processed failed for a server reason; those waiting now are behind it, and get the same
     * answer ({@link #faultAnswer}).
     */
    void faulted(String answer) {
        faultAnswer = answer;
        framesBehindAFault = inbound.waiting();
    }

    /** What the frames behind the last fault are answered. */
    String faultAnswer() {
        return faultAnswer;
    }

    /** The client renewed its access token over the socket: same user, possibly a new session. */
    void renewed(AuthenticatedUser renewed, Instant newExpiry) {
        this.caller = renewed;
        this.expiresAt = newExpiry;
    }

    // ---- inbound (the session's receiving thread) ----

    /** A frame arrived: a sign of life, and counted against the flood limit now, not when processed. */
    FloodLimit.Verdict arrived(long nowNanos) {
        heard(nowNanos);
        return flood.arrived(nowNanos);
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    // ---- what the watch has for this connection (fan-out or posting threads) ----

    @Override
    public void onEvent(RoomEvent event) {
        if (event instanceof RoomEvent.Typing) {
            // the first thing shed when this client falls behind
            outbound.sendSheddable(OutboundFrames.forEvent(event));
        } else {
            outbound.send(OutboundFrames.forEvent(event));
        }
    }

    @Override
    public void acknowledged(Message mine) {
        outbound.send(OutboundFrames.ack(mine, mine.clientId()));
    }

    @Override
    public void revoked() {
        outbound.send(OutboundFrames.error("You are no longer a member of this room"));
        outbound.closeAfterQueued(REMOVED);
    }

    /** As a banned user's connect is refused: the same error and close reason, so a client tells them alike. */
    @Override
    public void banned() {
        outbound.send(OutboundFrames.error(Room.BANNED));
        outbound.closeAfterQueued(BANNED);
    }

    @Override
    public void historyTruncated(MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                 ChangeId liveCursor) {
        outbound.send(OutboundFrames.historyTruncated(room.id(), resumeAfter, liveFrom, resumeCursor, liveCursor));
    }

    // ---- what the stream of all the user's rooms has for this connection ----

    @Override
    public void connected(List<RoomSummary> rooms) {
        outbound.send(OutboundFrames.streamConnected(caller.username(), rooms));
    }

    @Override
    public void roomAdded(RoomSummary room) {
        forgetUnread(room.room().id());
        outbound.send(OutboundFrames.roomAdded(room));
    }

    @Override
    public void roomRemoved(RoomId room) {
        forgetUnread(room);
        outbound.send(OutboundFrames.roomRemoved(room));
    }

    /** Before the room's removal, the words a banned user's room connection closes with. */
    @Override
    public void banned(RoomId room) {
        outbound.send(OutboundFrames.error(Room.BANNED, room));
    }

    @Override
    public void resumeRefused(RoomId room, InvalidValueException reason) {
        outbound.send(OutboundFrames.error(WireErrors.message(reason), room));
    }

    /** Counts of the room still waiting to be sent are out of date once it leaves the list or comes back. */
    private void forgetUnread(RoomId room) {
        UnreadFrames frames = unreadFrames;
        if (frames != null) {
            frames.forget(room);
        }
    }

    @Override
    public void unread(RoomId room, long unreadCount, long mentionCount) {
        UnreadFrames frames = unreadFrames;
        if (frames == null) {
            outbound.send(OutboundFrames.unread(room, unreadCount, mentionCount));
        } else {
            frames.changed(room, unreadCount, mentionCount);
        }
    }

    @Override
    public void historyTruncated(RoomId room, MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                 ChangeId liveCursor) {
        outbound.send(OutboundFrames.historyTruncated(room, resumeAfter, liveFrom, resumeCursor, liveCursor));
    }

    @Override
    public void lost(RuntimeException cause) {
        onLost.accept(cause);
        outbound.closeAfterQueued(STREAM_LOST);
    }

    // ---- closing ----

    void send(String json) {
        outbound.send(json);
    }

    void closeAfterQueued(CloseStatus status) {
        outbound.closeAfterQueued(status);
    }

    void closeNow(CloseStatus status) {
        outbound.closeNow(status);
    }

    /**
     * Periodic upkeep from the shared timer: stuck writes, silence, the access token's expiry, pings.
     *
     * @param nowNanos on the connections' {@link Ticker}
     * @param now      wall-clock time, which token expiry is measured in
     */
    void tick(long nowNanos, Instant now) {
        if (outbound.writeBlockedLongerThan(limits.sendTimeout().toNanos(), nowNanos)) {
            log.info("WebSocket connection {} of {} blocked a write for over {}; disconnecting it",
                    id, caller.username().value(), limits.sendTimeout());
            closeNow(OutboundQueue.TOO_SLOW);
        } else if (nowNanos - lastHeardNanos > limits.idleTimeout().toNanos()) {
            closeNow(IDLE);
        } else if (!now.isBefore(expiresAt)) {
            closeAfterQueued(TOKEN_EXPIRED);
        } else if (nowNanos - lastPingNanos >= limits.pingInterval().toNanos()) {
            lastPingNanos = nowNanos;
            outbound.ping();
        }
    }
}
