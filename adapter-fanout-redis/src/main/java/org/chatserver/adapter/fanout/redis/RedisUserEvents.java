package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserSubscribers;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' events across nodes through one Redis pub/sub channel, {@code <prefix>users}, that every
 * node subscribes to: these events are rare (a room joined or left, a read position moved), so each
 * node gets them all and hands those of its users to their streams. An event goes to this node's
 * subscribers at once, and through Redis to the others (the copy Redis echoes back carries this
 * node's id and is dropped). Received events reach subscribers one at a time, in order of arrival.
 *
 * <p>Redis pub/sub keeps nothing: an event published while a node is cut off from Redis never reaches
 * it. A stream that missed a room being added or removed, or a read, shows it after reconnecting
 * (its {@code connected} frame reads the room list anew).
 */
public final class RedisUserEvents implements UserEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisUserEvents.class);
    private static final String SEPARATOR = "|";

    private final String node = UUID.randomUUID().toString();
    private final String channel;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publishing;
    private final StatefulRedisPubSubConnection<String, String> receiving;
    private final UserSubscribers subscribers = new UserSubscribers((event, failure) ->
            log.warn("User stream listener failed on {}; other listeners still get it",
                    event.getClass().getSimpleName(), failure));
    private final Queue<UserEvent> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ThrottledWarning failures = new ThrottledWarning();
    private volatile boolean closed;

    private RedisUserEvents(RedisFanoutProperties properties) {
        this.channel = properties.channelPrefix() + "users";
        this.timeout = properties.timeout();
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(timeout);
        // as RedisRoomEvents: found again at most MAX_RECONNECT_DELAY after Redis is back, however long it was away
        this.resources = RedisRoomEvents.quickReconnects();
        this.client = RedisClient.create(resources, uri);
        StatefulRedisConnection<String, String> publish = null;
        try {
            publish = client.connect(StringCodec.UTF8);
            this.receiving = client.connectPubSub(StringCodec.UTF8);
            receiving.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String payload) {
                    received(payload);
                }
            });
            receiving.sync().subscribe(channel);
        } catch (RuntimeException e) {
            if (publish != null) {
                publish.close();
            }
            client.shutdown(Duration.ZERO, timeout);
            resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("chat.fanout.redis.url: cannot connect to Redis at "
                    + RedisFanoutProperties.redacted(properties.url()) + ": " + e.getMessage(), e);
        }
        this.publishing = publish;
    }

    public static RedisUserEvents connect(RedisFanoutProperties properties) {
        return new RedisUserEvents(properties);
    }

    @Override
    public void publish(UserEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return;
        }
        subscribers.deliver(event);
        try {
            publishing.async().publish(channel, encode(event)).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    failed(failure);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable failure) {
        if (failures.due()) {
            log.warn("Could not send a user's event to the other nodes through Redis: {}", failure.toString());
        }
    }

    @Override
    public Subscription subscribe(UserId user, Consumer<UserEvent> listener) {
        return subscribers.subscribe(user, listener);
    }

    private void received(String payload) {
        UserEvent event;
        try {
            event = decode(payload);
        } catch (RuntimeException e) {
            log.debug("Ignored an unreadable user event: {}", e.toString());
            return;
        }
        if (event == null || !subscribers.isSubscribed(event.user())) {
            return;
        }
        arrived.add(event);
        drain();
    }

    /** Off Lettuce's I/O thread, one at a time, in order of arrival. */
    private void drain() {
        if (closed || !draining.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("chat-user-events").start(() -> {
            try {
                UserEvent next;
                while ((next = arrived.poll()) != null) {
                    subscribers.deliver(next);
                }
            } finally {
                draining.set(false);
            }
            if (!arrived.isEmpty()) {
                drain();
            }
        });
    }

    String encode(UserEvent event) {
        String head = node + SEPARATOR + event.user().value() + SEPARATOR + event.room().value() + SEPARATOR;
        return switch (event) {
            // where the membership began after the kind, where a node of before it reads nothing: empty for a
            // log that had no change yet
            case UserEvent.RoomAdded added -> head + "added" + (added.since() == null ? ""
                    : SEPARATOR + (added.since().lastChange() == null ? "" : added.since().lastChange().value()));
            case UserEvent.RoomRemoved removed -> head + "removed";
            case UserEvent.ReadMoved read -> head + "read" + SEPARATOR + read.lastRead().value() + SEPARATOR
                    + (read.latest() == null ? "" : read.latest().value()) + SEPARATOR + read.unreadCount()
                    + SEPARATOR + read.mentionCount();
        };
    }

    /** Null for this node's own events. */
    UserEvent decode(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts[0].equals(node)) {
            return null;
        }
        UserId user = new UserId(Long.parseLong(parts[1]));
        RoomId room = new RoomId(Long.parseLong(parts[2]));
        return switch (parts[3]) {
            // a node of before it tells no place: its member's streams carry the room from when they add it
            case "added" -> new UserEvent.RoomAdded(user, room, parts.length < 5 ? null
                    : new UserEvent.RoomAdded.Since(parts[4].isEmpty() ? null : new ChangeId(Long.parseLong(parts[4]))));
            case "removed" -> new UserEvent.RoomRemoved(user, room);
            case "read" -> new UserEvent.ReadMoved(user, room, new MessageId(Long.parseLong(parts[4])),
                    parts[5].isEmpty() ? null : new MessageId(Long.parseLong(parts[5])), Long.parseLong(parts[6]),
                    Long.parseLong(parts[7]));
            default -> throw new IllegalArgumentException("unknown user event " + parts[3]);
        };
    }

    @Override
    public void close() {
        closed = true;
        receiving.close();
        publishing.close();
        client.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
