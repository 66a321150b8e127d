package org.chatserver.application.port.out.attachment;

import java.util.Optional;
import org.chatserver.domain.StoredAttachment;

/** The record of every upload, so that messages can only point at files that exist. */
public interface AttachmentRepository {

    void add(StoredAttachment attachment);

    Optional<StoredAttachment> findByName(String name);

    /** Forgets the upload (its file is being removed); false when there was none of that name. */
    boolean remove(String name);
}
