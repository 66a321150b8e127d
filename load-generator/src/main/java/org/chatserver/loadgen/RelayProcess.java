package org.chatserver.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The reference relay started as a child JVM of the load generator, as the server is a JVM of its
 * own: its heap, garbage collector and JIT are its own, and the tool's CPU meter does not count the
 * relay's work as the tool's. Started with the same java, from the same jar or classpath. With a store, its
 * SQLite database is in a temporary folder of its own, removed when the relay is stopped.
 */
final class RelayProcess implements AutoCloseable {

    static final String READY = "relay listening on ";
    /** What a relay with a store adds to its {@link #READY} line. */
    static final String STORING = "storing each message in ";

    private final Process process;
    private final URI baseUrl;
    /** The store's folder; null without one. */
    private final Path storeFolder;
    /** Whether the relay said it stores each message (its ready line). */
    private final boolean stores;

    private RelayProcess(Process process, URI baseUrl, Path storeFolder, boolean stores) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.storeFolder = storeFolder;
        this.stores = stores;
    }

    /** @param store whether the relay commits each message to SQLite before its ack */
    static RelayProcess start(String javaOptions, int threads, boolean store) throws IOException, InterruptedException {
        Path storeFolder = store ? Files.createTempDirectory("relay-store") : null;
        try {
            return start(javaOptions, threads, storeFolder);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteFolder(storeFolder);
            throw e;
        }
    }

    private static RelayProcess start(String javaOptions, int threads, Path storeFolder)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (!javaOptions.isBlank()) {
            command.addAll(Arrays.asList(javaOptions.strip().split("\\s+")));
        }
        String launched = System.getProperty("sun.java.command", "");
        String first = launched.split(" ", 2)[0];
        // from the exec jar our classes come through Spring Boot's own class loader: start the jar again
        if (first.endsWith(".jar") && LoadGenerator.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            command.add("-jar");
            command.add(first);
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(LoadGenerator.class.getName());
        }
        command.addAll(List.of("relay", "--port=0", "--threads=" + threads));
        if (storeFolder != null) {
            command.add("--store=" + storeFolder.resolve("relay.db"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                StringBuilder said = new StringBuilder();
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone()) {
                        if (line.startsWith(READY)) {
                            ready.complete(line.substring(READY.length()));
                        } else {
                            said.append(line).append('\n');
                        }
                    }
                }
                ready.completeExceptionally(new IOException("the relay ended: " + said));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "relay-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String said = ready.get(60, TimeUnit.SECONDS);
            return new RelayProcess(process, URI.create(said.split(" ")[0]), storeFolder, said.contains(STORING));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("could not start the relay (" + String.join(" ", command) + "): "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Whether the relay itself said that it commits each message to a store before its ack. */
    boolean stores() {
        return stores;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteFolder(storeFolder);
    }

    /** Removes the store's folder (the database and SQLite's log beside it); what cannot be removed stays. */
    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left to the system
        }
    }
}
