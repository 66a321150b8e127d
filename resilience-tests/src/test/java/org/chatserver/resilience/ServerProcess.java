package org.chatserver.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat server as operators run it: {@code java -jar bootstrap-…-exec.jar} in a process of its
 * own, on a fixed loopback port (clients reconnect to the same address after a restart), its output
 * in {@code target/resilience-logs}. It can be killed (SIGKILL), stopped (SIGTERM) and started
 * again with the same settings.
 */
final class ServerProcess implements AutoCloseable {

    /** Generous: a hang guard, not a speed claim (a loaded 2-core machine has taken over a minute). */
    static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> settings;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private Process process;
    private Path log;

    /**
     * @param settings   {@code name=value}, passed as {@code --name=value} like an operator's command line
     * @param jvmOptions extra options for the JVM (e.g. its temporary folder)
     */
    ServerProcess(String name, List<String> settings, Map<String, String> environment, List<String> jvmOptions) {
        this.name = name;
        this.port = Machine.freePort();
        this.settings = settings;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        // a test JVM that ends early must not leave servers running on the machine
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    static Path jar() {
        String configured = System.getProperty("resilience.server-jar");
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new AssertionError("The server's exec jar is missing (" + configured + "): build bootstrap first, "
                    + "e.g. ./mvnw -pl resilience-tests -am verify");
        }
        return Path.of(configured);
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Starts the process and waits until it reports ready. */
    ServerProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /** Starts the process without waiting: for start-ups that are meant to fail. */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // no --enable-native-access: the jar's manifest grants it, as an operator's plain `java -jar` needs
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--management.server.port=0",
                // the resilience clients sign up many users from 127.0.0.1; the throttle is not what they test
                "--chat.auth.signup-free-attempts=100000"));
        settings.forEach(setting -> command.add("--" + setting));
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("resilience.logs", "target/resilience-logs")));
            log = logs.resolve(name + "-" + STARTS.incrementAndGet() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    void awaitReady() {
        Instant deadline = Instant.now().plus(START_LIMIT);
        int readiness;
        while ((readiness = readiness()) != 200) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                // 503 is a node that answers but says it cannot serve (its database, its disk, start-up not over);
                // -1 with /health -1 too is a node that answers nothing at all: the thread dump tells which and why
                throw new AssertionError(name + " was not ready within " + START_LIMIT + " (/readyz last answered "
                        + readiness + ", /health " + status("/health") + "; " + threadDump() + "):\n" + tail());
            }
            Machine.sleep(Duration.ofMillis(200));
        }
    }

    /**
     * Every thread of the server, virtual ones included (Tomcat serves requests on them), written beside
     * its log by the JDK's jcmd; what happened, for the failure message. Never fails itself.
     */
    private String threadDump() {
        // absolute: jcmd hands the path to the server, which resolves it in its own working directory
        Path dump = log.toAbsolutePath()
                .resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + "-threads.txt");
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        try {
            Machine.Result result = Machine.attempt(Duration.ofSeconds(30), List.of(jcmd.toString(),
                    String.valueOf(process.pid()), "Thread.dump_to_file", "-format=text", dump.toString()));
            return result.exitCode() == 0 ? "threads in " + dump
                    : "no thread dump (" + jcmd + ": " + result.output().strip() + ")";
        } catch (AssertionError e) {
            return "no thread dump (" + e.getMessage() + ")";
        }
    }

    /**
     * Polls the readiness probe until it answers {@code status}, as a load balancer would see the
     * node leave or rejoin its rotation; how long the probe that answered it took.
     */
    Duration awaitReadiness(int status) {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (true) {
            Instant asked = Instant.now();
            if (readiness() == status) {
                return Duration.between(asked, Instant.now());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " readiness did not answer " + status + " within " + START_LIMIT);
            }
            Machine.sleep(Duration.ofMillis(100));
        }
    }

    /** The readiness probe's status code, as a load balancer sees it; -1 when nothing answers. */
    int readiness() {
        return status("/readyz");
    }

    /** The status code of a GET of {@code path}; -1 when nothing answers within 15 s. */
    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: what a service manager or an orchestrator sends; the server shuts down gracefully. */
    void terminate() {
        process.destroy();
        awaitExit();
    }

    /** Waits for the process to end on its own; its exit code. */
    int awaitExit() {
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not end within " + STOP_LIMIT + ":\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String output() {
        try {
            return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
