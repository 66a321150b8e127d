package org.chatserver.adapter.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.storage.s3.*}: where attachments live in an S3-compatible store and how they are
 * handed to clients.
 *
 * @param endpoint        base URL of an S3-compatible server (MinIO, Garage, Ceph...); empty for AWS
 * @param region          region to sign requests for; any value the server accepts for non-AWS stores
 * @param bucket          bucket holding the attachments, one object per attachment named by its key
 * @param pathStyleAccess {@code http://host/bucket/key} rather than {@code http://bucket.host/key};
 *                        most self-hosted servers need it
 * @param accessKey       with {@code secretKey}; both empty means the SDK's default credential chain
 *                        (environment, profile, instance role)
 * @param secretKey       see {@code accessKey}
 * @param createBucket    create the bucket at start-up when it does not exist
 * @param serveMode       {@code stream}: the chat server reads the object and sends the bytes itself;
 *                        {@code redirect}: {@code GET /api/files/{name}} answers with a redirect to a
 *                        presigned URL, so the bytes bypass the server. Only choose redirect when
 *                        clients can reach the endpoint themselves
 * @param presignTtl      how long a redirect URL stays valid (at most 7 days, the SigV4 limit)
 */
@ConfigurationProperties("chat.storage.s3")
public record S3StorageProperties(
        URI endpoint,
        String region,
        String bucket,
        @DefaultValue("false") boolean pathStyleAccess,
        String accessKey,
        String secretKey,
        @DefaultValue("false") boolean createBucket,
        @DefaultValue("stream") ServeMode serveMode,
        @DefaultValue("5m") Duration presignTtl) {

    private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public enum ServeMode { STREAM, REDIRECT }

    public S3StorageProperties {
        if (isBlank(region) && isBlank(bucket)) {
            // both at once: an operator setting up S3 for the first time is told everything that is missing in one go
            throw new IllegalArgumentException(
                    "chat.storage.s3.region and chat.storage.s3.bucket must be set (e.g. us-east-1 and chat-files)");
        }
        if (isBlank(region)) {
            throw new IllegalArgumentException("chat.storage.s3.region must be set (e.g. us-east-1)");
        }
        if (isBlank(bucket)) {
            throw new IllegalArgumentException("chat.storage.s3.bucket must be set");
        }
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("chat.storage.s3.bucket must be 3 to 63 lowercase letters, digits, "
                    + "'.' or '-', starting and ending with a letter or digit, not '" + bucket + "'");
        }
        if (isBlank(accessKey) != isBlank(secretKey)) {
            throw new IllegalArgumentException(
                    "chat.storage.s3.access-key and chat.storage.s3.secret-key must be set together or not at all");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException(
                    "chat.storage.s3.endpoint must be an http(s) URL such as http://127.0.0.1:9000, not " + endpoint);
        }
        if (presignTtl.isNegative() || presignTtl.isZero() || presignTtl.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException("chat.storage.s3.presign-ttl must be between 1s and 7d, not " + presignTtl);
        }
    }

    public boolean hasStaticCredentials() {
        return !isBlank(accessKey);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        // keeps the secret out of logs and failure reports
        return "S3StorageProperties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", pathStyleAccess=" + pathStyleAccess + ", accessKey=" + accessKey
                + ", secretKey=" + (isBlank(secretKey) ? "" : "***") + ", createBucket=" + createBucket
                + ", serveMode=" + serveMode + ", presignTtl=" + presignTtl + "]";
    }
}
