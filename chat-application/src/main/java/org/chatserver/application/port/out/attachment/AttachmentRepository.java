package org.chatserver.application.port.out.attachment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;

/** The record of every upload, so that messages can only point at files that exist. */
public interface AttachmentRepository {

    /**
     * Records an upload (or the preview made of one), {@linkplain #unpostedBefore waiting} for a message to carry it.
     */
    void add(StoredAttachment attachment);

    /**
     * Records, in the caller's transaction, that a message carries the upload of that name: it waits no more, nor does
     * its preview ({@code previewName}, null when it has none: the message shows it). Until the transaction ends nobody can {@linkplain #forgetUnposted forget} either (on
     * PostgreSQL their rows stay locked), so a message stored in it never points at a file forgotten meanwhile.
     *
     * @return false, changing nothing, when there is no upload of that name (forgotten meanwhile)
     */
    boolean markPosted(String name, String previewName);

    /**
     * Uploads and previews recorded before {@code cutoff} that no message has carried yet, oldest first, at most
     * {@code limit}.
     */
    List<StoredAttachment> unpostedBefore(Instant cutoff, int limit);

    /**
     * Forgets the upload (or preview) of that name if no message has carried it yet.
     *
     * @return false, changing nothing, when it was posted or forgotten meanwhile
     */
    boolean forgetUnposted(String name);

    /** How many bytes {@code uploader}'s uploads recorded after {@code since} hold, previews included. */
    UploadedAfter uploadedAfter(UserId uploader, Instant since);

    /**
     * @param bytes  their stored sizes together
     * @param oldest when the oldest of them was recorded; null when there is none
     */
    record UploadedAfter(long bytes, Instant oldest) {
    }

    Optional<StoredAttachment> findByName(String name);

    /** The upload whose preview is stored under {@code previewName}; empty when it is nobody's preview. */
    Optional<StoredAttachment> findByPreview(String previewName);

    /** Forgets the upload (its file is being removed); false when there was none of that name. */
    boolean remove(String name);

    /**
     * At most {@code limit} uploads whose names come after {@code afterName} (null: from the first), in the order of
     * their names as the store sorts them, so that walking every upload page by page sees each once.
     */
    List<StoredAttachment> listAfter(String afterName, int limit);

    /** Records that the upload's stored bytes now number {@code size}; false when there is no upload of that name. */
    boolean recordStoredSize(String name, long size);
}
