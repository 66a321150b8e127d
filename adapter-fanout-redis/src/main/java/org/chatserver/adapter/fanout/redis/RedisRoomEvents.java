package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.Envelope;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.UnreadableEventException;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out across nodes through Redis pub/sub: one channel per room, {@code <prefix>room.<id>},
 * subscribed by a node while it has at least one watcher of the room.
 *
 * <p><b>Same-node delivery.</b> An event goes to this node's subscribers at once, and to Redis for
 * the others; the copy that Redis echoes back carries this node's id and is dropped. So watchers on
 * the publishing node never depend on Redis: while it is unreachable a node still serves its own
 * rooms, as a single node would.
 *
 * <p><b>Threads.</b> Lettuce hands messages over on its I/O thread, which must not wait for a slow
 * listener: each room has a queue drained by one virtual thread at a time, so a room's events reach
 * its listeners one by one in order of arrival, and one slow room does not hold up the others. A
 * queue that grows past {@value #MAX_BACKLOG_PER_ROOM} events (listeners stuck) drops new events
 * with a warning rather than filling the heap; watchers fill message gaps from the store.
 *
 * <p><b>Delivery guarantee.</b> At most once across nodes, like Redis pub/sub itself. While the
 * connection to Redis is down, events published elsewhere do not reach this node and this node's
 * events reach nobody else (publishes wait in Lettuce's queue up to the configured timeout, then are
 * dropped with a warning). Lettuce reconnects by itself and subscribes the channels again, and this
 * class subscribes every room with watchers once more in case a subscription was in flight. Messages
 * lost in that window are recovered by watchers from the store when the next message of the room
 * arrives; presence, typing and reaction events of that window are lost.
 */
public final class RedisRoomEvents implements RoomEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomEvents.class);

    static final int MAX_BACKLOG_PER_ROOM = 10_000;
    /** Commands waiting in Lettuce (unanswered or buffered while disconnected) before new ones fail at once. */
    private static final int MAX_PENDING_COMMANDS = 100_000;
    private static final int RESUBSCRIBE_BATCH = 500;
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final String node = UUID.randomUUID().toString();
    private final RoomEventCodec codec = new RoomEventCodec();
    private final String channelPrefix;
    private final Duration timeout;
    private final String where;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publishConnection;
    private final StatefulRedisPubSubConnection<String, String> pubSubConnection;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, RoomChannel> rooms = new ConcurrentHashMap<>();
    /**
     * Held while a room gains its first or loses its last subscriber, and while SUBSCRIBE or
     * UNSUBSCRIBE is handed to Lettuce: the commands then reach Redis in the order the registry
     * changed, so Redis ends up subscribed to exactly the rooms that have watchers.
     */
    private final Object registry = new Object();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final ThrottledWarning publishFailures = new ThrottledWarning();
    private final ThrottledWarning unreadable = new ThrottledWarning();
    private final ThrottledWarning overflow = new ThrottledWarning();
    private volatile boolean closed;

    private RedisRoomEvents(String url, String channelPrefix, Duration timeout) {
        this.channelPrefix = channelPrefix;
        this.timeout = timeout;
        this.where = RedisFanoutProperties.redacted(url);
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        // lets an operator tell this node's connections apart in CLIENT LIST
        uri.setClientName(clientName());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // keep commands while reconnecting, but bounded in number and in time
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(MAX_PENDING_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        StatefulRedisConnection<String, String> publishing = null;
        try {
            publishing = client.connect(StringCodec.UTF8);
            this.pubSubConnection = client.connectPubSub(StringCodec.UTF8);
        } catch (RuntimeException e) {
            if (publishing != null) {
                publishing.close();
            }
            client.shutdown(Duration.ZERO, timeout);
            deliveries.shutdownNow();
            throw new IllegalStateException("chat.fanout.redis.url: cannot connect to Redis at " + where
                    + ": " + e.getMessage(), e);
        }
        this.publishConnection = publishing;
        pubSubConnection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String payload) {
                received(channel, payload);
            }
        });
        pubSubConnection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed && disconnected.compareAndSet(false, true)) {
                    log.warn("Lost the connection to Redis at {}: events of other nodes do not reach this node "
                            + "until it is back", where);
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (!closed && disconnected.compareAndSet(true, false)) {
                    log.info("Connection to Redis at {} is back; subscribing {} rooms again", where, rooms.size());
                    // off Lettuce's I/O thread: the registry lock may be held by a thread writing to Lettuce
                    runQuietly(RedisRoomEvents.this::subscribeAllAgain);
                }
            }
        });
    }

    /** Connects to the server in {@code properties}; fails with a message naming the property if it cannot. */
    public static RedisRoomEvents connect(RedisFanoutProperties properties) {
        return new RedisRoomEvents(properties.url(), properties.channelPrefix(), properties.timeout());
    }

    @Override
    public void publish(RoomEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            log.debug("Dropped {} for room {}: fan-out is shut down", event.getClass().getSimpleName(), event.roomId());
            return;
        }
        String channel = channel(event.roomId());
        RoomChannel local = rooms.get(channel);
        if (local != null) {
            local.enqueue(new Pending(event, null));
        }
        try {
            publishConnection.async().publish(channel, codec.encode(node, event)).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    publishFailed(event, failure);
                }
            });
        } catch (RuntimeException e) {
            publishFailed(event, e);
        }
    }

    @Override
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("Redis fan-out is shut down");
        }
        String channel = channel(room);
        RoomChannel target;
        Subscriber subscription;
        synchronized (registry) {
            target = rooms.get(channel);
            boolean first = target == null;
            if (first) {
                target = new RoomChannel(room, channel);
                rooms.put(channel, target);
            }
            subscription = new Subscriber(target, listener);
            target.subscribers.add(subscription);
            if (first) {
                target.confirmed = subscribeAtRedis(channel);
            }
        }
        awaitConfirmation(target);
        return subscription;
    }

    /**
     * Waits until Redis has confirmed the room's subscription, so that an event published on
     * another node after this returns reaches the new subscriber. Gives up after the timeout
     * rather than hold up a connecting client: its own node's events still reach it, and the
     * subscription is made again when the connection to Redis comes back.
     */
    private void awaitConfirmation(RoomChannel room) {
        if (disconnected.get()) {
            return; // no answer can come before the reconnect, which subscribes the room anyway
        }
        try {
            room.confirmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Redis at {} did not confirm the subscription of room {} within {}: events of other nodes "
                    + "may not reach its watchers here until it does", where, room.id, timeout,
                    e instanceof ExecutionException ? e.getCause() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands SUBSCRIBE to Lettuce; call with the registry lock held. Completes when Redis confirms. */
    private CompletableFuture<Void> subscribeAtRedis(String... channels) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        try {
            pubSubConnection.async().subscribe(channels).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    confirmed.complete(null);
                } else {
                    confirmed.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            confirmed.completeExceptionally(e);
        }
        return confirmed;
    }

    private void subscribeAllAgain() {
        synchronized (registry) {
            List<RoomChannel> all = new ArrayList<>(rooms.values());
            for (int from = 0; from < all.size(); from += RESUBSCRIBE_BATCH) {
                List<RoomChannel> batch = all.subList(from, Math.min(all.size(), from + RESUBSCRIBE_BATCH));
                CompletableFuture<Void> confirmed = subscribeAtRedis(
                        batch.stream().map(room -> room.channel).toArray(String[]::new));
                for (RoomChannel room : batch) {
                    if (room.confirmed.isCompletedExceptionally()) {
                        // new watchers wait for this attempt instead of failing on the old one
                        room.confirmed = confirmed;
                    }
                }
                confirmed.whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("Could not subscribe {} rooms again at Redis {}: {}", batch.size(), where,
                                failure.toString());
                    }
                });
            }
        }
    }

    /** Called on Lettuce's I/O thread: only hands the payload over, decoding happens on the room's thread. */
    private void received(String channel, String payload) {
        RoomChannel room = rooms.get(channel);
        if (room != null) {
            room.enqueue(new Pending(null, payload));
        }
    }

    private RoomEvent fromRedis(RoomChannel room, String payload) {
        Envelope envelope;
        try {
            envelope = codec.decode(payload);
        } catch (UnreadableEventException e) {
            if (unreadable.due()) {
                log.warn("Ignored an unreadable event on {} ({} such since the last warning): {}",
                        room.channel, unreadable.takeCount(), e.getMessage());
            }
            return null;
        }
        if (envelope.node().equals(node)) {
            return null; // this node's own event, delivered here when it was published
        }
        if (!envelope.event().roomId().equals(room.id)) {
            if (unreadable.due()) {
                log.warn("Ignored an event of room {} that arrived on {} ({} such since the last warning)",
                        envelope.event().roomId(), room.channel, unreadable.takeCount());
            }
            return null;
        }
        return envelope.event();
    }

    private void publishFailed(RoomEvent event, Throwable failure) {
        if (publishFailures.due()) {
            log.warn("Could not publish to Redis at {} ({} failures since the last warning, latest {} of room {}); "
                    + "other nodes miss these events: {}", where, publishFailures.takeCount(),
                    event.getClass().getSimpleName(), event.roomId(), failure.toString());
        }
    }

    String clientName() {
        return "chat-fanout-" + node;
    }

    String channel(RoomId room) {
        return channelPrefix + "room." + room.value();
    }

    /** Rooms this node is subscribed to; rooms without watchers are unsubscribed and forgotten. */
    int activeRooms() {
        return rooms.size();
    }

    private void runQuietly(Runnable task) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void close() {
        synchronized (registry) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pubSubConnection.close();
        try {
            // Redis answers in order: once PING is answered, every earlier PUBLISH has been sent on
            publishConnection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Redis at {} did not answer before shutdown; the last events may not reach other nodes", where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishConnection.close();
        client.shutdown(Duration.ZERO, timeout);
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        rooms.clear();
    }

    /** An event published here, or a payload from Redis still to be decoded. */
    private record Pending(RoomEvent event, String payload) {
    }

    /** One room with watchers on this node: its subscribers and the queue that feeds them in order. */
    private final class RoomChannel {

        final RoomId id;
        final String channel;
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        /** Redis's confirmation of the room's SUBSCRIBE; replaced when it failed and is tried again. */
        volatile CompletableFuture<Void> confirmed;
        private final Queue<Pending> backlog = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();

        RoomChannel(RoomId id, String channel) {
            this.id = id;
            this.channel = channel;
        }

        void enqueue(Pending pending) {
            if (queued.incrementAndGet() > MAX_BACKLOG_PER_ROOM) {
                queued.decrementAndGet();
                if (overflow.due()) {
                    log.warn("Room {} has {} events waiting for its listeners; dropped {} since the last warning",
                            id, MAX_BACKLOG_PER_ROOM, overflow.takeCount());
                }
                return;
            }
            backlog.add(pending);
            if (draining.compareAndSet(false, true)) {
                try {
                    deliveries.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining.set(false); // shutting down: nobody is listening any more
                }
            }
        }

        private void drain() {
            boolean finished = false;
            try {
                do {
                    Pending pending;
                    while ((pending = backlog.poll()) != null) {
                        queued.decrementAndGet();
                        RoomEvent event = pending.event() != null ? pending.event() : fromRedis(this, pending.payload());
                        if (event != null) {
                            for (Subscriber subscriber : subscribers) {
                                subscriber.deliver(event);
                            }
                        }
                    }
                    draining.set(false);
                    // an event may have been queued after the last poll but before the flag dropped
                } while (!backlog.isEmpty() && draining.compareAndSet(false, true));
                finished = true;
            } finally {
                if (!finished) {
                    // an Error escaped a listener: let the next event start a fresh drain instead of wedging the room
                    draining.set(false);
                }
            }
        }
    }

    private final class Subscriber implements Subscription {

        private final RoomChannel room;
        private final Consumer<RoomEvent> listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(RoomChannel room, Consumer<RoomEvent> listener) {
            this.room = room;
            this.listener = listener;
        }

        void deliver(RoomEvent event) {
            if (closed.get()) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // one broken watcher must not cost the rest of the room its events
                log.warn("Room {} listener failed on {}; other listeners still get it",
                        room.id, event.getClass().getSimpleName(), e);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            synchronized (registry) {
                room.subscribers.remove(this);
                if (room.subscribers.isEmpty() && rooms.remove(room.channel, room) && !RedisRoomEvents.this.closed) {
                    pubSubConnection.async().unsubscribe(room.channel).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            // harmless: this node only receives and drops the room's events until it reconnects
                            log.warn("Could not unsubscribe room {} at Redis {}: {}", room.id, where, failure.toString());
                        }
                    });
                }
            }
        }
    }

    /** Counts occurrences and says when a warning is due, so a Redis outage does not flood the log. */
    private static final class ThrottledWarning {

        private final AtomicLong count = new AtomicLong();
        private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

        boolean due() {
            count.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarned.get();
            return now - last >= WARNING_INTERVAL.toNanos() && lastWarned.compareAndSet(last, now);
        }

        long takeCount() {
            return count.getAndSet(0);
        }
    }
}
