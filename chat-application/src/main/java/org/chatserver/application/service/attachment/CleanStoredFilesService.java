package org.chatserver.application.service.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.StoredObject;

/**
 * Each file is read twice, as at upload: once to learn whether cleaning changes it and what size the cleaned file
 * has (a store is told the length before the bytes), once to store the cleaned bytes under the same name, which
 * replaces the file atomically (a download sees the old file or the new one). The records follow in one transaction.
 *
 * <p>A file whose upload is removed meanwhile (its last message deleted) is not brought back: when the record is
 * gone by the time the size is recorded, the file just stored is deleted again. Stopped between storing and
 * recording (a crash), a file is served whole and right, since downloads take their length from the store, while
 * its messages still show the old size until the next run records it.
 */
public final class CleanStoredFilesService implements CleanStoredFilesUseCase {

    private final AttachmentRepository attachments;
    private final MessageRepository messages;
    private final AttachmentStorage storage;
    private final MediaInspector inspector;
    private final Transactions transactions;

    public CleanStoredFilesService(AttachmentRepository attachments, MessageRepository messages,
                                   AttachmentStorage storage, MediaInspector inspector, Transactions transactions) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Page cleanAfter(String afterName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<Cleaned> files = new ArrayList<>();
        for (StoredAttachment upload : attachments.listAfter(afterName, limit)) {
            files.add(clean(upload));
        }
        return new Page(files);
    }

    /**
     * Reading and writing the store, and the cleaning itself, fail for this file alone (it is reported and the run
     * goes on); recording the size in the database fails the run, since the next file would fail the same way.
     */
    private Cleaned clean(StoredAttachment upload) {
        StorageKey key = new StorageKey(upload.name());
        Reading read;
        try {
            Optional<Reading> reading = read(key, upload.mimeType());
            if (reading.isEmpty()) {
                return new Cleaned(upload.name(), Outcome.MISSING, 0, 0, null);
            }
            read = reading.get();
            if (read.unchanged()) {
                if (read.size() != upload.size()) {
                    // cleaned by a run that stopped before recording its size: the records catch up now
                    recordSize(upload.name(), read.size());
                }
                return new Cleaned(upload.name(), Outcome.UNCHANGED, read.size(), read.size(), null);
            }
            if (read.cleanedSize() == 0) {
                return new Cleaned(upload.name(), Outcome.FAILED, read.size(), read.size(),
                        "nothing would be left once its metadata is removed");
            }
            if (!store(key, upload.mimeType(), read.cleanedSize())) {
                return new Cleaned(upload.name(), Outcome.MISSING, read.size(), read.size(), null);
            }
        } catch (RuntimeException e) {
            return new Cleaned(upload.name(), Outcome.FAILED, upload.size(), upload.size(), String.valueOf(e.getMessage()));
        }
        if (!recordSize(upload.name(), read.cleanedSize())) {
            // the upload was removed while it was being cleaned: its file goes too, as the removal meant
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                return new Cleaned(upload.name(), Outcome.FAILED, read.size(), read.cleanedSize(),
                        "its upload was removed meanwhile, and deleting its file failed: " + e.getMessage());
            }
            return new Cleaned(upload.name(), Outcome.MISSING, read.size(), read.size(), null);
        }
        return new Cleaned(upload.name(), Outcome.REWRITTEN, read.size(), read.cleanedSize(), null);
    }

    /** The upload's and its messages' size, in one transaction; false when there is no such upload any more. */
    private boolean recordSize(String name, long size) {
        return transactions.inTransaction(() -> {
            if (!attachments.recordStoredSize(name, size)) {
                return false;
            }
            messages.recordFileSize(name, size);
            return true;
        });
    }

    /** What cleaning would make of the stored file; empty when the store has none. */
    private Optional<Reading> read(StorageKey key, String mediaType) {
        Optional<StoredObject> opened = storage.open(key, null);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (StoredObject object = opened.get();
             DigestInputStream original = new DigestInputStream(new OnceThrough(object.content()), sha256())) {
            Optional<InputStream> cleaned = inspector.withoutMetadata(original, mediaType);
            if (cleaned.isEmpty()) {
                return Optional.of(new Reading(object.info().size(), object.info().size(), true));
            }
            MessageDigest cleanedDigest = sha256();
            long cleanedSize;
            try (InputStream out = new DigestInputStream(cleaned.get(), cleanedDigest)) {
                cleanedSize = out.transferTo(OutputStream.nullOutputStream());
            }
            // what the cleaning did not read (a trailer it dropped) counts in the original's digest too
            long rest = original.transferTo(OutputStream.nullOutputStream());
            boolean unchanged = rest == 0 && cleanedSize == object.info().size()
                    && Arrays.equals(cleanedDigest.digest(), original.getMessageDigest().digest());
            return Optional.of(new Reading(object.info().size(), cleanedSize, unchanged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the cleaned bytes under the same name; false when the file went meanwhile. */
    private boolean store(StorageKey key, String mediaType, long cleanedSize) {
        Optional<StoredObject> opened = storage.open(key, null);
        if (opened.isEmpty()) {
            return false;
        }
        try (StoredObject object = opened.get()) {
            InputStream content = object.content();
            storage.store(key, inspector.withoutMetadata(content, mediaType).orElse(content), cleanedSize, mediaType);
            return true;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Reading(long size, long cleanedSize, boolean unchanged) {
    }

    /**
     * The stored file read once, to its end: without mark and reset, so that every byte passes the digest once (an
     * inspector that wants to read ahead buffers it itself), and left open when the cleaned stream over it is
     * closed, so that what the cleaning did not read can still be read. The stored object closes it.
     */
    private static final class OnceThrough extends FilterInputStream {

        OnceThrough(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
