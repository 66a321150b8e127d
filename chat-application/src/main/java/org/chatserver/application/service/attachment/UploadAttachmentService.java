package org.chatserver.application.service.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.MediaInspector.FileRefusedException;
import org.chatserver.application.port.out.attachment.MediaInspector.ImagePreview;
import org.chatserver.application.port.out.attachment.MediaInspector.ImageRefusedException;
import org.chatserver.application.port.out.attachment.MediaInspector.InspectorBusyException;
import org.chatserver.application.port.out.attachment.MediaInspector;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.service.attachment.UploadPolicy.FileType;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UnicodeText;

/**
 * The server decides what a file is, from its bytes. The name and declared type a client sends
 * may only agree with that; an upload is stored under a fresh random name with the extension of
 * what it really is, and without what its format records about where and with what it was made
 * (a photo's GPS position), as the inspector removes it.
 */
public final class UploadAttachmentService implements UploadAttachmentUseCase {

    private static final String GENERIC_TYPE = "application/octet-stream";

    private final UploadPolicy policy;
    private final MediaInspector inspector;
    private final AttachmentStorage storage;
    private final AttachmentRepository attachments;
    private final Transactions transactions;
    private final Clock clock;
    private final LongAdder quotaRefusals = new LongAdder();

    public UploadAttachmentService(UploadPolicy policy, MediaInspector inspector, AttachmentStorage storage,
                                   AttachmentRepository attachments, Transactions transactions, Clock clock) {
        this.policy = policy;
        this.inspector = inspector;
        this.storage = storage;
        this.attachments = attachments;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String sizeLimitMessage() {
        // the original server's wording, which clients may show; exact for limits that are not whole MiB
        long max = policy.maxBytes();
        String limit = max % MIB == 0 ? max / MIB + "MB" : max % KIB == 0 ? max / KIB + "KB" : max + " bytes";
        return "File size must be less than " + limit;
    }

    @Override
    public long maxFileSize() {
        return policy.maxBytes();
    }

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    @Override
    public StoredAttachment upload(AuthenticatedUser caller, UploadSource source, boolean imageOnly) {
        if (source.size() > policy.maxBytes()) {
            throw new RejectedException(sizeLimitMessage());
        }
        if (source.size() == 0) {
            throw new RejectedException("File is empty");
        }
        checkQuota(caller, source.size());
        String originalName = displayName(source.originalName());
        String detected = UploadPolicy.canonical(read(source, in -> inspector.detectType(in, originalName)));
        Optional<FileType> accepted = policy.accepted(detected);
        if (imageOnly && accepted.map(t -> t.kind() != AttachmentKind.IMAGE).orElse(true)) {
            throw new RejectedException("File must be an image");
        }
        FileType type = accepted.orElseThrow(() -> new RejectedException(policy.notAllowed(detected)));
        checkDeclaredType(source.declaredType(), detected);
        checkExtension(originalName, type, detected);

        Optional<ImagePreview> preview = type.kind() == AttachmentKind.IMAGE ? preview(source) : Optional.empty();
        if (type.kind() == AttachmentKind.IMAGE && preview.isEmpty()) {
            throw new RejectedException(imageOnly ? "File must be an image" : "File is not a valid image");
        }

        String id = UUID.randomUUID().toString();
        StorageKey key = new StorageKey(id + type.extension());
        long size = storedSize(source, detected);
        if (size == 0) {
            // an MP3 whose tag claims more than the file: what would be stored and served is nothing
            throw new RejectedException("File is empty once its metadata is removed");
        }
        // served with the text, so that a browser shows a Windows-1252 file's accents as they are, not as UTF-8 garbage
        String charset = detected.startsWith("text/") ? read(source, inspector::textCharset) : null;
        read(source, in -> {
            storage.store(key, inspector.withoutMetadata(in, detected).orElse(in), size, detected);
            return null;
        });
        StorageKey previewKey = preview.map(p -> storePreview(id, p)).orElse(null);
        StoredAttachment record = new StoredAttachment(key.value(), originalName, size, detected,
                type.kind(), caller.userId(), clock.instant(), previewKey == null ? null : previewKey.value(), charset);
        try {
            transactions.run(() -> {
                attachments.add(record);
                if (previewKey != null) {
                    ImagePreview p = preview.get();
                    attachments.add(new StoredAttachment(previewKey.value(), "preview-" + originalName,
                            p.bytes().length, p.mimeType(), AttachmentKind.IMAGE, caller.userId(),
                            record.createdAt(), null));
                }
            });
        } catch (RuntimeException e) {
            // no record, no file: nothing may point at bytes the server does not know
            storage.delete(key);
            if (previewKey != null) {
                storage.delete(previewKey);
            }
            throw e;
        }
        return record;
    }

    /**
     * Counted before anything is read or stored, with the upload's size as sent (what is stored is no larger). Uploads
     * in flight at the same moment are not counted against each other: a user can pass the quota by the uploads they
     * send at once, never by more.
     */
    private void checkQuota(AuthenticatedUser caller, long size) {
        long quota = policy.dailyQuota();
        if (quota == 0) {
            return;
        }
        Instant now = clock.instant();
        AttachmentRepository.UploadedAfter recent = attachments.uploadedAfter(caller.userId(), now.minus(DAY));
        if (recent.bytes() + size <= quota) {
            return;
        }
        quotaRefusals.increment();
        // the oldest upload of the day leaves the count first, once a whole day old; with none (a file larger than the
        // quota itself), a day
        Instant retry = recent.oldest() == null ? now.plus(DAY) : recent.oldest().plus(DAY);
        throw new TooManyRequestsException("Upload quota reached: you uploaded " + amount(recent.bytes())
                + " in the last 24 hours, and this server takes at most " + amount(quota)
                + " a day from each user; try again after " + retry.truncatedTo(ChronoUnit.SECONDS),
                Duration.between(now, retry));
    }

    private static final Duration DAY = Duration.ofHours(24);

    /** Uploads refused for the daily quota since start. */
    public long quotaRefusals() {
        return quotaRefusals.sum();
    }

    /** As the size limit is written: whole megabytes (or kilobytes) where it is one, rounded down otherwise. */
    private static String amount(long bytes) {
        if (bytes >= MIB) {
            return (bytes % MIB == 0 ? "" : "about ") + bytes / MIB + "MB";
        }
        return bytes >= KIB ? (bytes % KIB == 0 ? "" : "about ") + bytes / KIB + "KB" : bytes + " bytes";
    }

    private Optional<ImagePreview> preview(UploadSource source) {
        try {
            return read(source, in -> inspector.preview(in, policy.previewWidth()));
        } catch (ImageRefusedException e) {
            throw new RejectedException(e.getMessage());
        } catch (InspectorBusyException e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds() + (e.retryAfter().toNanosPart() > 0 ? 1 : 0));
            throw new ServiceBusyException("The server is busy with other images; try again in " + seconds
                    + (seconds == 1 ? " second" : " seconds"), e.retryAfter());
        }
    }

