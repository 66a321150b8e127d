package org.chatserver.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Data folders for the servers the tests start: under the module's {@code target/test-data}, so that
 * {@code ./mvnw clean} removes them and a test run leaves nothing in the machine's temporary folder. (The
 * Spring contexts that use them stay cached until the test JVM ends, so they cannot be deleted after the
 * test class.) A run removes the folders that earlier runs left, so that repeated runs in one checkout do not
 * pile up their data (about 25 MB a run).
 */
public final class TestDataDirs {

    private static final Path ROOT = Path.of("target", "test-data").toAbsolutePath();
    /**
     * How long a folder stays untouched before a later run may remove it: far longer than a test run, so that a
     * second build running in the same checkout at the same time keeps its folders.
     */
    static final Duration LEFT_FOR = Duration.ofHours(1);
    private static boolean tidied;

    private TestDataDirs() {
    }

    /** A new empty folder whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Files.createDirectories(ROOT);
            tidyOnce();
            return Files.createTempDirectory(ROOT, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data folder under " + ROOT, e);
        }
    }

    private static synchronized void tidyOnce() {
        if (!tidied) {
            tidied = true;
            removeLeftovers(ROOT, Instant.now().minus(LEFT_FOR));
        }
    }

    /** Removes the folders under {@code root} that nothing has changed since {@code before}, with all they hold. */
    static void removeLeftovers(Path root, Instant before) {
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                if (Files.getLastModifiedTime(folder).toInstant().isBefore(before)) {
                    FileSystemUtils.deleteRecursively(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not tidy the data folders under " + root, e);
        }
    }

    /**
     * For {@code DynamicPropertyRegistry.add("chat.data-dir", ...)}: Spring asks a property's supplier again
     * each time the property is read, so a supplier that made a folder each time would give the database, the
     * files and the signing key a folder each. This one makes its folder on the first read and keeps it.
     */
    public static Supplier<Object> once(String prefix) {
        return new Supplier<>() {
            private String dir;

            @Override
            public synchronized Object get() {
                if (dir == null) {
                    dir = create(prefix).toString();
                }
                return dir;
            }
        };
    }
}
