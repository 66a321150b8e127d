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
     * @param redirect a short-lived URL the client may be sent to instead of streaming, when the
     *                 store offers one
     */
    record ServedFile(String name, String originalName, String mimeType, AttachmentKind kind, long size,
                      String etag, Instant lastModified, Optional<URI> redirect) {
    }
}
