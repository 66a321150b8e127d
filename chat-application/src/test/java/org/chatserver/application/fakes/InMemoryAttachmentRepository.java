package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;

/**
 * Thread-safe in-memory {@link AttachmentRepository}; behaves as the database adapters do (see its contract
 * test). It asks the given user repository whether an uploader exists, as the databases' foreign keys do.
 */
public final class InMemoryAttachmentRepository implements AttachmentRepository {

    private final UserRepository users;
    private final NavigableMap<String, StoredAttachment> byName = new TreeMap<>();
    private final Set<String> awaitingPost = new HashSet<>();

    public InMemoryAttachmentRepository(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public synchronized void add(StoredAttachment attachment) {
        if (byName.containsKey(attachment.name())) {
            throw new IllegalStateException("attachment " + attachment.name() + " already recorded");
        }
        if (users.findById(attachment.uploader()).isEmpty()) {
            throw new IllegalArgumentException("no user with id " + attachment.uploader());
        }
        byName.put(attachment.name(), new StoredAttachment(attachment.name(), attachment.originalName(),
                attachment.size(), attachment.mimeType(), attachment.kind(), attachment.uploader(),
                attachment.createdAt().truncatedTo(ChronoUnit.MILLIS), attachment.previewName(), attachment.charset()));
        awaitingPost.add(attachment.name());
    }

    @Override
    public synchronized boolean remove(String name) {
        awaitingPost.remove(name);
        return byName.remove(name) != null;
    }

    @Override
    public synchronized boolean markPosted(String name, String previewName) {
        if (!byName.containsKey(name)) {
            return false;
        }
        awaitingPost.remove(name);
        if (previewName != null) {
            awaitingPost.remove(previewName);
        }
        return true;
    }

    @Override
    public synchronized List<StoredAttachment> unpostedBefore(Instant cutoff, int limit) {
        return awaitingPost.stream().map(byName::get)
                .filter(a -> a.createdAt().isBefore(cutoff.truncatedTo(ChronoUnit.MILLIS)))
                .sorted(Comparator.comparing(StoredAttachment::createdAt).thenComparing(StoredAttachment::name))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean forgetUnposted(String name) {
        return awaitingPost.contains(name) && remove(name);
    }

    @Override
    public synchronized UploadedAfter uploadedAfter(UserId uploader, Instant since) {
        List<StoredAttachment> recent = byName.values().stream()
                .filter(a -> a.uploader().equals(uploader) && a.createdAt().isAfter(since.truncatedTo(ChronoUnit.MILLIS)))
                .toList();
        return new UploadedAfter(recent.stream().mapToLong(StoredAttachment::size).sum(),
                recent.stream().map(StoredAttachment::createdAt).min(Comparator.naturalOrder()).orElse(null));
    }

    @Override
    public synchronized Optional<StoredAttachment> findByName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public synchronized Optional<StoredAttachment> findByPreview(String previewName) {
        return byName.values().stream().filter(a -> previewName.equals(a.previewName())).findFirst();
    }

    @Override
    public synchronized List<StoredAttachment> listAfter(String afterName, int limit) {
        return (afterName == null ? byName : byName.tailMap(afterName, false)).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized boolean recordStoredSize(String name, long size) {
        return byName.computeIfPresent(name, (n, a) -> new StoredAttachment(a.name(), a.originalName(), size,
                a.mimeType(), a.kind(), a.uploader(), a.createdAt(), a.previewName(), a.charset())) != null;
    }
}
