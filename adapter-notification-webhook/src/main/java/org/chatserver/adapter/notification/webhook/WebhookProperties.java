package org.chatserver.adapter.notification.webhook;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.notifications.webhook.*}: where notices for offline users are POSTed when
 * {@code chat.notifications.type=webhook}.
 *
 * @param url            the receiver, {@code http://} or {@code https://}
 * @param secret         shared with the receiver, which checks each request's {@code X-Chat-Signature}
 *                       with it (HMAC-SHA256); at least 16 characters
 * @param timeout        longest one attempt may take, connecting included
 * @param maxAttempts    attempts per notice (the first included) before it is dropped
 * @param firstRetryAfter wait before the second attempt; doubled for each further one
 * @param maxRetryAfter  longest wait between two attempts, also for a receiver's {@code Retry-After}
 * @param queueSize      notices waiting (for their first attempt or a retry) at most; beyond, new
 *                       ones are dropped and counted in the log
 * @param senders        threads that send; each waits for one request at a time
 */
@ConfigurationProperties("chat.notifications.webhook")
public record WebhookProperties(
        URI url,
        String secret,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration firstRetryAfter,
        @DefaultValue("5m") Duration maxRetryAfter,
        @DefaultValue("10000") int queueSize,
        @DefaultValue("4") int senders) {

    static final int MIN_SECRET = 16;

    public WebhookProperties {
        if (url == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("chat.notifications.webhook.url must be an http:// or https:// URL, not "
                    + (url == null ? "empty" : url.getScheme() + "://" + url.getHost()));
        }
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("chat.notifications.webhook.secret must be at least " + MIN_SECRET
                    + " characters, shared with the receiver (e.g. the output of `openssl rand -base64 32`)");
        }
        requirePositive(timeout, "timeout");
        requirePositive(firstRetryAfter, "first-retry-after");
        requirePositive(maxRetryAfter, "max-retry-after");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("chat.notifications.webhook.max-attempts must be 1 to 100, not " + maxAttempts);
        }
        if (queueSize < 1 || queueSize > 10_000_000) {
            throw new IllegalArgumentException("chat.notifications.webhook.queue-size must be 1 to 10000000, not " + queueSize);
        }
        if (senders < 1 || senders > 256) {
            throw new IllegalArgumentException("chat.notifications.webhook.senders must be 1 to 256, not " + senders);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("chat.notifications.webhook." + name + " must be positive, not " + value);
        }
    }

    @Override
    public String toString() {
        // the secret and any credentials in the URL stay out of logs
        return "WebhookProperties[url=" + url.getScheme() + "://" + url.getHost() + "/…, secret=(set), timeout="
                + timeout + ", maxAttempts=" + maxAttempts + ", queueSize=" + queueSize + "]";
    }
}
