package org.chatserver.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference relay started as a child JVM of the load generator, as the server is a JVM of its
 * own: its heap, garbage collector and JIT are its own, and the tool's CPU meter does not count the
 * relay's work as the tool's. Started with the same java, from the same jar or classpath.
 */
final class RelayProcess implements AutoCloseable {

    static final String READY = "relay listening on ";

    private final Process process;
    private final URI baseUrl;

    private RelayProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static RelayProcess start(String javaOptions, int threads) throws IOException, InterruptedException {
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
                            ready.complete(line.substring(READY.length()).split(" ")[0]);
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
            return new RelayProcess(process, URI.create(ready.get(60, TimeUnit.SECONDS)));
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
    }
}
