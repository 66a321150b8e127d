package org.chatserver.adapter.websocket;

/** How many WebSocket connections (room endpoints and user streams) are open on this node now, for metrics. */
@FunctionalInterface
public interface OpenConnections {

    int count();
}
