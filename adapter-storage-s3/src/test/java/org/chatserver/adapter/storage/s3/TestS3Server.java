package org.chatserver.adapter.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;

/**
 * The S3-protocol server the tests talk to, one per test JVM. An explicit server comes first:
 * {@code -Dchat.test.s3.endpoint=http://127.0.0.1:9000} (or env {@code CHAT_TEST_S3_ENDPOINT}) with
 * {@code chat.test.s3.access-key}, {@code .secret-key}, {@code .region} (defaults: MinIO's
 * {@code minioadmin}/{@code minioadmin}, {@code us-east-1}). Otherwise S3Proxy runs in this JVM over
 * an in-memory store, with real SigV4 authentication so presigned URLs are really checked.
 */
public final class TestS3Server {

    private static final String ACCESS_KEY = "chat-test-access";
    private static final String SECRET_KEY = "chat-test-secret-0123456789";

    private static TestS3Server instance;

    public final URI endpoint;
    public final String accessKey;
    public final String secretKey;
    public final String region;

    private TestS3Server(URI endpoint, String accessKey, String secretKey, String region) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    public static synchronized TestS3Server get() {
        if (instance == null) {
            String explicit = setting("chat.test.s3.endpoint", "CHAT_TEST_S3_ENDPOINT", null);
            instance = explicit != null
                    ? new TestS3Server(URI.create(explicit),
                            setting("chat.test.s3.access-key", "CHAT_TEST_S3_ACCESS_KEY", "minioadmin"),
                            setting("chat.test.s3.secret-key", "CHAT_TEST_S3_SECRET_KEY", "minioadmin"),
                            setting("chat.test.s3.region", "CHAT_TEST_S3_REGION", "us-east-1"))
                    : startInProcess();
        }
        return instance;
    }

    /** Properties for a fresh bucket of this server, created on start. */
    S3StorageProperties properties(S3StorageProperties.ServeMode mode, Duration presignTtl) {
        return new S3StorageProperties(endpoint, region, freshBucketName(), true, accessKey, secretKey, true,
                mode, presignTtl);
    }

    public static String freshBucketName() {
        return "chat-test-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static TestS3Server startInProcess() {
        Properties backend = new Properties();
        backend.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
        backend.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
        BlobStore blobStore = BlobStores.create("transient", backend);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state "
                            + proxy.getState() + "); or give a server with -Dchat.test.s3.endpoint=http://host:port");
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process S3Proxy; give a server with "
                    + "-Dchat.test.s3.endpoint=http://host:port (and .access-key/.secret-key): " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // the JVM is going away anyway
            }
        }));
        return new TestS3Server(URI.create("http://127.0.0.1:" + proxy.getPort()), ACCESS_KEY, SECRET_KEY,
                "us-east-1");
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
