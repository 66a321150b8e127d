package org.chatserver.application.port.out.attachment;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredObject;

/**
 * Where the bytes of uploaded attachments live. Deciding what a file is (type, size limit, name)
 * happens before this port; it only keeps and hands back bytes, streaming both ways so that no
 * attachment is ever held whole in memory.
 *
 * <p>Serving a download: {@link #stat} for size and ETag (to answer {@code If-None-Match} or to check
 * a {@code Range}), then {@link #open} with the range. Failures of the store itself surface as
 * {@link AttachmentStorageException}.
 */
public interface AttachmentStorage {

    /**
     * Stores exactly {@code length} bytes read from {@code content} under {@code key}. Atomic: a
     * reader sees the previous state or the complete new object, never a part. An existing object
     * with the same key is replaced (keys are fresh random names, so this only happens on purpose).
     * When the stream ends early, yields more than {@code length} bytes or fails, nothing is stored,
     * an object previously under the key stays as it was, and an {@link AttachmentStorageException}
     * is thrown. The caller closes {@code content}.
     *
     * @param contentType the media type decided at upload, kept where the store has a place for it
     *                    (S3 object metadata); serving does not rely on it
     */
    void store(StorageKey key, InputStream content, long length, String contentType);

    /** Size and version of an object, or empty when there is none under {@code key}. */
    Optional<ObjectInfo> stat(StorageKey key);

    /**
     * Opens an object for reading, whole when {@code rangeOrNull} is null, else the part the range
     * covers (its end cut to the object's end). Empty when there is no object under {@code key}.
     *
     * @throws IllegalArgumentException when the range starts at or beyond the end of the object;
     *                                  check {@link ByteRange#isSatisfiable} against {@link #stat}
     *                                  first and answer 416 instead
     */
    Optional<StoredObject> open(StorageKey key, ByteRange rangeOrNull);

    default boolean exists(StorageKey key) {
        return stat(key).isPresent();
    }

    /** Removes the object; removing a missing object is not an error. */
    void delete(StorageKey key);

    /**
     * A URL to send the downloading client to instead of streaming the bytes through this server.
     * Anyone may GET it for a short while (the store's configured validity) and is answered with the
     * given {@code Content-Type} and {@code Content-Disposition}, whatever was stored. Empty when this
     * store does not hand out such URLs (a local disk, or S3 configured to stream): then the server
     * streams the bytes itself. Whether the object exists is not checked.
     */
    default Optional<URI> presignedDownload(StorageKey key, String contentType, String contentDisposition) {
        return Optional.empty();
    }
}
