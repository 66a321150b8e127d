package org.chatserver.application.port.out.attachment;

import java.util.List;
import java.util.Optional;
import org.chatserver.domain.StoredAttachment;

/** The record of every upload, so that messages can only point at files that exist. */
public interface AttachmentRepository {

    void add(StoredAttachment attachment);

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
