package org.chatserver.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every scenario shares: where the server is, the HTTP clients, the ledger, the progress
 * printer, and the flags common to all scenarios.
 */
public final class RunContext implements AutoCloseable {

    /** WebSockets per HTTP client: each client has one selector thread, so spread them out. */
    private static final int SOCKETS_PER_CLIENT = 500;

    private final Options options;
    private final PrintStream out;
    private final URI baseUrl;
    /** Where WebSockets may go: {@link #baseUrl} alone, or the nodes of a comma-separated {@code --base-url}. */
    private final List<URI> nodes;
    private final String runTag;
    private final String password;
    private final Duration connectTimeout;
    private final Duration grace;
    private final Duration progressEvery;
    private final int messageSize;
    private final long serverPid;
    private final Path outDir;
    private final ExecutorService callbacks;
    private final List<ExecutorService> separateExecutors = new java.util.ArrayList<>();
    private final Duration httpTimeout;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ChatHttp http;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final List<String> notes = new ArrayList<>();
    private final boolean leanClient;
    private final int leanThreads;
    private LeanWebSockets lean;
    /** Set on a context for a second target of the same run ({@link #forBaseUrl}): it shares, never closes, these. */
    private final RunContext parent;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadgen-progress");
        t.setDaemon(true);
        return t;
    });

    public RunContext(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.nodes = nodes(options.string("base-url", "http://127.0.0.1:8000"));
        this.baseUrl = nodes.get(0);
        this.runTag = options.string("run-tag", Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
                36L * 36 * 36 * 36 * 36 * 36), 36));
        if (!runTag.matches("[a-z0-9]{1,12}")) {
            throw new Options.UsageException("--run-tag must be 1 to 12 lowercase letters or digits");
        }
        this.password = options.string("password", "loadgen-Pa55-word");
        this.connectTimeout = options.seconds("connect-timeout", 10, 0.1, 600);
        this.grace = options.seconds("grace", 5, 0, 600);
        this.progressEvery = options.seconds("progress", 5, 0.5, 3600);
        this.messageSize = options.integer("message-size", 0, 0, 60_000);
        this.serverPid = options.number("server-pid", 0, 0, Integer.MAX_VALUE);
        this.outDir = Path.of(options.string("out", "load-results"));
        Duration httpTimeout = options.seconds("http-timeout", 30, 0.1, 3600);
        this.callbacks = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                r -> {
                    Thread t = new Thread(r, "loadgen-io");
                    t.setDaemon(true);
                    return t;
                });
        this.http = new ChatHttp(newClient(), baseUrl, httpTimeout);
        this.httpTimeout = httpTimeout;
        String client = options.string("ws-client", "lean");
        if (!client.equals("lean") && !client.equals("jdk")) {
            throw new Options.UsageException("--ws-client must be lean or jdk, got '" + client + "'");
        }
        this.leanClient = client.equals("lean") && nodes.stream().allMatch(node -> node.getScheme().equals("http"));
        this.leanThreads = options.integer("ws-threads", 1, 1, 64);
        this.parent = null;
    }

    /** A context for another server in the same run (the reference relay): same flags and run tag, its own ledger. */
    private RunContext(RunContext parent, URI baseUrl, long serverPid, String runTag) {
        this.options = parent.options;
        this.out = parent.out;
        this.baseUrl = baseUrl;
        this.nodes = List.of(baseUrl);
        this.runTag = runTag;
        this.password = parent.password;
        this.connectTimeout = parent.connectTimeout;
        this.grace = parent.grace;
        this.progressEvery = parent.progressEvery;
        this.messageSize = parent.messageSize;
        this.serverPid = serverPid;
        this.outDir = parent.outDir;
        this.callbacks = parent.callbacks;
        this.httpTimeout = parent.httpTimeout;
        this.http = new ChatHttp(newClient(), baseUrl, httpTimeout);
        this.leanClient = parent.leanClient;
        this.leanThreads = parent.leanThreads;
        this.parent = parent;
    }

    /** Each URL of a comma-separated {@code --base-url}: one server, or several nodes of one. */
    private static List<URI> nodes(String given) {
        List<URI> nodes = new ArrayList<>();
        for (String base : given.split(",", -1)) {
            URI url;
            try {
                url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            } catch (IllegalArgumentException e) {
                throw new Options.UsageException("--base-url is not a URL: " + base);
            }
            if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
                throw new Options.UsageException("--base-url must look like http://127.0.0.1:8000, got " + base);
            }
            if (nodes.contains(url)) {
                throw new Options.UsageException("--base-url names " + url + " twice");
            }
            nodes.add(url);
        }
        return List.copyOf(nodes);
    }

    /** The same run against {@code otherBaseUrl}: the tool's sockets and threads are shared, the accounting is not. */
    public RunContext forBaseUrl(URI otherBaseUrl) {
        return forBaseUrl(otherBaseUrl, 0);
    }

    /** As {@link #forBaseUrl(URI)}, for a server whose process id is known (0: unknown): its CPU is then metered. */
    public RunContext forBaseUrl(URI otherBaseUrl, long otherServerPid) {
        return new RunContext(this, otherBaseUrl, otherServerPid, runTag);
    }

    /**
     * The first node as a target of its own beside the run across all nodes: it is the same server, so it
     * gets a run tag of its own ({@code <tag>o}), hence its own users, rooms and client ids; with the run's,
     * the server would take its messages for resends of the run's (same sender, same client id) and
     * answer them with the earlier message, neither storing nor delivering them again.
     */
    public RunContext forFirstNodeAlone() {
        return new RunContext(this, baseUrl, 0, runTag + "o");
    }

    /**
     * Opens WebSocket number {@code index} into {@code room} on {@code node} (the server, or one of
     * {@link #nodes()}) over the transport chosen by {@code --ws-client} (the lean NIO client unless told
     * otherwise or the server is https).
     */
    public java.util.concurrent.CompletableFuture<ChatConnection> connect(int index, URI node, String room, String token,
                                                                         ChatConnection.Handler handler) {
        if (leanClient) {
            return ChatConnection.open(leanSockets(), node, room, token, index, handler, connectTimeout);
        }
        return ChatConnection.open(socketClient(index), node, room, token, index, handler, connectTimeout);
    }

    private synchronized LeanWebSockets leanSockets() {
        if (parent != null) {
            return parent.leanSockets();
        }
        if (lean == null) {
            lean = new LeanWebSockets(leanThreads);
        }
        return lean;
    }

    /**
     * HTTP calls on a client of their own, whose work runs on virtual threads: for uploads whose bodies
     * are paced (a thread sleeps between pieces), which must never hold up the shared callback threads
     * that every WebSocket of the run needs.
     */
    public synchronized ChatHttp separateHttp() {
        ExecutorService own = Executors.newVirtualThreadPerTaskExecutor();
        separateExecutors.add(own);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).executor(own).build();
        clients.add(client);
        return new ChatHttp(client, baseUrl, httpTimeout);
    }

    /** The HTTP client that should carry WebSocket number {@code index}. */
    public synchronized HttpClient socketClient(int index) {
        int which = 1 + index / SOCKETS_PER_CLIENT;
        while (clients.size() <= which) {
            newClient();
        }
        return clients.get(which);
    }

    private synchronized HttpClient newClient() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).executor(callbacks).build();
        clients.add(client);
        return client;
    }

    public Options options() {
        return options;
    }

    /** The server, or the first of several nodes: where users sign up and rooms are made. */
    /** {@code --http-timeout}: how long one HTTP exchange may take. */
    public Duration httpTimeout() {
        return httpTimeout;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Every node of {@code --base-url}, the first being {@link #baseUrl()}; one for a single server. */
    public List<URI> nodes() {
        return nodes;
    }

    /** What the run went against, as given: the base URL, or the nodes separated by commas. */
    public String target() {
        return String.join(",", nodes.stream().map(URI::toString).toList());
    }

    public String runTag() {
        return runTag;
    }

    public String password() {
        return password;
    }

    public String username(int i) {
        return "lg_" + runTag + "_u" + i;
    }

    public String roomName(String kind, int i) {
        return "lg-" + runTag + "-" + kind + i;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration grace() {
        return grace;
    }

    public int messageSize() {
        return messageSize;
    }

    public long serverPid() {
        return serverPid;
    }

    public Path outDir() {
        return outDir;
    }

    public ChatHttp http() {
        return http;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public void note(String note) {
        if (parent != null) {
            parent.note(note);
            return;
        }
        notes.add(note);
        out.println("note: " + note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }

    /** Prints {@code line} every few seconds until the returned handle is cancelled. */
    public ScheduledFuture<?> progress(Supplier<String> line) {
        long every = progressEvery.toMillis();
        return ticker.scheduleAtFixedRate(() -> {
            try {
                out.println(line.get());
            } catch (RuntimeException e) {
                out.println("progress: " + e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** The server's CPU time so far in seconds (with {@code --server-pid}), from /proc, else -1. */
    public double serverCpuSeconds() {
        return serverPid == 0 ? -1 : ProcStatus.cpuSeconds(serverPid);
    }

    /** The server's CPU seconds since {@code before} (a {@link #serverCpuSeconds()} reading), or -1 when unknown. */
    public double serverCpuSecondsSince(double before) {
        double after = serverCpuSeconds();
        return before >= 0 && after >= 0 ? after - before : -1;
    }

    /** Resident memory of the server process, from /proc, or -1 without {@code --server-pid}. */
    public long serverRssBytes() {
        return serverPid == 0 ? -1 : ProcStatus.rssBytes(serverPid);
    }

    public void ensureOutDir() throws IOException {
        Files.createDirectories(outDir);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        separateExecutors.forEach(ExecutorService::shutdownNow);
        if (parent != null) {
            return;
        }
        if (lean != null) {
            lean.close();
        }
        callbacks.shutdownNow();
    }
}
