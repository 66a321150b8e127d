package org.chatserver.application.service.attachment;

import java.util.Optional;
import org.chatserver.application.port.in.attachment.ServeAttachmentUseCase;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.StoredObject;

public final class ServeAttachmentService implements ServeAttachmentUseCase {

    private final AttachmentRepository attachments;
    private final AttachmentStorage storage;

    public ServeAttachmentService(AttachmentRepository attachments, AttachmentStorage storage) {
        this.attachments = attachments;
        this.storage = storage;
    }

    @Override
    public Optional<ServedFile> describe(String name) {
        Optional<StorageKey> key = key(name);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredAttachment> record = attachments.findByName(key.get().value());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectInfo> info = storage.stat(key.get());
        if (info.isEmpty()) {
            return Optional.empty();
        }
        StoredAttachment a = record.get();
        String contentType = DownloadHeaders.contentType(a.mimeType(), a.charset());
        String disposition = DownloadHeaders.contentDisposition(a);
        return Optional.of(new ServedFile(a.name(), a.originalName(), a.mimeType(), a.kind(), info.get().size(),
                info.get().etag(), info.get().lastModified(), contentType, disposition,
                storage.presignedDownload(key.get(), contentType, disposition)));
    }

    @Override
    public Optional<StoredObject> open(String name, ByteRange rangeOrNull) {
        return key(name).flatMap(k -> storage.open(k, rangeOrNull));
    }

    private static Optional<StorageKey> key(String name) {
        try {
            return Optional.of(new StorageKey(name));
        } catch (InvalidValueException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
