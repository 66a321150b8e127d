package org.chatserver.adapter.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.FakeMediaInspector;
import org.chatserver.application.fakes.InMemoryAttachmentRepository;
import org.chatserver.application.fakes.InMemoryAttachmentStorage;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.attachment.ServeAttachmentUseCase;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.attachment.ServeAttachmentService;
import org.chatserver.application.service.attachment.UploadAttachmentService;
import org.chatserver.application.service.attachment.UploadPolicy;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.StoredObject;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * The real upload and download services over the application's in-memory ports, behind the use-case
 * interfaces the controllers see. {@link #reset()} starts with no files; {@link #redirectDownloads()}
 * makes the store hand out presigned URLs, as S3 configured to redirect does.
 */
final class InMemoryFiles implements UploadAttachmentUseCase, ServeAttachmentUseCase {

    /** When every file in these tests was stored. */
    static final Instant STORED_AT = Instant.parse("2025-10-04T18:42:41.250Z");
    static final String PRESIGNED_HOST = "https://bucket.example.org/";

    private volatile World world = new World();

    void reset() {
        world = new World();
    }

    void redirectDownloads() {
        world.storage.redirecting = true;
    }

    /** Every image decoder busy from now on: image uploads are refused until {@link #reset()}. */
    void decodersBusy(Duration retryAfter) {
        world.inspector.becomeBusy(retryAfter);
    }

    @Override
    public StoredAttachment upload(AuthenticatedUser caller, UploadSource source, boolean imageOnly) {
        world.uploads.incrementAndGet();
        return world.upload.upload(caller, source, imageOnly);
    }

    /** How many uploads reached the use case since the last {@link #reset()}. */
    int uploads() {
        return world.uploads.get();
    }

    @Override
    public String sizeLimitMessage() {
        return world.upload.sizeLimitMessage();
    }

    @Override
    public long maxFileSize() {
        return world.upload.maxFileSize();
    }

    @Override
    public Optional<ServedFile> describe(String name) {
        return world.serve.describe(name);
    }

    @Override
    public Optional<StoredObject> open(String name, ByteRange rangeOrNull) {
        return world.serve.open(name, rangeOrNull);
    }

    private static final class World {
        final Clock clock = new MutableClock(STORED_AT);
        final PresigningStorage storage = new PresigningStorage(new InMemoryAttachmentStorage(clock));
        final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(new EveryoneExists());
        final FakeMediaInspector inspector = new FakeMediaInspector();
        final UploadAttachmentService upload = new UploadAttachmentService(UploadPolicy.defaults(),
                inspector, storage, attachments, new DirectTransactions(), clock);
        final ServeAttachmentService serve = new ServeAttachmentService(attachments, storage);
        final AtomicInteger uploads = new AtomicInteger();
    }

    /** The HTTP tests' callers come from their own user double: here every uploader exists. */
    private static final class EveryoneExists implements UserRepository {

        @Override
        public Optional<User> create(Username username, PasswordHash passwordHash, Instant createdAt) {
            throw new UnsupportedOperationException("not needed by the file tests");
        }

        @Override
        public Optional<User> findByUsername(Username username) {
            return Optional.empty();
        }

        @Override
        public Optional<User> findLookingLike(Username username) {
            return Optional.empty();
        }

        @Override
        public Optional<User> findById(UserId id) {
            return Optional.of(new User(id, new Username("user" + id.value()), new PasswordHash("unused"), STORED_AT));
        }

        @Override
        public boolean sharesReadReceipts(UserId id) {
            return true;
        }

        @Override
        public boolean shareReadReceipts(UserId id, boolean share) {
            throw new UnsupportedOperationException("not needed by the file tests");
        }

        @Override
        public boolean changePasswordHash(UserId id, PasswordHash passwordHash) {
            throw new UnsupportedOperationException("not needed by the file tests");
        }

        @Override
        public Optional<PasswordHash> lockPasswordHash(UserId id) {
            throw new UnsupportedOperationException("not needed by the file tests");
        }
    }

    /** The in-memory store, optionally offering presigned download URLs. */
    private static final class PresigningStorage implements AttachmentStorage {

        private final AttachmentStorage bytes;
        volatile boolean redirecting;

        PresigningStorage(AttachmentStorage bytes) {
            this.bytes = bytes;
        }

        @Override
        public void store(StorageKey key, InputStream content, long length, String contentType) {
            bytes.store(key, content, length, contentType);
        }

        @Override
        public Optional<ObjectInfo> stat(StorageKey key) {
            return bytes.stat(key);
        }

        @Override
        public Optional<StoredObject> open(StorageKey key, ByteRange rangeOrNull) {
            return bytes.open(key, rangeOrNull);
        }

        @Override
        public void delete(StorageKey key) {
            bytes.delete(key);
        }

        @Override
        public Optional<URI> presignedDownload(StorageKey key, String contentType, String contentDisposition) {
            return redirecting ? Optional.of(URI.create(PRESIGNED_HOST + key.value() + "?X-Amz-Signature=abc"))
                    : Optional.empty();
        }
    }
}
