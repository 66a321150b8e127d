package org.chatserver.application.fakes;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.out.AttachmentRepository;
import org.chatserver.domain.StoredAttachment;

/** Thread-safe in-memory {@link AttachmentRepository}. */
public final class InMemoryAttachmentRepository implements AttachmentRepository {

    private final Map<String, StoredAttachment> byName = new ConcurrentHashMap<>();

    @Override
    public void add(StoredAttachment attachment) {
        StoredAttachment stored = new StoredAttachment(attachment.name(), attachment.originalName(), attachment.size(),
                attachment.mimeType(), attachment.kind(), attachment.uploader(),
                attachment.createdAt().truncatedTo(ChronoUnit.MILLIS), attachment.previewName());
        if (byName.putIfAbsent(attachment.name(), stored) != null) {
            throw new IllegalStateException("attachment " + attachment.name() + " already recorded");
        }
    }

    @Override
    public Optional<StoredAttachment> findByName(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
