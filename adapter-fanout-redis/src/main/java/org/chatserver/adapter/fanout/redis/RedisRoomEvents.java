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
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.Envelope;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.UnreadableEventException;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomSubscribers;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomEvent.Resync;
import org.chatserver.domain.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out across nodes through Redis pub/sub: one channel per room, {@code <prefix>room.<id>},
 * subscribed by a node while it has at least one watcher of the room.
 *
 * <p><b>Same-node delivery.</b> An event goes to this node's subscribers at once (through the
 * {@link RoomSubscribers} every fan-out shares), and to Redis for the others; the copy that Redis
 * echoes back carries this node's id and is dropped. So watchers on the publishing node never
 * depend on Redis: while it is unreachable a node still serves its own rooms, as a single node would.
 *
 * <p><b>Threads.</b> Lettuce hands messages over on its I/O thread, which must not wait for a slow
 * listener: each room has a queue drained by one virtual thread at a time, so a room's events reach
 * its listeners one by one in order of arrival, and one slow room does not hold up the others. A
 * queue that grows past {@value #MAX_BACKLOG_PER_ROOM} events (listeners stuck) drops new events
 * with a warning rather than filling the heap; watchers fill message gaps from the store.
 *
 * <p><b>Outages.</b> Redis pub/sub keeps nothing, so what is published while a node is cut off
 * never reaches it. While the pub/sub connection is down (and until every watched room is
 * subscribed again), this node polls the store each {@code outagePollInterval}: one look at the
 * newest message id of each watched room, and a {@link Resync} to the room's watchers when it is
 * newer than the newest this node has delivered; they read the new messages from the store.
 * Lettuce tries to reconnect at most {@link #MAX_RECONNECT_DELAY} apart however long the outage;
 * once every room is subscribed again, one more poll fills what the window missed. Events this
 * node could not publish meanwhile are followed, once Redis takes commands again, by a
 * {@code Resync} of their rooms to the other nodes. Typing, presence and reaction events of the
 * window are lost.
 *
 * <p><b>Lost for good.</b> A node cut off from Redis alone that stops before it is back never sends
 * that {@code Resync}. So while this node hears Redis it also looks, each {@code storeCheckInterval},
 * at the newest change of every room watched here, all rooms in one query: a change the store held
 * at the previous look and the watchers here have still not been given (an event would have come by
 * now) gets them a {@code Resync}. A node without watchers looks at nothing.
 *
 * <p><b>Node death.</b> A {@link NodeRegistry} keeps a heartbeat of this node in Redis and the
 * watchers it holds, and announces the watchers of nodes whose heartbeat stopped as gone.
 */
public final class RedisRoomEvents implements RoomEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomEvents.class);

    static final int MAX_BACKLOG_PER_ROOM = 10_000;
    /** Longest wait between two attempts to reach Redis again: delivery resumes this soon after Redis is back. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);
    /** Commands waiting in Lettuce (unanswered or buffered while disconnected) before new ones fail at once. */
    private static final int MAX_PENDING_COMMANDS = 100_000;
    private static final int RESUBSCRIBE_BATCH = 500;

    private final String node = UUID.randomUUID().toString();
    private final RoomEventCodec codec = new RoomEventCodec();
    private final String channelPrefix;
    private final Duration timeout;
    private final String where;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publishConnection;
    private final StatefulRedisPubSubConnection<String, String> pubSubConnection;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-fanout-ticker").daemon().factory());
    private final RoomSubscribers subscribers;
    /** The rooms watched here, by channel; the registry's lifecycle adds and removes them. */
    private final Map<String, RoomChannel> rooms = new ConcurrentHashMap<>();
    private final NodeRegistry registration;
    /**
     * Held while SUBSCRIBE or UNSUBSCRIBE is handed to Lettuce: the commands then reach Redis in
     * the order the rooms were added and removed, so Redis ends up subscribed to exactly the rooms
     * that have watchers.
     */
    private final Object channels = new Object();
    /**
     * True from losing the pub/sub connection until every watched room is subscribed again:
     * events of other nodes may not reach this node meanwhile.
     */
    private final AtomicBoolean busDown = new AtomicBoolean();
    /** Counts disconnects, so a resubscription that began before the latest one cannot end the outage. */
    private final AtomicLong outages = new AtomicLong();
    private final AtomicBoolean resubscribing = new AtomicBoolean();
    /** The newest change id the store holds for each of some rooms; null: resync every room on every poll. */
    private final Function<Collection<RoomId>, Map<RoomId, ChangeId>> newestStored;
    private final AtomicBoolean catchUpRequested = new AtomicBoolean();
    /** The periodic look at every watched room is due with the next catch-up. */
    private final AtomicBoolean checkDue = new AtomicBoolean();
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    private final ThrottledWarning storeFailures = new ThrottledWarning();
    /** Rooms with events that may not have reached the other nodes: they are told to resync. */
    private final Set<RoomId> unsent = ConcurrentHashMap.newKeySet();
    private final ThrottledWarning publishFailures = new ThrottledWarning();
    private final ThrottledWarning unreadable = new ThrottledWarning();
    private final ThrottledWarning overflow = new ThrottledWarning();
    private volatile boolean closed;

    /** Client resources whose reconnect attempts come at most {@link #MAX_RECONNECT_DELAY} apart. */
    static ClientResources quickReconnects() {
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    private RedisRoomEvents(RedisFanoutProperties properties,
                            Function<Collection<RoomId>, Map<RoomId, ChangeId>> newestStored) {
        this.newestStored = newestStored;
        this.channelPrefix = properties.channelPrefix();
        this.timeout = properties.timeout();
        this.where = RedisFanoutProperties.redacted(properties.url());
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(timeout);
        // lets an operator tell this node's connections apart in CLIENT LIST
        uri.setClientName(clientName());
        // Lettuce's default doubles the wait after each failed attempt up to 30 s: after a long
        // outage the nodes would find Redis back only many seconds later
        this.resources = quickReconnects();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // keep commands while reconnecting, but bounded in number and in time
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(MAX_PENDING_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout)
                        // a silently vanished peer is noticed in about 11 s instead of TCP's two hours
                        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                                .idle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(2)).count(3).build())
                        .build())
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
            resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
            deliveries.shutdownNow();
            ticker.shutdownNow();
            throw new IllegalStateException("chat.fanout.redis.url: cannot connect to Redis at " + where
                    + ": " + e.getMessage(), e);
        }
        this.publishConnection = publishing;
        this.subscribers = new RoomSubscribers(new Channels(), (event, failure) ->
                log.warn("Room {} listener failed on {}; other listeners still get it",
                        event.roomId().value(), event.getClass().getSimpleName(), failure));
        this.registration = new NodeRegistry(node, publishConnection.async(), codec, channelPrefix,
                properties.nodeTtl(), where, this::dispatch, this::publishToOtherNodes);
        pubSubConnection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String payload) {
                received(channel, payload);
            }
        });
        pubSubConnection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                outages.incrementAndGet();
                rooms.values().forEach(room -> room.unsure = true);
                if (!closed && busDown.compareAndSet(false, true)) {
                    log.warn("Lost the connection to Redis at {}: until it is back, watchers here read messages of "
                            + "other nodes from the store every {}", where, properties.outagePollInterval());
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (!closed && busDown.get()) {
                    // off Lettuce's I/O thread: the channel lock may be held by a thread writing to Lettuce
                    runQuietly(RedisRoomEvents.this::subscribeAllAgain);
                }
            }
        });
        publishConnection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                registration.disconnected();
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                registration.connected();
            }
        });
        long poll = properties.outagePollInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::pollTick, poll, poll, TimeUnit.MILLISECONDS);
        if (newestStored != null) {
            long check = properties.storeCheckInterval().toMillis();
            ticker.scheduleWithFixedDelay(this::checkTick, check, check, TimeUnit.MILLISECONDS);
        }
        long beat = registration.tickInterval().toMillis();
        ticker.scheduleWithFixedDelay(registration::tick, 0, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to the server in {@code properties}; fails with a message naming the property if it
     * cannot. {@code newestStored} answers the newest change the store's log holds for each of some
     * rooms (leaving out rooms without any): while Redis is down it is asked for the watched rooms once
     * per poll, and only rooms with something new are resynced; while Redis is up, once per
     * {@code storeCheckInterval}.
     */
    public static RedisRoomEvents connect(RedisFanoutProperties properties,
                                          Function<Collection<RoomId>, Map<RoomId, ChangeId>> newestStored) {
        return new RedisRoomEvents(properties, Objects.requireNonNull(newestStored, "newestStored"));
    }

    /**
     * Without a store to look at: while Redis is down, every watched room is resynced on every poll;
     * while it is up, nothing is looked at.
     */
    public static RedisRoomEvents connect(RedisFanoutProperties properties) {
        return new RedisRoomEvents(properties, null);
    }

    @Override
    public void publish(RoomEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            log.debug("Dropped {} for room {}: fan-out is shut down", event.getClass().getSimpleName(), event.roomId());
            return;
        }
        if (event instanceof Presence presence) {
            registration.track(presence);
        }
        dispatch(event);
    }

    /** To this node's watchers of the room at once, and to the other nodes through Redis. */
    private void dispatch(RoomEvent event) {
        RoomChannel local = rooms.get(channel(event.roomId()));
        if (local != null) {
            local.enqueue(new Pending(event, null));
        }
        publishToOtherNodes(event);
    }

    private void publishToOtherNodes(RoomEvent event) {
        try {
            publishConnection.async().publish(channel(event.roomId()), codec.encode(node, event))
                    .whenComplete((receivers, failure) -> {
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
        Subscription subscription = subscribers.subscribe(room, listener);
        RoomChannel target = rooms.get(channel(room));
        if (target != null) {
            awaitConfirmation(target);
        }
        return subscription;
    }

    /**
     * Waits until Redis has confirmed the room's subscription, so that an event published on
     * another node after this returns reaches the new subscriber. Gives up after the timeout
     * rather than hold up a connecting client: its own node's events still reach it, the room is
     * read from the store meanwhile, and the subscription is made again.
     */
    private void awaitConfirmation(RoomChannel room) {
        if (busDown.get()) {
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

    /** Adds and removes Redis subscriptions as rooms gain their first and lose their last watcher here. */
    private final class Channels implements RoomSubscribers.RoomLifecycle {

        @Override
        public void firstSubscriber(RoomId room) {
            synchronized (channels) {
                RoomChannel added = new RoomChannel(room, channel(room));
                added.unsure = busDown.get();
                rooms.put(added.channel, added);
                added.confirmed = subscribeAtRedis(added.channel);
            }
        }

        @Override
        public void lastSubscriberLeft(RoomId room) {
            synchronized (channels) {
                RoomChannel removed = rooms.remove(channel(room));
                if (removed == null || closed) {
                    return;
                }
                pubSubConnection.async().unsubscribe(removed.channel).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        // harmless: this node only receives and drops the room's events until it reconnects
                        log.warn("Could not unsubscribe room {} at Redis {}: {}", room, where, failure.toString());
                    }
                });
            }
        }
    }

    /** Hands SUBSCRIBE to Lettuce; call with the channel lock held. Completes when Redis confirms. */
    private CompletableFuture<Void> subscribeAtRedis(String... names) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        try {
            pubSubConnection.async().subscribe(names).whenComplete((ignored, failure) -> {
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

    /**
     * After an outage: subscribes every watched room once more (Lettuce does too, but gives no
     * signal when it is done), and once Redis has confirmed them all, ends the outage with one
     * last look at the store: what was published before the subscriptions took hold is there.
     */
    private void subscribeAllAgain() {
        if (!resubscribing.compareAndSet(false, true)) {
            return;
        }
        long outage = outages.get();
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        synchronized (channels) {
            List<RoomChannel> all = new ArrayList<>(rooms.values());
            for (int from = 0; from < all.size(); from += RESUBSCRIBE_BATCH) {
                List<RoomChannel> batch = all.subList(from, Math.min(all.size(), from + RESUBSCRIBE_BATCH));
                CompletableFuture<Void> confirmed = subscribeAtRedis(
                        batch.stream().map(room -> room.channel).toArray(String[]::new));
                batch.forEach(room -> room.confirmed = confirmed);
                batches.add(confirmed);
            }
        }
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            resubscribing.set(false);
            if (failure != null) {
                log.warn("Could not subscribe the rooms again at Redis {} (tried again every poll): {}", where,
                        failure.toString());
            } else if (outages.get() == outage && busDown.compareAndSet(true, false)) {
                log.info("Connection to Redis at {} is back and {} rooms are subscribed again; their watchers "
                        + "read what they missed from the store", where, rooms.size());
                requestCatchUp();
            }
        });
    }

    /**
     * Every {@code outagePollInterval}: the rooms that may have missed events poll the store, and
     * their subscriptions are tried again when the connection is back but they failed; when Redis
     * takes commands again, the rooms whose events may not have gone out are told to resync on the
     * other nodes.
     */
    private void pollTick() {
        if (closed) {
            return;
        }
        try {
            if (busDown.get()) {
                if (pubSubConnection.isOpen()) {
                    runQuietly(this::subscribeAllAgain);
                }
            } else {
                resubscribeFailedRooms();
            }
            if (rooms.values().stream().anyMatch(room -> room.unsure)) {
                requestCatchUp();
            }
            if (!unsent.isEmpty() && publishConnection.isOpen()) {
                for (RoomId room : List.copyOf(unsent)) {
                    unsent.remove(room);
                    publishToOtherNodes(new Resync(room));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Fan-out poll failed: {}", e.toString());
        }
    }

    /** A room whose SUBSCRIBE failed while the rest works is read from the store and subscribed again. */
    private void resubscribeFailedRooms() {
        synchronized (channels) {
            for (RoomChannel room : rooms.values()) {
                if (room.confirmed.isCompletedExceptionally()) {
                    room.unsure = true;
                    room.confirmed = subscribeAtRedis(room.channel);
                }
            }
        }
    }

    /** Runs a poll of the store on a virtual thread; a request while one runs makes it go round once more. */
    private void requestCatchUp() {
        catchUpRequested.set(true);
        if (catchingUp.compareAndSet(false, true)) {
            runQuietly(this::catchUp);
        }
    }

    /**
     * Every {@code storeCheckInterval} while Redis is up: the next catch-up looks at every watched room.
     * Nothing to do without watchers.
     */
    private void checkTick() {
        if (!closed && !busDown.get() && !rooms.isEmpty()) {
            checkDue.set(true);
            requestCatchUp();
        }
    }

    private void catchUp() {
        try {
            while (catchUpRequested.getAndSet(false) && !closed) {
                boolean check = checkDue.getAndSet(false);
                lookAtStore(rooms.values().stream().filter(room -> check || room.unsure).toList());
            }
        } finally {
            catchingUp.set(false);
        }
        if (catchUpRequested.get() && !closed) {
            requestCatchUp(); // asked for while this one was finishing
        }
    }

    /**
     * One look at the newest change of each of these rooms, in one question to the store; a room whose
     * watchers lack a change is told to resync (see {@link RoomChannel#compare}).
     */
    private void lookAtStore(List<RoomChannel> due) {
        if (due.isEmpty()) {
            return;
        }
        record Look(RoomChannel room, boolean unsure) {
        }
        List<Look> looks = due.stream().map(room -> {
            boolean unsure = room.unsure;
            if (unsure && subscribed(room)) {
                room.unsure = false; // before looking: an event published from now on arrives through Redis
            }
            return new Look(room, unsure);
        }).toList();
        if (newestStored == null) {
            looks.stream().filter(Look::unsure)
                    .forEach(look -> look.room().enqueue(new Pending(new Resync(look.room().id), null)));
            return;
        }
        Map<RoomId, ChangeId> newest;
        try {
            newest = newestStored.apply(looks.stream().map(look -> look.room().id).toList());
        } catch (RuntimeException e) {
            looks.stream().filter(Look::unsure).forEach(look -> look.room().unsure = true);
            if (storeFailures.due()) {
                log.warn("Could not read the newest changes of {} watched rooms from the store ({} failures since the "
                        + "last warning): {}", looks.size(), storeFailures.takeCount(), e.toString());
            }
            return;
        }
        looks.forEach(look -> look.room().compare(newest.get(look.room().id), look.unsure()));
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
        if (!closed) {
            unsent.add(event.roomId());
        }
        if (publishFailures.due()) {
            log.warn("Could not publish to Redis at {} ({} failures since the last warning, latest {} of room {}); "
                    + "other nodes read the room's messages from the store once Redis is back: {}", where,
                    publishFailures.takeCount(), event.getClass().getSimpleName(), event.roomId(), failure.toString());
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

    /** Whether events of other nodes may currently not reach this node (Redis lost, or rooms not subscribed again yet). */
    public boolean busDown() {
        return busDown.get();
    }

    /** Whether some rooms' events may not have reached the other nodes, who are still to be told to resync. */
    boolean hasUnsentRooms() {
        return !unsent.isEmpty();
    }

    NodeRegistry registration() {
        return registration;
    }

    /**
     * Waits until Redis has answered a command sent on the pub/sub connection now: it has then
     * processed every SUBSCRIBE and UNSUBSCRIBE sent before.
     */
    void awaitPubSubQuiet() throws Exception {
        pubSubConnection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly(Runnable task) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /**
     * Shuts down: announces the watchers still here as gone, takes this node out of Redis and
     * waits (up to the timeout) until the last events have gone out.
     */
    @Override
    public void close() {
        synchronized (channels) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.shutdownNow();
        registration.leave();
        pubSubConnection.close();
        try {
            // Redis answers in order: once PING is answered, every earlier command has been sent on
            publishConnection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Redis at {} did not answer before shutdown; the last events may not reach other nodes", where);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishConnection.close();
        shutDown(timeout);
    }

    /** Stops at once, as a process that is killed would: no goodbye, nothing taken out of Redis. For tests. */
    void halt() {
        synchronized (channels) {
            closed = true;
        }
        ticker.shutdownNow();
        shutDown(Duration.ZERO);
    }

    private void shutDown(Duration wait) {
        client.shutdown(Duration.ZERO, wait);
        resources.shutdown(0, wait.toMillis(), TimeUnit.MILLISECONDS);
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
        rooms.clear();
    }

    /** Whether the room's subscription at Redis is confirmed, so that events of other nodes reach it. */
    private boolean subscribed(RoomChannel room) {
        CompletableFuture<Void> confirmed = room.confirmed;
        return !busDown.get() && confirmed.isDone() && !confirmed.isCompletedExceptionally();
    }

    /** An event published here, or a payload from Redis still to be decoded. */
    private record Pending(RoomEvent event, String payload) {
    }

    /** One room with watchers on this node and the queue that feeds them in order. */
    private final class RoomChannel {

        final RoomId id;
        final String channel;
        /** Redis's confirmation of the room's SUBSCRIBE; replaced when it is sent again. */
        volatile CompletableFuture<Void> confirmed;
        /** Events of other nodes may have missed this room since its last poll of the store. */
        volatile boolean unsure;
        /** The newest change of the room's log its watchers here have been given (by an event or a resync). */
        private final AtomicReference<ChangeId> newestDelivered = new AtomicReference<>();
        /**
         * The newest change the store held at the previous periodic look that the watchers had not been given;
         * only the catch-up touches it, one at a time.
         */
        private ChangeId notYetDelivered;
        private final Queue<Pending> backlog = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();

        RoomChannel(RoomId id, String channel) {
            this.id = id;
            this.channel = channel;
        }

        /**
         * What a look at the store found: {@code stored}, the newest change of the room's log (null: none).
         * A room that may have missed events ({@code unsure}) resyncs when the log holds a change its
         * watchers were not given; one that heard Redis all along only when a change found at the previous
         * look is still missing: an event on its way through Redis has had the whole interval to arrive.
         * The resync names the change, so that a watcher that has it reads nothing.
         */
        void compare(ChangeId stored, boolean unsure) {
            ChangeId missing = unsure ? stored : notYetDelivered;
            notYetDelivered = null;
            if (stored != null && missing != null && isNews(missing)) {
                delivered(stored);
                enqueue(new Pending(new Resync(id, stored), null));
            } else if (!unsure && stored != null && isNews(stored)) {
                notYetDelivered = stored;
            }
        }

        private boolean isNews(ChangeId change) {
            ChangeId known = newestDelivered.get();
            return known == null || change.compareTo(known) > 0;
        }

        /** Notes that the watchers have, or are about to be given, this change; true if it is news. */
        boolean delivered(ChangeId message) {
            ChangeId before = newestDelivered.getAndAccumulate(message,
                    (known, next) -> known == null || next.compareTo(known) > 0 ? next : known);
            return before == null || message.compareTo(before) > 0;
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
                        // a room left and watched again has a new queue: this one's events are for nobody
                        if (event != null && rooms.get(channel) == this) {
                            if (event instanceof RoomEvent.Change change && change.change() != null) {
                                delivered(change.change().id());
                            }
                            subscribers.deliver(event);
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
}
