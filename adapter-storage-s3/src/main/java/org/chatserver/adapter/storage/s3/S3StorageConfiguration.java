package org.chatserver.adapter.storage.s3;

import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments in an S3-compatible store: provides the {@link AttachmentStorage} bean
 * {@code attachmentStorage} from {@code chat.storage.s3.*} ({@link S3StorageProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3StorageProperties.class)
public class S3StorageConfiguration {

    @Bean
    public AttachmentStorage attachmentStorage(S3StorageProperties properties) {
        return createStorage(properties);
    }

    /** The storage for {@code properties}, creating the bucket first when asked to. */
    public static S3AttachmentStorage createStorage(S3StorageProperties properties) {
        AwsCredentialsProvider credentials = properties.hasStaticCredentials()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(properties.region());

        S3ClientBuilder client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyleAccess())
                .httpClientBuilder(Apache5HttpClient.builder())
                // the SDK's default CRC checksums on every request are refused by several
                // S3-compatible servers; send and check them only where S3 requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(properties.pathStyleAccess()).build());
        if (properties.endpoint() != null) {
            client.endpointOverride(properties.endpoint());
            presigner.endpointOverride(properties.endpoint());
        }
        S3Client s3 = client.build();
        if (properties.createBucket()) {
            try {
                createBucketIfMissing(s3, properties);
            } catch (RuntimeException e) {
                s3.close();
                throw e;
            }
        }
        return new S3AttachmentStorage(s3, presigner.build(), properties.bucket(),
                properties.serveMode() == S3StorageProperties.ServeMode.REDIRECT ? properties.presignTtl() : null);
    }

    private static void createBucketIfMissing(S3Client s3, S3StorageProperties properties) {
        String bucket = properties.bucket();
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // create it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw cannotUse(properties, e);
            }
        } catch (SdkException e) {
            throw cannotUse(properties, e);
        }
        try {
            // outside us-east-1, AWS wants the region repeated as the bucket's location
            if (Region.US_EAST_1.id().equals(properties.region())) {
                s3.createBucket(request -> request.bucket(bucket));
            } else {
                s3.createBucket(request -> request.bucket(bucket)
                        .createBucketConfiguration(location -> location.locationConstraint(properties.region())));
            }
        } catch (SdkException e) {
            throw cannotUse(properties, e);
        }
    }

    private static IllegalStateException cannotUse(S3StorageProperties properties, Exception cause) {
        return new IllegalStateException("chat.storage.s3.bucket: cannot use or create bucket '"
                + properties.bucket() + "' at " + (properties.endpoint() == null ? "AWS" : properties.endpoint())
                + ": " + cause.getMessage(), cause);
    }
}
