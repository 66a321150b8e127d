package org.chatserver.resilience;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A small file system of its own (tmpfs with a size), so that a test can fill it to the last byte
 * and free it again without touching the machine's disks. Mounting needs root (CAP_SYS_ADMIN);
 * without it the test fails saying so.
 */
final class SmallDisk implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** A writable file system of {@code megabytes}. */
    static SmallDisk mount(int megabytes) {
        return mount("size=" + megabytes + "m,mode=0755");
    }

    /** A file system nothing can be written to. */
    static SmallDisk mountReadOnly() {
        return mount("ro,size=1m,mode=0755");
    }

    private static SmallDisk mount(String options) {
        Path point;
        try {
            point = Files.createTempDirectory(Path.of("/tmp"), "resilience-disk-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Machine.Result mounted = Machine.attempt(LIMIT, List.of(
                Machine.program("mount", "resilience.mount", "util-linux's mount", Path.of("/usr/bin/mount"),
                        Path.of("/bin/mount")).toString(), "-t", "tmpfs", "-o", options, "tmpfs", point.toString()));
        if (mounted.exitCode() != 0) {
            throw new AssertionError("The disk-full scenario fills a small tmpfs of its own, and mounting one needs root "
                    + "(CAP_SYS_ADMIN), which this build does not have: " + mounted.output().strip()
                    + ". Run the build as root, or leave the resilience tests out with -pl '!resilience-tests'.");
        }
        return new SmallDisk(point);
    }

    Path path() {
        return mountPoint;
    }

    /** Writes a file until the file system has no byte left. */
    void fill() {
        byte[] chunk = new byte[256 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw new UncheckedIOException("filling " + mountPoint + " failed otherwise", full);
            }
        }
    }

    void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (!Files.isDirectory(mountPoint)) {
            return;
        }
        Machine.attempt(LIMIT, List.of(Machine.program("umount", "resilience.umount", "util-linux's umount",
                Path.of("/usr/bin/umount"), Path.of("/bin/umount")).toString(), "-l", mountPoint.toString()));
        try {
            Files.deleteIfExists(mountPoint);
        } catch (IOException ignored) {
            // an empty folder in /tmp
        }
    }
}
