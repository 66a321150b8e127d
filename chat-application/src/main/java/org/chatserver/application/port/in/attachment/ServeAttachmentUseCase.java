package org.chatserver.application.port.in.attachment;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.StoredObject;

/**
 * Hands out uploaded files. No caller: the random name is the capability (clients load images
 * with plain loaders that send no bearer).
 */
public interface ServeAttachmentUseCase {

    /** What is known about the file; empty for unknown or malformed names. */
    Optional<ServedFile> describe(String name);

    /** The bytes, whole or a range already checked against {@link ServedFile#size()}. */
    Optional<StoredObject> open(String name, ByteRange rangeOrNull);

    /**
     * @param contentType        the {@code Content-Type} to serve it with: never one a browser would run
     * @param contentDisposition the {@code Content-Disposition}: media inline, anything else as a download
     * @param redirect           a short-lived URL the client may be sent to instead of streaming, when the
     *                           store offers one; the store answers it with the same two headers
     */
    record ServedFile(String name, String originalName, String mimeType, AttachmentKind kind, long size,
                      String etag, Instant lastModified, String contentType, String contentDisposition,
                      Optional<URI> redirect) {
    }
}