    /**
     * The size of the file as stored, without what the inspector removes (a photo's GPS position and the rest of its
     * EXIF): the store is told it before the bytes go, so they are counted once through, never held.
     */
    private long storedSize(UploadSource source, String type) {
        try {
            return read(source, in -> {
                Optional<InputStream> stored = inspector.withoutMetadata(in, type);
                return stored.isPresent() ? stored.get().transferTo(OutputStream.nullOutputStream()) : source.size();
            });
        } catch (FileRefusedException e) {
            // read once through before anything is stored: a document that cannot be cleaned is never stored
            throw new RejectedException(e.getMessage());
        }
    }

    private StorageKey storePreview(String id, ImagePreview preview) {
        String extension = preview.mimeType().equals("image/png") ? ".png" : ".jpg";
        StorageKey key = new StorageKey(id + "-preview" + extension);
        storage.store(key, new ByteArrayInputStream(preview.bytes()), preview.bytes().length, preview.mimeType());
        return key;
    }

    private static void checkDeclaredType(String declared, String detected) {
        if (declared == null || declared.isBlank()) {
            return;
        }
        String base = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (base.equals(GENERIC_TYPE) || base.isEmpty()) {
            return;
        }
        if (!UploadPolicy.sameType(base, detected)) {
            throw new RejectedException("Declared type " + base + " does not match the content, which is " + detected);
        }
    }

    private static void checkExtension(String name, FileType type, String detected) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!type.nameExtensions().contains(extension)) {
            throw new RejectedException("File name extension ." + extension
                    + " does not match the content, which is " + detected);
        }
    }

    private static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return "file";
        }
        // keep the last path segment only, without control characters or bidirectional controls (which can show a
        // name backwards), bounded
        String base = name.replace('\\', '/');
        base = UnicodeText.withoutBidiControls(base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", ""))
                .strip();
        if (base.isEmpty()) {
            return "file";
        }
        // the end, where the extension is; counted in characters, never cutting one in two
        return UnicodeText.lastCodePoints(base, 255);
    }

    private interface StreamWork<T> {
        T apply(InputStream in) throws IOException;
    }

    private static <T> T read(UploadSource source, StreamWork<T> work) {
        try (InputStream in = source.open()) {
            return work.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload", e);
        }
    }
}
