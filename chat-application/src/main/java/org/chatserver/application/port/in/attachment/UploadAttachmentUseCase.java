package org.chatserver.application.port.in.attachment;

import java.io.IOException;
import java.io.InputStream;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.domain.StoredAttachment;

public interface UploadAttachmentUseCase {

    /**
     * Checks what the file really is, stores it under a fresh random name (without what a photo records about
     * where it was taken: {@code MediaInspector.withoutMetadata}) and records it with the size stored.
     * {@link RejectedException} with the reason for anything not allowed: too large, a type that is
     * not accepted, a declared type or extension that contradicts the content, not an image when
     * {@code imageOnly}, an image the server will not decode (too many pixels, over its time limit).
     * {@link ServiceBusyException} when every image decoder is busy: nothing was stored, try again.
     */
    StoredAttachment upload(AuthenticatedUser caller, UploadSource source, boolean imageOnly);

    /** The refusal for a file over the size limit, also for the web layer when it cuts an upload off early. */
    String sizeLimitMessage();

    /** The largest file accepted, in bytes, inclusive: clients learn it to refuse a larger one before sending any of it. */
    long maxFileSize();

    /**
     * An upload that can be read more than once (it is already spooled to disk by the web layer),
     * so that checking it never means holding it in memory.
     */
    interface UploadSource {

        InputStream open() throws IOException;

        long size();

        /** As the client named it; may be null. */
        String originalName();

        /** As the client declared it; may be null. */
        String declaredType();
    }
}
