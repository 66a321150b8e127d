package org.chatserver.adapter.websocket;

/** What the WebSocket connections of this node have sent and refused since it started, for metrics. */
public interface WebSocketTraffic {

    /** Text frames written to clients' sockets (messages, acks, notices, errors; pings not counted). */
    long framesSent();

    /** Inbound frames refused for flooding (over {@code chat.websocket.frames-per-second} after the burst). */
    long framesRefused();
}
