package org.chatserver.adapter.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.domain.ByteRange;
import org.chatserver.domain.ObjectInfo;
import org.chatserver.domain.StoredObject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments as objects in one bucket of an S3-compatible store, object key = {@link StorageKey}.
 * A PUT is atomic in S3: an object appears whole or not at all, and a PUT that fails or is cut off
 * leaves the previous object in place.
 */
public final class S3AttachmentStorage implements AttachmentStorage, AutoCloseable {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration redirectTtl;

    /**
     * @param redirectTtl validity of presigned URLs, or {@code null} to hand out none (serve-mode stream)
     */
    public S3AttachmentStorage(S3Client s3, S3Presigner presigner, String bucket, Duration redirectTtl) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.redirectTtl = redirectTtl;
    }

    @Override
    public void store(StorageKey key, InputStream content, long length, String contentType) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        ExactLengthInputStream exact = new ExactLengthInputStream(content, length);
        try {
            exact.checkEmptyWhenLengthIsZero();
            s3.putObject(request -> request.bucket(bucket).key(key.value())
                            .contentType(contentType).contentLength(length),
                    RequestBody.fromInputStream(exact, length));
        } catch (IOException e) {
            throw new AttachmentStorageException("storing " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException | IllegalStateException | UncheckedIOException e) {
            // the SDK wraps the stream's own complaint, or, retrying, says it cannot re-read the
            // stream (IllegalStateException); the stream's complaint is the more useful message
            String reason = exact.failure() != null ? exact.failure().getMessage() : e.getMessage();
            throw new AttachmentStorageException("storing " + key + " failed: " + reason, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(StorageKey key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key.value()));
            return Optional.of(info(head.contentLength(), head.eTag(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange rangeOrNull) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key.value());
        if (rangeOrNull != null) {
            request.range("bytes=" + rangeOrNull.first() + "-"
                    + (rangeOrNull.last() == Long.MAX_VALUE ? "" : rangeOrNull.last()));
        }
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                throw new IllegalArgumentException("range " + rangeOrNull + " lies beyond the end of " + key, e);
            }
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        }
        try {
            return Optional.of(toStoredObject(response, rangeOrNull));
        } catch (IOException | RuntimeException e) {
            response.abort();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AttachmentStorageException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    private static StoredObject toStoredObject(ResponseInputStream<GetObjectResponse> response, ByteRange requested)
            throws IOException {
        GetObjectResponse metadata = response.response();
        String contentRange = metadata.contentRange();
        Matcher served = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
        if (requested != null && served != null && served.matches()) {
            long size = Long.parseLong(served.group(3));
            ByteRange range = new ByteRange(Long.parseLong(served.group(1)), Long.parseLong(served.group(2)));
            ObjectInfo info = info(size, metadata.eTag(), metadata.lastModified());
            return new StoredObject(info, range, new ClosingEarlyAborts(response, range.length()));
        }
        long size = metadata.contentLength();
        ObjectInfo info = info(size, metadata.eTag(), metadata.lastModified());
        if (requested == null) {
            return new StoredObject(info, null, new ClosingEarlyAborts(response, size));
        }
        // a server that ignores Range sends everything; cut the range out here rather than serve wrong bytes
        ByteRange range = requested.clampTo(size);
        response.skipNBytes(range.first());
        return new StoredObject(info, range, new ClosingEarlyAborts(response, range.length()));
    }

    private static ObjectInfo info(Long size, String etag, Instant lastModified) {
        Instant modified = lastModified == null ? Instant.EPOCH : lastModified;
        String tag = etag == null || etag.isBlank()
                ? Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli())
                : etag.replace("\"", "");
        return new ObjectInfo(size, tag, modified);
    }

    @Override
    public void delete(StorageKey key) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key.value()));
        } catch (SdkException e) {
            throw new AttachmentStorageException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<URI> presignedDownload(StorageKey key, String contentType, String contentDisposition) {
        if (redirectTtl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(presigner.presignGetObject(presign -> presign
                    .signatureDuration(redirectTtl)
                    .getObjectRequest(get -> get.bucket(bucket).key(key.value())
                            .responseContentType(contentType)
                            .responseContentDisposition(contentDisposition)))
                    .url().toURI());
        } catch (URISyntaxException | SdkException e) {
            throw new AttachmentStorageException("presigning " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /**
     * Passes on exactly {@code length} bytes and fails otherwise: the SDK would send a longer stream's
     * first {@code length} bytes as if they were all. The failure sticks, so that a retry replaying
     * the SDK's buffer cannot turn a broken upload into a stored one.
     */
    static final class ExactLengthInputStream extends FilterInputStream {
        private final long length;
        private long remaining;
        private IOException failure;

        ExactLengthInputStream(InputStream in, long length) {
            super(in);
            this.length = length;
            this.remaining = length;
        }

        IOException failure() {
            return failure;
        }

        void checkEmptyWhenLengthIsZero() throws IOException {
            if (length == 0) {
                checkNothingFollows();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (count == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n;
            try {
                n = in.read(buffer, offset, (int) Math.min(count, remaining));
            } catch (IOException e) {
                throw fail(e);
            }
            if (n < 0) {
                throw fail(new IOException("content ended after " + (length - remaining) + " of " + length + " bytes"));
            }
            remaining -= n;
            if (remaining == 0) {
                checkNothingFollows();
            }
            return n;
        }

        private void checkNothingFollows() throws IOException {
            int next;
            try {
                next = in.read();
            } catch (IOException e) {
                throw fail(e);
            }
            if (next != -1) {
                throw fail(new IOException("content is longer than the announced " + length + " bytes"));
            }
        }

        private IOException fail(IOException e) {
            failure = e;
            return e;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would bypass the count; the SDK has no reason to skip request content
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the caller of store owns the stream it passed in
        }
    }

    /**
     * Closing an S3 response stream before its end makes the HTTP client read the rest to reuse the
     * connection; a client that watched two seconds of a video would cost the whole download. Abort
     * instead when bytes are left.
     */
    private static final class ClosingEarlyAborts extends FilterInputStream {
        private final ResponseInputStream<?> response;
        private long remaining;

        ClosingEarlyAborts(ResponseInputStream<?> response, long length) {
            super(response);
            this.response = response;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = in.read(buffer, offset, count);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            remaining -= skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                response.abort();
            }
            in.close();
        }
    }
}
