package org.chatserver.bootstrap;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Makes {@code chat.data-dir} ready before anything opens files in it, and refuses to start with
 * one sentence naming it when the server could not write there: found now, not at the first
 * signup. Only when something lives there (the SQLite database, the {@code fs} attachments, the
 * generated signing key); production keeps all of that elsewhere and may run on a read-only disk.
 *
 * <p>The SQLite database file is created here, readable by this user only, like the signing key:
 * it holds password hashes and every message. SQLite gives its {@code -wal} and {@code -shm}
 * files the database file's permissions, so they are private too.
 */
public final class DataDirectoryPreparer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String DATA_DIR = "chat.data-dir";
    private static final String DATASOURCE_URL = "spring.datasource.url";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryPreparer.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        String dir = environment.getProperty(DATA_DIR);
        Optional<Path> database = sqliteFile(environment.getProperty(DATASOURCE_URL));
        if (dir != null && !dir.isBlank()) {
            Path dataDir = Path.of(dir).toAbsolutePath().normalize();
            if (usedFiles(environment, database).anyMatch(file -> file.startsWith(dataDir))) {
                prepare(dataDir);
            }
        }
        database.ifPresent(DataDirectoryPreparer::createPrivately);
    }

    /** Creates the folder and proves a file can be written in it. */
    static void prepare(Path dataDir) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new IllegalStateException(DATA_DIR + " " + dataDir + " is a file, not a folder: point it at a "
                    + "folder (it is created when missing)");
        }
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(DATA_DIR + " " + dataDir + " cannot be written by user "
                    + System.getProperty("user.name") + " (" + reason(e) + "): point it at a folder this user may"
                    + " write, or fix the folder's owner, permissions or mount", e);
        }
    }

    private static Stream<Path> usedFiles(Environment environment, Optional<Path> database) {
        String storage = environment.getProperty("chat.storage.type", "fs");
        String fsRoot = environment.getProperty("chat.storage.fs.root");
        String key = environment.getProperty("chat.security.signing-key");
        String keyFile = environment.getProperty("chat.security.signing-key-file");
        return Stream.of(database,
                        storage.equals("fs") ? path(fsRoot) : Optional.<Path>empty(),
                        key == null || key.isBlank() ? path(keyFile) : Optional.<Path>empty())
                .flatMap(Optional::stream);
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(Path.of(value).toAbsolutePath().normalize());
    }

    /** The database file of an SQLite URL; empty for other databases and in-memory ones. */
    static Optional<Path> sqliteFile(String url) {
        if (url == null || !url.startsWith(SQLITE_PREFIX)) {
            return Optional.empty();
        }
        String location = url.substring(SQLITE_PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            if (location.substring(query).contains("mode=memory")) {
                return Optional.empty();
            }
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isBlank() || location.startsWith(":memory:")) {
            return Optional.empty();
        }
        return path(location);
    }

    /**
     * SQLite would create the file with the process's umask, typically readable by everyone; a file
     * that already exists keeps its permissions, with a warning when others may read it.
     */
    private static void createPrivately(Path database) {
        try {
            Files.createDirectories(database.getParent());
            Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            return;
        } catch (FileAlreadyExistsException e) {
            warnIfOthersCanRead(database);
            return;
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: SQLite creates the file as the platform does
        } catch (IOException e) {
            throw new IllegalStateException(DATASOURCE_URL + " names the SQLite database " + database
                    + ", which cannot be created (" + reason(e) + ")", e);
        }
    }

    private static void warnIfOthersCanRead(Path database) {
        for (Path file : List.of(database, sibling(database, "-wal"), sibling(database, "-shm"))) {
            try {
                if (Files.exists(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                    LOG.warn("{} may be read by other users of this machine; it holds password hashes and messages:"
                            + " chmod 600 {}*", file, database);
                    return;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return;
            }
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
