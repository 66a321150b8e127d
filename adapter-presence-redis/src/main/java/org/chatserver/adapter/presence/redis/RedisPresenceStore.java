package org.chatserver.adapter.presence.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence across nodes in Redis. Each node (a random id per process) keeps, under the key prefix:
 * <ul>
 *   <li>{@code node.<id>}: its heartbeat, renewed every third of {@code nodeTtl} and expiring after
 *   it. A node whose key is gone is dead, and its users count as not connected there.</li>
 *   <li>{@code beats}: a hash of each node's last heartbeat (epoch ms), so that the users of a dead
 *   node get that as their {@code last_seen}.</li>
 *   <li>{@code user.<userId>}: a hash per user: field {@code <node id>} = {@code ONLINE} or
 *   {@code AWAY} while that node has their connections, field {@code seen} = when a node last
 *   reported them gone (epoch ms). It expires {@value #USER_TTL_DAYS} days after its last write.</li>
 *   <li>{@code node.<id>.users}: the set of the users that node has connected, so that when it dies the
 *   others can tell who went with it.</li>
 * </ul>
 * A node writes a user's field only when their status on it changes, and three commands per heartbeat
 * whatever the number of users: nothing per frame, nothing to the database. Reading combines the
 * fields with the live nodes; fields of dead nodes are cleared as they are read.
 *
 * <p>On each heartbeat a node also sweeps: one Lua script takes the user sets of the nodes whose heartbeat key has
 * expired and deletes them, so that exactly one live node hands those users to {@link #whenUnreported}'s listener.
 * A dead node's users are therefore told at most {@code 4/3 × nodeTtl} after its last heartbeat. A node sweeps only
 * once Redis has answered its heartbeats for a whole {@code nodeTtl}: after Redis was away, the others get the time
 * to renew theirs. A node whose heartbeat finds its key gone (it was cut off for longer than {@code nodeTtl}, and may
 * have been swept, or Redis lost its data) writes its users again and hands them to the listener too: the others
 * may have been told they went offline.
 *
 * <p>The node's own memory of its users is the truth and Redis holds a copy: when a write failed, or
 * the heartbeat finds its key gone (it expired while Redis was unreachable, or Redis restarted
 * empty), the next heartbeat writes the whole copy again. While Redis cannot be read, a node answers
 * from what it knows itself (its own users online or away, everyone else offline), and logs it.
 */
public final class RedisPresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceStore.class);
    private static final String SEEN = "seen";
    /** A user's hash lives this long after its last write: who has not been around for a month is "never seen". */
    static final int USER_TTL_DAYS = 30;
    static final Duration USER_TTL = Duration.ofDays(USER_TTL_DAYS);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    /**
     * KEYS[1] the heartbeat index; ARGV[1] the key prefix of nodes, ARGV[2] the sweeping node, ARGV[3] epoch ms before
     * which a dead node's last heartbeat is forgotten. Takes the user set of every node of the index whose heartbeat
     * key is gone, and returns their members; takes a dead node out of the index once its users' entries have
     * expired, so that the index does not grow with every process ever killed.
     */
    private static final String SWEEP = """
            local lost = {}
            for _, id in ipairs(redis.call('HKEYS', KEYS[1])) do
              if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. id) == 0 then
                local users = ARGV[1] .. id .. '.users'
                for _, user in ipairs(redis.call('SMEMBERS', users)) do
                  table.insert(lost, user)
                end
                redis.call('DEL', users)
                local beat = tonumber(redis.call('HGET', KEYS[1], id))
                if beat == nil or beat < tonumber(ARGV[3]) then
                  redis.call('HDEL', KEYS[1], id)
                end
              end
            end
            return lost
            """;

    /**
     * Lettuce's default back-off doubles the wait between reconnect attempts up to 30 s, so after an outage of
     * half a minute everyone showed offline for up to half a minute more; attempts at most 0.5 s apart instead.
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2,
            TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final Clock clock;
    private final Duration ttl;
    private final Duration timeout;
    private final String prefix;
    private final String node;
    private final String aliveKey;
    private final String beatsKey;
    private final String usersKey;
    /** This node's users that are not offline, with their status here. Writes guarded by {@code this}. */
    private final Map<UserId, PresenceStatus> mine = new ConcurrentHashMap<>();
    /** Redis's copy of {@link #mine} may be wrong: write it all again on the next heartbeat. */
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService ticker;
    private final AtomicLong lastWarning = new AtomicLong();
    private volatile Consumer<Set<UserId>> whenUnreported = lost -> { };
    /** System.nanoTime() since when Redis has answered every heartbeat, or null while it does not. */
    private volatile Long answeringSince;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** No heartbeat has been answered yet: the first finds no key of this node, as it should. */
    private final AtomicBoolean firstBeat = new AtomicBoolean(true);
    private volatile boolean closed;

    private RedisPresenceStore(ClientResources resources, RedisClient client,
                               StatefulRedisConnection<String, String> connection, RedisPresenceProperties properties,
                               Clock clock) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redis = connection.async();
        this.clock = clock;
        this.ttl = properties.nodeTtl();
        this.timeout = properties.timeout();
        this.prefix = properties.keyPrefix();
        this.node = UUID.randomUUID().toString();
        this.aliveKey = prefix + "node." + node;
        this.beatsKey = prefix + "beats";
        this.usersKey = aliveKey + ".users";
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-heartbeat")
                .daemon(true).factory());
    }

    /** Connects now: an unreachable server stops start-up with a message naming the property. */
    static RedisPresenceStore connect(RedisPresenceProperties properties, Clock clock) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        ClientResources resources = ClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                // a report while Redis is away fails at once and marks the copy for rewriting
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RedisException e) {
            shutDown(client, resources, properties.timeout());
            throw new IllegalStateException("chat.presence.redis.url: cannot connect to Redis (" + e.getMessage()
                    + "); presence is kept there when chat.presence.type=redis", e);
        }
        RedisPresenceStore store = new RedisPresenceStore(resources, client, connection, properties, clock);
        store.start();
        return store;
    }

    /** Whether the connection to Redis is up now (for the node's metrics); false from a loss until reconnected. */
    public boolean connected() {
        return connection.isOpen();
    }

    private void start() {
        heartbeat();
        long every = Math.max(1, ttl.toMillis() / 3);
        ticker.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    // ---- writing: reports and heartbeats, never waiting for Redis ----

    @Override
    public synchronized void report(UserId user, PresenceStatus onThisNode, Instant at) {
        if (closed) {
            return; // shutting down: close() reported everyone here gone
        }
        String key = userKey(user);
        if (onThisNode == PresenceStatus.OFFLINE) {
            mine.remove(user);
            send(() -> redis.hset(key, SEEN, Long.toString(at.toEpochMilli())));
            send(() -> redis.hdel(key, node));
            send(() -> redis.srem(usersKey, Long.toString(user.value())));
        } else {
            mine.put(user, onThisNode);
            send(() -> redis.hset(key, node, onThisNode.name()));
            send(() -> redis.sadd(usersKey, Long.toString(user.value())));
        }
        send(() -> redis.pexpire(key, USER_TTL.toMillis()));
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        try {
            String now = Long.toString(clock.millis());
            RedisFuture<String> previous = redis.setGet(aliveKey, now, SetArgs.Builder.px(ttl.toMillis()));
            send(() -> redis.hset(beatsKey, node, now));
            previous.whenComplete((before, failure) -> {
                if (failure != null) {
                    answeringSince = null;
                    dirty.set(true);
                    warn("renew this node's heartbeat", failure);
                    return;
                }
                if (answeringSince == null) {
                    answeringSince = System.nanoTime();
                }
                boolean lost = before == null && !firstBeat.compareAndSet(true, false);
                if (dirty.getAndSet(false) | before == null) {
                    rewrite();
                }
                if (lost) {
                    // the key expired (this node was cut off, and may have been swept) or Redis lost its data:
                    // the others may have been told this node's users went offline, and now they are back
                    Set<UserId> back = Set.copyOf(mine.keySet());
                    if (!back.isEmpty()) {
                        log.info("This node's heartbeat had gone from Redis; telling the rooms of its {} users again",
                                back.size());
                        runOnTicker(() -> whenUnreported.accept(back));
                    }
                }
            });
        } catch (RuntimeException e) {
            answeringSince = null;
            dirty.set(true);
            warn("renew this node's heartbeat", e);
        }
        sweep();
    }

    @Override
    public void whenUnreported(Consumer<Set<UserId>> listener) {
        whenUnreported = listener;
    }

    /** Takes the users of the nodes found dead, if any, and hands them to the listener on the heartbeat's thread. */
    private void sweep() {
        Long since = answeringSince;
        if (since == null || System.nanoTime() - since < ttl.toNanos() || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            String forgetBefore = Long.toString(clock.millis() - USER_TTL.toMillis());
            redis.<List<String>>eval(SWEEP, ScriptOutputType.MULTI, new String[] {beatsKey}, prefix + "node.", node,
                            forgetBefore)
                    .whenComplete((lost, failure) -> {
                        sweeping.set(false);
                        if (failure != null) {
                            warn("look for dead nodes", failure);
                        } else if (!lost.isEmpty()) {
                            Set<UserId> users = new HashSet<>();
                            lost.forEach(id -> {
                                Long value = parseLong(id);
                                if (value != null) {
                                    users.add(new UserId(value));
                                }
                            });
                            log.info("{} users were connected on nodes that stopped their heartbeat in Redis; telling "
                                    + "their rooms", users.size());
                            runOnTicker(() -> whenUnreported.accept(Set.copyOf(users)));
                        }
                    });
        } catch (RuntimeException e) {
            sweeping.set(false);
            warn("look for dead nodes", e);
        }
    }

    private void runOnTicker(Runnable task) {
        try {
            ticker.execute(task);
        } catch (RejectedExecutionException shutDown) {
            // shutting down: nobody tells these users' rooms, though their presence reads offline all the same
        }
    }

    /** Writes this node's users again: Redis may have lost them, or other nodes taken this one for dead. */
    private synchronized void rewrite() {
        send(() -> redis.del(usersKey));
        mine.forEach((user, status) -> {
            send(() -> redis.hset(userKey(user), node, status.name()));
            send(() -> redis.pexpire(userKey(user), USER_TTL.toMillis()));
            send(() -> redis.sadd(usersKey, Long.toString(user.value())));
        });
    }

    /** Sends a write whose failure only means that Redis's copy must be written again. */
    private void send(Supplier<RedisFuture<?>> command) {
        try {
            command.get().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    dirty.set(true);
                    warn("write presence", failure);
                }
            });
        } catch (RuntimeException e) {
            dirty.set(true);
            warn("write presence", e);
        }
    }

    // ---- reading ----

    @Override
    public Map<UserId, UserPresence> presence(Collection<UserId> users) {
        List<UserId> wanted = List.copyOf(new HashSet<>(users));
        if (wanted.isEmpty()) {
            return Map.of();
        }
        try {
            return combine(wanted);
        } catch (ExecutionException | TimeoutException | RedisException e) {
            warn("read presence (answering from this node's own connections)", e);
            return ownView(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ownView(wanted);
        }
    }

    private Map<UserId, UserPresence> combine(List<UserId> wanted)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(wanted.size());
        for (UserId user : wanted) {
            reads.add(redis.hgetall(userKey(user)));
        }
        Map<UserId, Map<String, String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            fields.put(wanted.get(i), await(reads.get(i)));
        }
        Set<String> nodes = new HashSet<>();
        fields.values().forEach(f -> f.keySet().stream().filter(k -> !k.equals(SEEN) && !k.equals(node))
                .forEach(nodes::add));
        Set<String> alive = new HashSet<>();
        Map<String, Long> beats = new HashMap<>();
        if (!nodes.isEmpty()) {
            List<String> ids = List.copyOf(nodes);
            List<KeyValue<String, String>> keys = await(redis.mget(ids.stream().map(id -> prefix + "node." + id)
                    .toArray(String[]::new)));
            List<KeyValue<String, String>> lastBeats = await(redis.hmget(beatsKey, ids.toArray(String[]::new)));
            for (int i = 0; i < ids.size(); i++) {
                if (keys.get(i).hasValue()) {
                    alive.add(ids.get(i));
                }
                if (lastBeats.get(i).hasValue()) {
                    beats.put(ids.get(i), parseLong(lastBeats.get(i).getValue()));
                }
            }
        }
        Map<UserId, UserPresence> result = new HashMap<>();
        fields.forEach((user, userFields) -> result.put(user, presenceOf(user, userFields, alive, beats)));
        return result;
    }

    private UserPresence presenceOf(UserId user, Map<String, String> fields, Set<String> alive, Map<String, Long> beats) {
        PresenceStatus status = mine.getOrDefault(user, PresenceStatus.OFFLINE);
        Long seen = fields.containsKey(SEEN) ? parseLong(fields.get(SEEN)) : null;
        List<String> dead = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String id = field.getKey();
            if (id.equals(SEEN) || id.equals(node)) {
                continue; // this node's own users: its memory is the truth
            }
            if (alive.contains(id)) {
                status = status.or(statusOf(field.getValue()));
            } else {
                dead.add(id);
                Long beat = beats.get(id);
                if (beat != null && (seen == null || beat > seen)) {
                    seen = beat;
                }
            }
        }
        if (!dead.isEmpty()) {
            // a dead node's users: gone since its last heartbeat; tidy up for the next reader
            String key = userKey(user);
            if (seen != null) {
                String lastSeen = Long.toString(seen);
                send(() -> redis.hset(key, SEEN, lastSeen));
            }
            send(() -> redis.hdel(key, dead.toArray(String[]::new)));
        }
        return status != PresenceStatus.OFFLINE ? new UserPresence(status, null)
                : new UserPresence(PresenceStatus.OFFLINE, seen == null ? null : Instant.ofEpochMilli(seen));
    }

    private Map<UserId, UserPresence> ownView(List<UserId> wanted) {
        Map<UserId, UserPresence> result = new HashMap<>();
        for (UserId user : wanted) {
            PresenceStatus status = mine.get(user);
            result.put(user, status == null ? UserPresence.NEVER_SEEN : new UserPresence(status, null));
        }
        return result;
    }

    private static PresenceStatus statusOf(String value) {
        try {
            return PresenceStatus.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            return PresenceStatus.OFFLINE; // a value of a newer version: says nothing we understand
        }
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private <T> T await(RedisFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String userKey(UserId user) {
        return prefix + "user." + user.value();
    }

    private void warn(String what, Throwable failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last >= WARN_INTERVAL.toNanos()) && lastWarning.compareAndSet(last, now)) {
            log.warn("Could not {} in Redis: {}", what, failure.toString());
        }
    }

    // ---- shutting down ----

    /** Shuts down: this node's users are reported gone now, and its heartbeat is taken out of Redis. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        synchronized (this) {
            String now = Long.toString(clock.millis());
            mine.keySet().forEach(user -> {
                send(() -> redis.hset(userKey(user), SEEN, now));
                send(() -> redis.hdel(userKey(user), node));
            });
            mine.clear();
            send(() -> redis.del(aliveKey, usersKey));
            send(() -> redis.hdel(beatsKey, node));
        }
        try {
            // Redis answers in order: once PING is answered, every command before it is done
            redis.ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Redis did not answer before shutdown; this node's users show offline once its heartbeat expires");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        shutDown(client, resources, timeout);
    }

    /** Bounded: a node stopping while Redis is away must not wait on it. */
    private static void shutDown(RedisClient client, ClientResources resources, Duration timeout) {
        client.shutdown(Duration.ZERO, timeout);
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** This node's heartbeat key. For tests. */
    String aliveKey() {
        return aliveKey;
    }

    /** Stops at once, as a process that is killed would: nothing taken out of Redis. For tests. */
    void halt() {
        closed = true;
        ticker.shutdownNow();
        connection.close();
        shutDown(client, resources, Duration.ZERO);
    }
}
