package org.chatserver.loadgen;

import java.io.IOException;
import java.net.URI;

/**
 * {@code --relay}: what a scenario measures beside our server in the same invocation, the reference relay.
 * {@code none} (the default), {@code auto} (a child JVM started for the run and stopped after it, with
 * {@code --relay-threads}, {@code --relay-java-options} and {@code --relay-store}) or the URL of a relay already
 * running. {@code --relay-store=sqlite} has the child commit each message to a new SQLite database (in a temporary
 * folder, removed with the child) before it acks it ({@link RelayStore}); {@code none}, the default, stores nothing.
 */
final class RelayOption {

    /** Default JVM options of the child relay: a small heap and the cheapest collector, as befits a bare relay. */
    static final String JAVA_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC";

    private final String relay;
    private final int threads;
    private final String javaOptions;
    private final boolean store;

    private RelayOption(String relay, int threads, String javaOptions, boolean store) {
        this.relay = relay;
        this.threads = threads;
        this.javaOptions = javaOptions;
        this.store = store;
    }

    static RelayOption of(Options o) {
        String relay = o.string("relay", "none");
        if (!relay.equals("none") && !relay.equals("auto") && !relay.matches("https?://\\S+")) {
            throw new Options.UsageException("--relay must be none, auto or the URL of a running relay, got '" + relay + "'");
        }
        boolean child = relay.equals("auto");
        String store = o.string("relay-store", "none");
        if (!store.equals("none") && !store.equals("sqlite")) {
            throw new Options.UsageException("--relay-store must be none or sqlite, got '" + store + "'");
        }
        if (store.equals("sqlite") && !child) {
            throw new Options.UsageException("--relay-store=sqlite needs --relay=auto (a relay already running stores"
                    + " what its own --store says)");
        }
        return new RelayOption(relay, child ? o.integer("relay-threads", 2, 1, 64) : 0,
                child ? o.string("relay-java-options", JAVA_OPTIONS) : "", store.equals("sqlite"));
    }

    boolean given() {
        return !relay.equals("none");
    }

    /** The relay's context for this run, beside {@code ctx}; closing it stops a child relay. */
    Opened open(RunContext ctx) throws IOException, InterruptedException {
        RelayProcess child = relay.equals("auto") ? RelayProcess.start(javaOptions, threads, store) : null;
        try {
            RunContext relayCtx = child != null ? ctx.forBaseUrl(child.baseUrl(), child.pid())
                    : ctx.forBaseUrl(URI.create(relay.replaceAll("/+$", "")));
            ctx.say("reference relay at %s%s", relayCtx.baseUrl(), child == null ? "" : " (child JVM, pid " + child.pid()
                    + (child.stores() ? ", committing each message to SQLite before its ack" : "") + ")");
            return new Opened(child, relayCtx);
        } catch (RuntimeException e) {
            if (child != null) {
                child.close();
            }
            throw e;
        }
    }

    /** A relay in use: its context, and the child process when this run started it. */
    record Opened(RelayProcess child, RunContext ctx) implements AutoCloseable {
        @Override
        public void close() {
            try {
                ctx.close();
            } finally {
                if (child != null) {
                    child.close();
                }
            }
        }
    }
}
