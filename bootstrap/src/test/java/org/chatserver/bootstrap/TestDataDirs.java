package org.chatserver.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Data folders for the servers the tests start: under the module's {@code target/test-data}, so that
 * {@code ./mvnw clean} removes them and a test run leaves nothing in the machine's temporary folder. (The
 * Spring contexts that use them stay cached until the test JVM ends, so they cannot be deleted after the
 * test class.)
 */
public final class TestDataDirs {

    private static final Path ROOT = Path.of("target", "test-data").toAbsolutePath();

    private TestDataDirs() {
    }

    /** A new empty folder whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data folder under " + ROOT, e);
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
