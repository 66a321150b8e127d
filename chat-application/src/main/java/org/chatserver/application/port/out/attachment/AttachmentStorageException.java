package org.chatserver.application.port.out.attachment;

/**
 * Storing or reading an attachment failed: the store is unreachable or broken, or the content did
 * not have the announced length. Whatever the cause, a failed {@code store} left nothing behind.
 */
public final class AttachmentStorageException extends RuntimeException {

    public AttachmentStorageException(String message) {
        super(message);
    }

    public AttachmentStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
