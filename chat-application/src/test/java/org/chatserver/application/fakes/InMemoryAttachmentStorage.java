package org.chatserver.application.fakes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredObject;

/** Attachments kept in a map; proven interchangeable with the real stores by AttachmentStorageContract. */
public final class InMemoryAttachmentStorage implements AttachmentStorage {

    private record Entry(byte[] bytes, String contentType, ObjectInfo info) {
    }

    private final Map<StorageKey, Entry> objects = new ConcurrentHashMap<>();
    private final List<List<String>> presignRequests = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile String presignedUrlBase;

    public InMemoryAttachmentStorage() {
        this(Clock.systemUTC());
    }

    public InMemoryAttachmentStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void store(StorageKey key, InputStream content, long length, String contentType) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("length out of range: " + length);
        }
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) length);
            if (bytes.length < length) {
                throw new AttachmentStorageException(
                        "content ended after " + bytes.length + " of " + length + " bytes");
            }
            if (content.read() != -1) {
                throw new AttachmentStorageException("content is longer than " + length + " bytes");
            }
        } catch (IOException e) {
            throw new AttachmentStorageException("reading the content failed", e);
        }
        ObjectInfo info = new ObjectInfo(length, UUID.randomUUID().toString(), clock.instant());
        objects.put(key, new Entry(bytes, contentType, info));
    }

    @Override
    public Optional<ObjectInfo> stat(StorageKey key) {
        return Optional.ofNullable(objects.get(key)).map(Entry::info);
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange rangeOrNull) {
        Entry entry = objects.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (rangeOrNull == null) {
            return Optional.of(new StoredObject(entry.info(), null, new ByteArrayInputStream(entry.bytes())));
        }
        ByteRange range = rangeOrNull.clampTo(entry.bytes().length);
        return Optional.of(new StoredObject(entry.info(), range,
                new ByteArrayInputStream(entry.bytes(), (int) range.first(), (int) range.length())));
    }

    @Override
    public void delete(StorageKey key) {
        objects.remove(key);
    }

    /** The content type given at upload, for tests of the upload use case. */
    public Optional<String> contentTypeOf(StorageKey key) {
        return Optional.ofNullable(objects.get(key)).map(Entry::contentType);
    }

    /** Every key stored now, for tests that check nothing was left behind. */
    public java.util.Set<StorageKey> keys() {
        return java.util.Set.copyOf(objects.keySet());
    }

    /** From now on hands out presigned URLs under {@code urlBase}, as S3 does in redirect mode. */
    public void handOutPresignedUrls(String urlBase) {
        presignedUrlBase = urlBase;
    }

    /** The Content-Type and Content-Disposition each presigned URL was asked for, in order. */
    public List<List<String>> presignRequests() {
        return List.copyOf(presignRequests);
    }

    @Override
    public Optional<URI> presignedDownload(StorageKey key, String contentType, String contentDisposition) {
        String base = presignedUrlBase;
        if (base == null) {
            return Optional.empty();
        }
        presignRequests.add(List.of(contentType, contentDisposition));
        return Optional.of(URI.create(base + key.value() + "?X-Amz-Signature=abc"));
    }
}
