package org.chatserver.application.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;

/** Passes every call on to another repository; a test overrides the one call it makes go wrong. */
public class ForwardingAttachmentRepository implements AttachmentRepository {

    private final AttachmentRepository delegate;

    public ForwardingAttachmentRepository(AttachmentRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void add(StoredAttachment attachment) {
        delegate.add(attachment);
    }

    @Override
    public Optional<StoredAttachment> findByName(String name) {
        return delegate.findByName(name);
    }

    @Override
    public Optional<StoredAttachment> findByPreview(String previewName) {
        return delegate.findByPreview(previewName);
    }

    @Override
    public boolean remove(String name) {
        return delegate.remove(name);
    }

    @Override
    public List<StoredAttachment> listAfter(String afterName, int limit) {
        return delegate.listAfter(afterName, limit);
    }

    @Override
    public boolean recordStoredSize(String name, long size) {
        return delegate.recordStoredSize(name, size);
    }

    @Override
    public boolean markPosted(String name, String previewName) {
        return delegate.markPosted(name, previewName);
    }

    @Override
    public List<StoredAttachment> unpostedBefore(Instant cutoff, int limit) {
        return delegate.unpostedBefore(cutoff, limit);
    }

    @Override
    public boolean forgetUnposted(String name) {
        return delegate.forgetUnposted(name);
    }

    @Override
    public UploadedAfter uploadedAfter(UserId uploader, Instant since) {
        return delegate.uploadedAfter(uploader, since);
    }
}
