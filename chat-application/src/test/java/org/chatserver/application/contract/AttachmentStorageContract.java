package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredObject;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttachmentStorage} must do. Run against the in-memory fake, the local disk and a
 * real S3-protocol server: passing it is what makes them interchangeable. Every test uses fresh keys,
 * so an adapter may share one store between tests.
 */
public abstract class AttachmentStorageContract {

    /** The default upload limit plus one byte: the largest object the server ever stores, and then some. */
    protected static final long LARGE = 10L * 1024 * 1024 + 1;

    /** The store under test; may be the same instance for every test. */
    protected abstract AttachmentStorage storage();

    protected static StorageKey freshKey(String extension) {
        return new StorageKey(UUID.randomUUID() + extension);
    }

    protected static byte[] ascending(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    protected final void store(StorageKey key, byte[] bytes) {
        storage().store(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
    }

    protected final byte[] read(StorageKey key, ByteRange range) {
        try (StoredObject object = storage().open(key, range).orElseThrow()) {
            byte[] bytes = object.content().readAllBytes();
            assertThat(bytes).hasSize((int) object.contentLength());
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsBackWhatWasStored() {
        StorageKey key = freshKey(".txt");
        byte[] hello = "hello, attachments".getBytes(StandardCharsets.UTF_8);
        storage().store(key, new ByteArrayInputStream(hello), hello.length, "text/plain");

        try (StoredObject object = storage().open(key, null).orElseThrow()) {
            assertThat(object.isPartial()).isFalse();
            assertThat(object.info().size()).isEqualTo(hello.length);
            assertThat(object.contentLength()).isEqualTo(hello.length);
            assertThat(object.content().readAllBytes()).isEqualTo(hello);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ObjectInfo info = storage().stat(key).orElseThrow();
        assertThat(info.size()).isEqualTo(hello.length);
        assertThat(info.etag()).isNotBlank().doesNotContain("\"");
        assertThat(storage().exists(key)).isTrue();
    }

    @Test
    void storesAnEmptyObject() {
        StorageKey key = freshKey(".txt");
        store(key, new byte[0]);

        assertThat(storage().stat(key)).map(ObjectInfo::size).contains(0L);
        assertThat(read(key, null)).isEmpty();
    }

    @Test
    void servesByteRangesWithInclusiveEnds() {
        StorageKey key = freshKey(".mp4");
        byte[] bytes = ascending(100);
        store(key, bytes);

        assertThat(read(key, new ByteRange(10, 19))).isEqualTo(slice(bytes, 10, 19));
        assertThat(read(key, new ByteRange(0, 0))).isEqualTo(slice(bytes, 0, 0));
        assertThat(read(key, new ByteRange(99, 99))).isEqualTo(slice(bytes, 99, 99));
        assertThat(read(key, ByteRange.from(90))).isEqualTo(slice(bytes, 90, 99));
    }

    @Test
    void cutsARangeAtTheEndOfTheObjectAndSaysSo() {
        StorageKey key = freshKey(".mp4");
        store(key, ascending(100));

        try (StoredObject object = storage().open(key, new ByteRange(95, 1_000)).orElseThrow()) {
            assertThat(object.isPartial()).isTrue();
            assertThat(object.range()).isEqualTo(new ByteRange(95, 99));
            assertThat(object.contentLength()).isEqualTo(5);
            assertThat(object.info().size()).isEqualTo(100);
            assertThat(object.content().readAllBytes()).containsExactly(95, 96, 97, 98, 99);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesARangeStartingPastTheEnd() {
        StorageKey key = freshKey(".mp4");
        store(key, ascending(100));

        assertThatThrownBy(() -> storage().open(key, new ByteRange(100, 120)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ByteRange(100, 120).isSatisfiable(100)).isFalse();
    }

    @Test
    void knowsNothingOfAMissingKey() {
        StorageKey key = freshKey(".png");

        assertThat(storage().open(key, null)).isEmpty();
        assertThat(storage().open(key, new ByteRange(0, 10))).isEmpty();
        assertThat(storage().stat(key)).isEmpty();
        assertThat(storage().exists(key)).isFalse();
    }

    @Test
    void keepsObjectsApart() {
        StorageKey one = freshKey(".bin");
        StorageKey other = new StorageKey(one.value() + ".bak");
        store(one, new byte[] {1});
        store(other, new byte[] {2, 2});

        assertThat(read(one, null)).containsExactly(1);
        assertThat(read(other, null)).containsExactly(2, 2);
    }

    @Test
    void replacesAnObjectStoredAgainUnderTheSameKey() {
        StorageKey key = freshKey(".txt");
        store(key, "first".getBytes(StandardCharsets.UTF_8));
        String firstTag = storage().stat(key).orElseThrow().etag();

        store(key, "second version".getBytes(StandardCharsets.UTF_8));

        assertThat(read(key, null)).asString(StandardCharsets.UTF_8).isEqualTo("second version");
        assertThat(storage().stat(key).orElseThrow().etag()).isNotEqualTo(firstTag);
    }

    /**
     * A download under way while the file is replaced (the metadata cleaning of files stored before, which rewrites a
     * file under its own name) reads the file it opened to its end, not a mix of the two.
     */
    @Test
    void aReaderOfAnObjectReplacedMeanwhileGetsTheOneItOpenedWhole() throws Exception {
        StorageKey key = freshKey(".mp4");
        storage().store(key, new GeneratedInputStream(2_000_000, -1), 2_000_000, "video/mp4");
        byte[] replacement = new byte[1_000_000];

        byte[] read;
        try (StoredObject object = storage().open(key, null).orElseThrow()) {
            byte[] start = object.content().readNBytes(1_000);
            store(key, replacement);
            byte[] rest = object.content().readAllBytes();
            read = new byte[start.length + rest.length];
            System.arraycopy(start, 0, read, 0, start.length);
            System.arraycopy(rest, 0, read, start.length, rest.length);
        }

        assertThat(read).as("the object opened, whole").isEqualTo(new GeneratedInputStream(2_000_000, -1).readAllBytes());
        assertThat(read(key, null)).as("what the next reader gets").hasSize(replacement.length);
    }

    @Test
    void failsAndKeepsNothingWhenTheContentIsShorterThanAnnounced() {
        StorageKey key = freshKey(".png");

        assertThatThrownBy(() -> storage().store(key, new ByteArrayInputStream(ascending(50)), 100, "image/png"))
                .isInstanceOf(AttachmentStorageException.class);

        assertThat(storage().exists(key)).isFalse();
        assertThat(storage().open(key, null)).isEmpty();
    }

    @Test
    void failsAndKeepsNothingWhenTheContentIsLongerThanAnnounced() {
        StorageKey key = freshKey(".png");

        assertThatThrownBy(() -> storage().store(key, new ByteArrayInputStream(ascending(100)), 50, "image/png"))
                .isInstanceOf(AttachmentStorageException.class);

        assertThat(storage().exists(key)).isFalse();
    }

    @Test
    void failsAndKeepsNothingWhenTheContentBreaksOff() {
        StorageKey key = freshKey(".mov");
        InputStream breaking = new GeneratedInputStream(1_000_000, 200_000);

        assertThatThrownBy(() -> storage().store(key, breaking, 1_000_000, "video/quicktime"))
                .isInstanceOf(AttachmentStorageException.class);

        assertThat(storage().exists(key)).isFalse();
    }

    @Test
    void aFailedReplacementLeavesThePreviousObjectAsItWas() {
        StorageKey key = freshKey(".txt");
        store(key, "kept".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> storage().store(key, new ByteArrayInputStream(ascending(10)), 20, "text/plain"))
                .isInstanceOf(AttachmentStorageException.class);

        assertThat(read(key, null)).asString(StandardCharsets.UTF_8).isEqualTo("kept");
    }

    @Test
    void anObjectIsInvisibleWhileItIsBeingStored() {
        StorageKey key = freshKey(".bin");
        AtomicReference<Optional<ObjectInfo>> seenMidway = new AtomicReference<>();
        InputStream content = new GeneratedInputStream(300_000, -1) {
            @Override
            protected void reached(long position) {
                if (position >= 150_000 && seenMidway.get() == null) {
                    seenMidway.set(storage().stat(key));
                }
            }
        };

        storage().store(key, content, 300_000, "application/octet-stream");

        assertThat(seenMidway.get()).as("stat while half stored").isEmpty();
        assertThat(storage().stat(key)).map(ObjectInfo::size).contains(300_000L);
    }

    @Test
    void streamsTheLargestUploadBothWays() throws Exception {
        StorageKey key = freshKey(".mp4");
        GeneratedInputStream source = new GeneratedInputStream(LARGE, -1);
        DigestInputStream digestingSource = new DigestInputStream(source, sha256());

        storage().store(key, digestingSource, LARGE, "video/mp4");

        assertThat(storage().stat(key)).map(ObjectInfo::size).contains(LARGE);
        MessageDigest readBack = sha256();
        try (StoredObject object = storage().open(key, null).orElseThrow()) {
            assertThat(object.contentLength()).isEqualTo(LARGE);
            long count = object.content().transferTo(new DigestingSink(readBack));
            assertThat(count).isEqualTo(LARGE);
        }
        assertThat(readBack.digest()).isEqualTo(digestingSource.getMessageDigest().digest());
        assertThat(read(key, ByteRange.from(LARGE - 2)))
                .containsExactly(GeneratedInputStream.byteAt(LARGE - 2), GeneratedInputStream.byteAt(LARGE - 1));
    }

    @Test
    void anOpenedObjectMayBeClosedBeforeItIsReadToTheEnd() throws Exception {
        StorageKey key = freshKey(".mp4");
        storage().store(key, new GeneratedInputStream(2_000_000, -1), 2_000_000, "video/mp4");

        try (StoredObject object = storage().open(key, null).orElseThrow()) {
            assertThat(object.content().read()).isEqualTo(GeneratedInputStream.byteAt(0) & 0xff);
        }
        assertThat(read(key, new ByteRange(1_000_000, 1_000_000)))
                .containsExactly(GeneratedInputStream.byteAt(1_000_000));
    }

    @Test
    void deletesAndForgets() {
        StorageKey key = freshKey(".pdf");
        store(key, ascending(10));

        storage().delete(key);

        assertThat(storage().exists(key)).isFalse();
        assertThat(storage().open(key, null)).isEmpty();
        storage().delete(key);
        storage().delete(freshKey(".pdf"));
    }

    @Test
    void aDeletedKeyCanBeStoredAgain() {
        StorageKey key = freshKey(".pdf");
        store(key, ascending(10));
        storage().delete(key);

        store(key, ascending(3));

        assertThat(read(key, null)).containsExactly(0, 1, 2);
    }

    private static byte[] slice(byte[] bytes, int first, int last) {
        byte[] part = new byte[last - first + 1];
        System.arraycopy(bytes, first, part, 0, part.length);
        return part;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final class DigestingSink extends OutputStream {
        private final MessageDigest digest;

        DigestingSink(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }

    /**
     * Yields {@code length} bytes computed from their position, so that large content exists nowhere
     * in memory; with {@code breakAt >= 0} it throws an IOException there, like an upload whose
     * client went away.
     */
    protected static class GeneratedInputStream extends InputStream {
        private final long length;
        private final long breakAt;
        private long position;

        public GeneratedInputStream(long length, long breakAt) {
            this.length = length;
            this.breakAt = breakAt;
        }

        public static byte byteAt(long position) {
            long mixed = position * 0x9E3779B97F4A7C15L;
            return (byte) (mixed >>> 56 ^ position >>> 8);
        }

        /** Called before the bytes from {@code position} on are handed out. */
        protected void reached(long position) {
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (breakAt >= 0 && position >= breakAt) {
                throw new IOException("connection reset by the uploading client");
            }
            if (position >= length) {
                return -1;
            }
            reached(position);
            long end = Math.min(length, position + count);
            if (breakAt >= 0) {
                end = Math.min(end, breakAt);
            }
            int n = (int) (end - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = byteAt(position + i);
            }
            position += n;
            return n;
        }
    }
}
