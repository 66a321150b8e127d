package org.chatserver.bootstrap;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a node does when it stops: keeps serving for {@link ShutdownProperties#drain()}, while readiness
 * already answers 503 (Spring Boot turns it to refusing traffic as the context begins to close). Only then do the
 * WebSockets close with 1001 and the web server stop taking connections (later phases). Without it a load balancer
 * that has not yet seen the probe fail sends requests to a port that refuses them.
 */
final class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    ShutdownDrain(Duration drain) {
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (running && drain.isPositive()) {
            log.info("Stopping: readiness answers 503, and requests are still served for {} (chat.shutdown.drain)",
                    drain.toMillis() / 1000.0 + " s");
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The highest phase: stopped before the WebSockets' shutdown and the web server's. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
