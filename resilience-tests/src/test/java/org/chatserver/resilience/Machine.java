package org.chatserver.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the tests need from the machine: programs, free loopback ports, commands with a time limit. */
final class Machine {

    private Machine() {
    }

    /** A free port on loopback (closed again at once; the server that wants it binds it moments later). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * A program from a system property, else the first of the candidates that exists, else on the
     * PATH; a clear failure saying what to install otherwise. The resilience tests never skip.
     */
    static Path program(String name, String property, String install, Path... candidates) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new AssertionError(property + "=" + configured + " is not an executable file");
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name));
        return Stream.concat(Stream.of(candidates), onPath)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("The resilience tests need " + name + ", which is not installed: "
                        + install + " (or point -D" + property + " at it)"));
    }

    /** Runs a command to its end, failing with its output when it fails or takes longer than {@code limit}. */
    static String run(Duration limit, List<String> command) {
        Result result = attempt(limit, command);
        if (result.exitCode() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed with exit code " + result.exitCode()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    static Result attempt(Duration limit, List<String> command) {
        try {
            Path output = Files.createTempFile("resilience-command", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("`" + String.join(" ", command) + "` did not end within " + limit);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** As {@code user} when running as root (PostgreSQL refuses to run as root), else as ourselves. */
    static List<String> as(String user, String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of(program("runuser", "resilience.runuser", "util-linux's runuser",
                    Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser")).toString(), "-u", user, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    static Optional<Path> firstExisting(Path... paths) {
        return Stream.of(paths).filter(Files::exists).findFirst();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
