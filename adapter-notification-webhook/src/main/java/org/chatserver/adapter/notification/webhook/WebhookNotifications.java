package org.chatserver.adapter.notification.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.port.out.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each notice becomes one signed JSON POST to the webhook, sent by a few threads of its own; the
 * caller only queues it. A failed attempt (no answer in time, a connection refused, {@code 408},
 * {@code 425}, {@code 429} or a {@code 5xx}) is tried again after {@code firstRetryAfter}, doubling
 * (plus up to a tenth at random, so that a crowd of retries spreads out) up to
 * {@code maxRetryAfter}, or after the receiver's {@code Retry-After} when it gives one; any other
 * answer ends it. The same delivery id goes with every attempt, so a receiver can drop repeats.
 *
 * <p>At most {@code queueSize} notices are held, waiting for a first attempt or a retry: beyond,
 * new ones are dropped, counted and logged (at most every 10 s), so a receiver that is down costs
 * bounded memory and never slows chat down. What is held at shutdown is lost, and counted in the log.
 */
final class WebhookNotifications implements Notifications, AutoCloseable {

    static final String SIGNATURE = "X-Chat-Signature";
    static final String TIMESTAMP = "X-Chat-Timestamp";
    static final String DELIVERY = "X-Chat-Delivery";
    static final String ATTEMPT = "X-Chat-Attempt";
    static final String EVENT = "X-Chat-Event";

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifications.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final WebhookProperties settings;
    private final Clock clock;
    private final HttpClient http;
    private final SecretKeySpec key;
    private final DelayQueue<Delivery> due = new DelayQueue<>();
    /** Notices queued or being sent. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean closed;

    WebhookNotifications(WebhookProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        for (int i = 0; i < settings.senders(); i++) {
            senders.add(Thread.ofPlatform().name("webhook-sender-" + i).daemon(true).start(this::sendLoop));
        }
    }

    @Override
    public void send(Notice notice) {
        if (closed) {
            return;
        }
        if (held.incrementAndGet() > settings.queueSize()) {
            held.decrementAndGet();
            dropped.incrementAndGet();
            warn("queue full (" + settings.queueSize() + " notices held)");
            return;
        }
        String id = UUID.randomUUID().toString();
        due.put(new Delivery(id, kind(notice.kind()), body(id, notice), 1, System.nanoTime()));
    }

    private void sendLoop() {
        while (!closed) {
            Delivery delivery;
            try {
                delivery = due.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                attempt(delivery);
            } catch (RuntimeException e) {
                finished();
                givenUp.incrementAndGet();
                warn("a notice failed unexpectedly: " + e);
            }
        }
    }

    private void attempt(Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "chat-server-webhook")
                .header(EVENT, delivery.kind())
                .header(DELIVERY, delivery.id())
                .header(ATTEMPT, Integer.toString(delivery.attempt()))
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, "v1=" + sign(timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
        int status;
        Duration retryAfter = null;
        String failure;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                finished();
                delivered.incrementAndGet();
                return;
            }
            retryAfter = response.headers().firstValue("Retry-After").flatMap(WebhookNotifications::seconds).orElse(null);
            failure = "answered " + status;
        } catch (IOException e) {
            status = -1;
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished();
            return;
        }
        boolean retryable = status < 0 || status == 408 || status == 425 || status == 429 || status >= 500;
        if (!retryable || delivery.attempt() >= settings.maxAttempts() || closed) {
            finished();
            givenUp.incrementAndGet();
            warn("gave up on notice " + delivery.id() + " after attempt " + delivery.attempt() + ": " + failure);
            return;
        }
        Duration wait = backOff(delivery.attempt());
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
        }
        due.put(delivery.next(System.nanoTime() + wait.toNanos()));
    }

    /** The wait after attempt {@code attempt} failed: the first wait doubled per attempt, capped, plus up to a tenth. */
    Duration backOff(int attempt) {
        Duration wait = settings.firstRetryAfter();
        for (int i = 1; i < attempt && wait.compareTo(settings.maxRetryAfter()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(settings.maxRetryAfter()) > 0) {
            wait = settings.maxRetryAfter();
        }
        return wait.plusNanos(ThreadLocalRandom.current().nextLong(wait.toNanos() / 10 + 1));
    }

    private void finished() {
        held.decrementAndGet();
    }

    /** {@code v1=} and this: hex HMAC-SHA256 of {@code <timestamp>.<body>} with the shared secret. */
    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String body(String id, Notice notice) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("type", kind(notice.kind()));
        ObjectNode recipient = root.putObject("recipient");
        recipient.put("id", notice.recipient().value());
        recipient.put("username", notice.recipientName().value());
        root.put("room_id", notice.room().value());
        root.put("message_id", notice.message().value());
        root.put("sender", notice.sender().value());
        root.put("preview", notice.preview());
        root.put("created_at", DateTimeFormatter.ISO_INSTANT.format(notice.at().truncatedTo(ChronoUnit.SECONDS)));
        return JSON.writeValueAsString(root);
    }

    private static String kind(Notice.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static java.util.Optional<Duration> seconds(String header) {
        try {
            long value = Long.parseLong(header.strip());
            return value < 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofSeconds(value));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // an HTTP date: the own back-off is good enough
        }
    }

    private void warn(String what) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Webhook {}://{}: {} (so far: {} delivered, {} dropped because the queue was full, {} given up)",
                    settings.url().getScheme(), settings.url().getHost(), what, delivered.get(), dropped.get(),
                    givenUp.get());
        }
    }

    /** Notices held now, delivered, dropped for a full queue, and given up: for tests and the log. */
    long[] counts() {
        return new long[] {held.get(), delivered.get(), dropped.get(), givenUp.get()};
    }

    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        for (Thread sender : senders) {
            try {
                sender.join(settings.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int lost = held.get();
        if (lost > 0) {
            log.warn("Webhook {}://{}: {} notices not delivered at shutdown", settings.url().getScheme(),
                    settings.url().getHost(), lost);
        }
        http.close();
    }

    /** One notice on its way: the same id and body for every attempt. */
    private record Delivery(String id, String kind, String body, int attempt, long dueNanos) implements Delayed {

        Delivery next(long dueNanos) {
            return new Delivery(id, kind, body, attempt + 1, dueNanos);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
