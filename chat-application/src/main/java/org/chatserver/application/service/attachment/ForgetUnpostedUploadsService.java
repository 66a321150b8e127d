package org.chatserver.application.service.attachment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.chatserver.application.port.in.attachment.ForgetUnpostedUploadsUseCase;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.StoredAttachment;

/**
 * Each upload's record is forgotten first, on the condition that it is still waiting (a post that carries it at the
 * same moment holds it until its commit, and then the condition fails), then its stored file is removed: the bytes go
 * only once nothing can point at them. A store that fails to remove a file leaves it behind, unreachable, as the
 * deletion of a message does; it is counted so that an operator sees it.
 */
public final class ForgetUnpostedUploadsService implements ForgetUnpostedUploadsUseCase {

    static final int PAGE = 100;

    private final AttachmentRepository attachments;
    private final AttachmentStorage storage;
    private final Clock clock;
    private final Duration retention;

    /** @param retention how long an upload may wait for a message to carry it */
    public ForgetUnpostedUploadsService(AttachmentRepository attachments, AttachmentStorage storage, Clock clock,
                                        Duration retention) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.retention = retention;
    }

    @Override
    public Forgotten forgetUnposted() {
        Instant cutoff = clock.instant().minus(retention);
        int files = 0;
        long bytes = 0;
        int notRemoved = 0;
        // every page's uploads leave the list (forgotten, or posted meanwhile), so the next page starts after them
        for (List<StoredAttachment> page = attachments.unpostedBefore(cutoff, PAGE); !page.isEmpty();
             page = attachments.unpostedBefore(cutoff, PAGE)) {
            int forgottenNow = 0;
            for (StoredAttachment upload : page) {
                if (!attachments.forgetUnposted(upload.name())) {
                    continue;
                }
                forgottenNow++;
                files++;
                bytes += upload.size();
                try {
                    storage.delete(new StorageKey(upload.name()));
                } catch (AttachmentStorageException | IllegalArgumentException e) {
                    notRemoved++;
                }
            }
            if (forgottenNow == 0) {
                // all posted or forgotten by another node meanwhile: the next look starts afresh, at the next run
                break;
            }
        }
        return new Forgotten(files, bytes, notRemoved);
    }
}
