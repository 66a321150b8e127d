package org.chatserver.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl), on a free loopback port with its socket
 * in its own folder: stopping it touches nobody else's database (the machine's shared PostgreSQL
 * serves other engineers' tests). PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user in a folder that user owns.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final String USER = "postgres";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path base;
    private final Path data;
    private final int port;
    private boolean running;

    PrivatePostgres() {
        Path initdb = Machine.program("initdb", "resilience.postgres.initdb",
                "PostgreSQL's server programs (Debian: apt-get install postgresql)",
                Stream.of("18", "17", "16", "15", "14").map(v -> Path.of("/usr/lib/postgresql", v, "bin", "initdb"))
                        .toArray(Path[]::new));
        this.bin = initdb.getParent();
        this.port = Machine.freePort();
        try {
            // not under a 0700 JUnit folder: the postgres user must be able to reach it
            base = Files.createTempDirectory(Path.of("/tmp"), "resilience-postgres-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            data = base.resolve("data");
            if (Machine.isRoot()) {
                UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(USER);
                Files.setOwner(base, postgres);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a folder for PostgreSQL (as root it needs a user '"
                    + USER + "')", e);
        }
        Machine.run(LIMIT, Machine.as(USER, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"));
        // a test JVM that ends early must not leave a PostgreSQL running on the machine
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return USER;
    }

    void start() {
        Machine.run(LIMIT, Machine.as(USER, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", base.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + base
                        + " -c max_connections=60 -c shared_buffers=16MB -c fsync=off", "start"));
        running = true;
    }

    /** A clean, fast shutdown: connections are cut, the server is gone until {@link #start()}. */
    void stop() {
        Machine.run(LIMIT, Machine.as(USER, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-m", "fast", "-w", "-t", "60", "stop"));
        running = false;
    }

    @Override
    public synchronized void close() {
        try {
            if (running) {
                stop();
            }
        } finally {
            deleteQuietly(base);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temporary folder; the machine cleans /tmp
        }
    }
}
