package org.chatserver.adapter.storage.fs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredObject;

/**
 * Attachments as files named by their key, all directly inside one folder. A new file is written
 * under a temporary name in that same folder and then renamed, which the file system does
 * atomically; temporary names start with a dot, which no {@link StorageKey} can, so a half-written
 * upload can never be served.
 */
public final class FsAttachmentStorage implements AttachmentStorage {

    static final String TEMP_PREFIX = ".upload-";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path root;

    /** Creates {@code root} when missing; fails when it cannot be created or is not a writable folder. */
    public FsAttachmentStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(this.root + " exists and is not a folder", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the folder " + this.root + ": " + e, e);
        }
        if (!Files.isDirectory(this.root) || !Files.isWritable(this.root)) {
            throw new IllegalStateException(this.root + " is not a writable folder");
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void store(StorageKey key, InputStream content, long length, String contentType) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        Path target = resolve(key.value());
        Path temp = null;
        boolean moved = false;
        try {
            temp = Files.createTempFile(root, TEMP_PREFIX, ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                copyExactly(content, Channels.newOutputStream(channel), length);
                // the rename below must not become visible before the bytes are on disk
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (IOException e) {
            throw new AttachmentStorageException("storing " + key + " failed: " + e.getMessage(), e);
        } finally {
            if (temp != null && !moved) {
                deleteQuietly(temp);
            }
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new AttachmentStorageException(
                        "content ended after " + (length - remaining) + " of " + length + " bytes");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (in.read() != -1) {
            throw new AttachmentStorageException("content is longer than the announced " + length + " bytes");
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the store already failed; its own exception says why
        }
    }

    @Override
    public Optional<ObjectInfo> stat(StorageKey key) {
        try {
            return attributes(resolve(key.value())).map(FsAttachmentStorage::info);
        } catch (IOException e) {
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange rangeOrNull) {
        Path path = resolve(key.value());
        FileChannel channel;
        try {
            // a symbolic link planted in the folder must not expose files outside it
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isSymbolicLink(path)) {
                return Optional.empty();
            }
            throw new AttachmentStorageException("opening " + key + " failed: " + e.getMessage(), e);
        }
        try {
            Optional<BasicFileAttributes> attributes = attributes(path);
            if (attributes.isEmpty()) {
                channel.close();
                return Optional.empty();
            }
            long size = channel.size();
            ObjectInfo info = new ObjectInfo(size, etag(size, attributes.get()),
                    attributes.get().lastModifiedTime().toInstant());
            InputStream stream = Channels.newInputStream(channel);
            if (rangeOrNull == null) {
                return Optional.of(new StoredObject(info, null, stream));
            }
            ByteRange range = rangeOrNull.clampTo(size);
            channel.position(range.first());
            return Optional.of(new StoredObject(info, range, new LimitedInputStream(stream, range.length())));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    @Override
    public void delete(StorageKey key) {
        try {
            Files.deleteIfExists(resolve(key.value()));
        } catch (IOException e) {
            throw new AttachmentStorageException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The file for a name, refusing anything that is not directly inside the root. StorageKey already
     * refuses such names; this second check keeps the folder safe should that ever regress.
     */
    Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || !root.equals(path.getParent())) {
            throw new IllegalArgumentException("'" + name + "' does not name a file inside " + root);
        }
        return path;
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static ObjectInfo info(BasicFileAttributes attributes) {
        return new ObjectInfo(attributes.size(), etag(attributes.size(), attributes),
                attributes.lastModifiedTime().toInstant());
    }

    // Every store renames a new file into place, so the file's identity (inode) changes with the
    // content, and the modification time in nanoseconds separates even a reused inode.
    private static String etag(long size, BasicFileAttributes attributes) {
        return Long.toHexString(size)
                + "-" + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))
                + "-" + Integer.toHexString(Objects.hashCode(attributes.fileKey()));
    }

    /** Ends after {@code remaining} bytes: the end of a byte range. */
    private static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (remaining <= 0) {
                return count == 0 ? 0 : -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(count, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
