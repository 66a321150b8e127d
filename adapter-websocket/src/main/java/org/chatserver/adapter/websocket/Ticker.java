package org.chatserver.adapter.websocket;

/**
 * Monotonic time in nanoseconds, for everything the connections measure in elapsed time: the flood
 * limit, pings, idle and send timeouts, the session checks, log throttling. The system's by
 * default; a bean of this type replaces it (tests step it by hand).
 */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
