package org.chatserver.adapter.websocket;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the chat WebSocket ({@code chat.websocket.*}). Each protects the room from one
 * misbehaving connection: a flood of frames, a huge frame, a client that stops reading, a
 * client that vanished without closing.
 *
 * @param maxFrameSize           largest text or binary message accepted; larger ones close the connection with 1009
 * @param framesPerSecond        sustained inbound frames per connection, counted on arrival
 * @param frameBurst             inbound frames a connection may send at once before the rate applies
 * @param throttledFramesToClose frames refused in a row for flooding before the connection is closed with 1008
 * @param inboundQueueFrames     frames received and waiting to be processed (behind a slow post) before
 *                               further ones are refused with an error frame
 * @param inboundQueueSize       characters of frames waiting to be processed before further ones are refused
 * @param outboundQueueFrames    frames waiting for a slow reader before it is disconnected
 * @param outboundQueueSize      bytes waiting for a slow reader before it is disconnected
 * @param sendTimeout            longest a single write to a client may block before it is disconnected
 * @param pingInterval           how often the server pings each connection
 * @param idleTimeout            a connection silent this long (no frame, no pong) is closed with 1001
 * @param maxConnectionsPerUser  open connections one user may hold on a node; more are closed with 1008
 * @param presenceLimit          rooms with more connections than this on a node announce no joins and leaves
 * @param sessionCheckInterval   how often each node asks the session store whether its connections' sessions
 *                               have ended elsewhere (logout, refresh-token reuse): the longest such a
 *                               connection stays open on a node other than the one that ended it
 * @param shutdownGrace          at shutdown, the longest the server waits for frames already received
 *                               (posts in flight) before closing the connections with 1001
 * @param allowedOrigins         Origin patterns browsers may connect from; native apps send none
 * @param unreadInterval         on {@code /ws/user}, the least time between two {@code unread} frames of one
 *                               room to one connection (changes between are sent as one, with the latest
 *                               counts, at the end of the interval); 0: every change at once
 * @param reorderWait            how long a change that arrives before the one it follows waits for it (another
 *                               node's post, still on its way through the bus) before the missing changes are
 *                               read from the store; 0: read at once
 */
@ConfigurationProperties("chat.websocket")
public record WebSocketProperties(
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("20") int framesPerSecond,
        @DefaultValue("40") int frameBurst,
        @DefaultValue("40") int throttledFramesToClose,
        @DefaultValue("100") int inboundQueueFrames,
        @DefaultValue("1MB") DataSize inboundQueueSize,
        @DefaultValue("1000") int outboundQueueFrames,
        @DefaultValue("4MB") DataSize outboundQueueSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("30s") Duration pingInterval,
        @DefaultValue("75s") Duration idleTimeout,
        @DefaultValue("20") int maxConnectionsPerUser,
        @DefaultValue("100") int presenceLimit,
        @DefaultValue("30s") Duration sessionCheckInterval,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("1s") Duration unreadInterval,
        @DefaultValue("100ms") Duration reorderWait) {

    private static final String PREFIX = "chat.websocket.";

    public WebSocketProperties {
        require(maxFrameSize != null && maxFrameSize.toBytes() >= 1024 && maxFrameSize.toBytes() <= Integer.MAX_VALUE,
                "max-frame-size", "must be between 1KB and 2GB");
        require(framesPerSecond >= 1, "frames-per-second", "must be at least 1");
        require(frameBurst >= 1, "frame-burst", "must be at least 1");
        require(throttledFramesToClose >= 1, "throttled-frames-to-close", "must be at least 1");
        require(inboundQueueFrames >= 1, "inbound-queue-frames", "must be at least 1");
        require(inboundQueueSize != null && inboundQueueSize.toBytes() >= maxFrameSize.toBytes(),
                "inbound-queue-size", "must be at least max-frame-size");
        require(outboundQueueFrames >= 1, "outbound-queue-frames", "must be at least 1");
        require(outboundQueueSize != null && outboundQueueSize.toBytes() >= maxFrameSize.toBytes(),
                "outbound-queue-size", "must be at least max-frame-size");
        requirePositive(sendTimeout, "send-timeout");
        requirePositive(pingInterval, "ping-interval");
        requirePositive(idleTimeout, "idle-timeout");
        require(idleTimeout.compareTo(pingInterval) > 0, "idle-timeout",
                "must be longer than ping-interval, or live clients are closed between two pings");
        require(maxConnectionsPerUser >= 1, "max-connections-per-user", "must be at least 1");
        require(presenceLimit >= 0, "presence-limit", "must not be negative");
        requirePositive(sessionCheckInterval, "session-check-interval");
        requirePositive(shutdownGrace, "shutdown-grace");
        require(allowedOrigins != null && !allowedOrigins.isEmpty(), "allowed-origins", "must not be empty");
        allowedOrigins = List.copyOf(allowedOrigins);
        require(unreadInterval != null && !unreadInterval.isNegative()
                && unreadInterval.compareTo(Duration.ofMinutes(1)) <= 0, "unread-interval", "must be between 0 and 1m");
        require(reorderWait != null && !reorderWait.isNegative() && reorderWait.compareTo(Duration.ofSeconds(10)) <= 0,
                "reorder-wait", "must be between 0 and 10s");
    }

    private static void requirePositive(Duration value, String name) {
        require(value != null && value.isPositive(), name, "must be positive");
    }

    private static void require(boolean condition, String name, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(PREFIX + name + " " + problem);
        }
    }
}
