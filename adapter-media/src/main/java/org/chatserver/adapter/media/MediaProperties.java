package org.chatserver.adapter.media;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.media.*}: how much image decoding the server takes on (see docs/operations.md).
 *
 * @param decodeThreads        platform threads that decode images, 0 for half the cores: decoding never
 *                             takes the cores message delivery needs
 * @param decodeQueue          images that may wait for a decoding thread; beyond that uploads of images
 *                             are answered 503 with {@code Retry-After}
 * @param decodeTimeLimit      the longest one image may take to decode before its upload is refused
 * @param maxPixels            the most pixels an image's header may announce (7680 x 4320 by default)
 * @param maxProgressivePixels the same for a progressive or multi-scan JPEG, whose decoder holds the
 *                             whole image and passes over it once per scan (4000 x 3000 by default)
 * @param busyRetryAfter       what a refused uploader is told to wait ({@code Retry-After})
 */
@Validated
@ConfigurationProperties("chat.media")
public record MediaProperties(
        @DefaultValue("0")
        @Min(value = 0, message = "chat.media.decode-threads must be 0 (half the cores) or more")
        int decodeThreads,
        @DefaultValue("8")
        @Min(value = 0, message = "chat.media.decode-queue must be 0 or more")
        int decodeQueue,
        @DefaultValue("10s") Duration decodeTimeLimit,
        @DefaultValue("33177600")
        @Min(value = 1_000_000, message = "chat.media.max-pixels must be at least 1000000")
        long maxPixels,
        @DefaultValue("12000000")
        @Min(value = 1_000_000, message = "chat.media.max-progressive-pixels must be at least 1000000")
        long maxProgressivePixels,
        @DefaultValue("2s") Duration busyRetryAfter) {

    public MediaProperties {
        // Bean Validation has no constraint for durations; these stop start-up naming the property all the same
        if (decodeTimeLimit == null || decodeTimeLimit.isNegative() || decodeTimeLimit.isZero()) {
            throw new IllegalArgumentException("chat.media.decode-time-limit must be positive, was " + decodeTimeLimit);
        }
        if (busyRetryAfter == null || busyRetryAfter.isNegative()) {
            throw new IllegalArgumentException("chat.media.busy-retry-after must be 0 or more, was " + busyRetryAfter);
        }
    }

    /** Threads that decode: the setting, or half the cores when it is 0. */
    public int effectiveDecodeThreads() {
        return decodeThreads == 0 ? DecodingPool.defaultThreads() : decodeThreads;
    }
}
