package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatserver.adapter.fanout.redis.RoomEventCodec.UnreadableEventException;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's entry in Redis, so that the other nodes notice when it dies and nobody is left
 * looking at its watchers as if they were still there.
 *
 * <p>Three keys per node under the channel prefix: {@code node.<id>} expires {@code nodeTtl} after
 * the last heartbeat (one every third of it); {@code node.<id>.present} holds the presence joins of
 * the watchers on the node that have not left; {@code nodes} lists the nodes. Every node, on the
 * same tick, sweeps: one Lua script takes the watchers of every listed node whose heartbeat key has
 * expired, deletes its entry and leaves a {@code node.<id>.swept} marker, so exactly one live node
 * announces them as gone ({@code Presence} with {@code joined=false}, shown as {@code user_left}).
 * A dead node's watchers are therefore announced at most {@code 4/3 × nodeTtl} after its last
 * heartbeat, plus delivery.
 *
 * <p>The node's memory of its watchers is the truth and Redis holds a copy: when a command to
 * Redis fails, or after a reconnect (Redis may have restarted empty), the next heartbeat writes
 * the whole copy again. A node that was cut off from Redis for longer than {@code nodeTtl} has
 * been swept (it finds its marker): its watchers were announced as gone, so it announces them
 * again to the other nodes. A node sweeps only once it has been connected for a whole
 * {@code nodeTtl}: after Redis comes back, the others get the time to renew their heartbeats.
 */
final class NodeRegistry {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    private static final Duration SWEPT_MARKER_TTL = Duration.ofDays(1);

    /**
     * KEYS[1] the node list; ARGV[1] the key prefix of nodes, ARGV[2] the sweeping node, ARGV[3]
     * seconds to keep a swept marker. Returns the presence joins of every dead node's watchers.
     */
    private static final String SWEEP = """
            local gone = {}
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. id) == 0 then
                local present = ARGV[1] .. id .. '.present'
                for _, joined in ipairs(redis.call('HVALS', present)) do
                  table.insert(gone, joined)
                end
                redis.call('DEL', present)
                redis.call('SREM', KEYS[1], id)
                redis.call('SET', ARGV[1] .. id .. '.swept', '1', 'EX', ARGV[3])
              end
            end
            return gone
            """;

    private final String node;
    private final RedisAsyncCommands<String, String> redis;
    private final RoomEventCodec codec;
    private final Duration ttl;
    private final String where;
    private final String nodesKey;
    private final String nodeKeyPrefix;
    private final String aliveKey;
    private final String presentKey;
    private final String sweptKey;
    /** Publishes to this node's watchers and to every other node. */
    private final Consumer<RoomEvent> announce;
    /** Publishes to the other nodes only. */
    private final Consumer<RoomEvent> announceElsewhere;

    /** The presence joins of this node's watchers, by {@link #field}. Guarded by {@code this}. */
    private final Map<String, Presence> present = new HashMap<>();
    /** Redis's copy of {@link #present} may be wrong. Guarded by {@code this}. */
    private boolean dirty = true;
    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** System.nanoTime() of the last connect, or null while disconnected. */
    private volatile Long connectedSince;
    private final ThrottledWarning failures = new ThrottledWarning();

    NodeRegistry(String node, RedisAsyncCommands<String, String> redis, RoomEventCodec codec, String prefix,
                 Duration ttl, String where, Consumer<RoomEvent> announce, Consumer<RoomEvent> announceElsewhere) {
        this.node = node;
        this.redis = redis;
        this.codec = codec;
        this.ttl = ttl;
        this.where = where;
        this.nodesKey = prefix + "nodes";
        this.nodeKeyPrefix = prefix + "node.";
        this.aliveKey = nodeKeyPrefix + node;
        this.presentKey = aliveKey + ".present";
        this.sweptKey = aliveKey + ".swept";
        this.announce = announce;
        this.announceElsewhere = announceElsewhere;
        this.connectedSince = System.nanoTime();
    }

    /** How often {@link #tick} should run: three heartbeats per {@code nodeTtl}. */
    Duration tickInterval() {
        return ttl.dividedBy(3);
    }

    /** Keeps Redis's copy of this node's watchers current; called for every presence event published here. */
    void track(Presence event) {
        if (event.origin() == null) {
            return; // not a watcher's own join or leave: nothing to pair it with
        }
        String field = field(event);
        synchronized (this) {
            if (event.joined()) {
                present.put(field, event);
                // listed with every watcher it records: a node cut off before its first heartbeat
                // went through must not hold watchers that no sweep can find
                send(() -> redis.sadd(nodesKey, node));
                send(() -> redis.hset(presentKey, field, codec.encode(node, event)));
            } else if (present.remove(field) != null) {
                send(() -> redis.hdel(presentKey, field));
            }
        }
    }

    void connected() {
        synchronized (this) {
            dirty = true; // commands may have failed meanwhile, or Redis restarted empty
        }
        connectedSince = System.nanoTime();
    }

    void disconnected() {
        connectedSince = null;
    }

    /** A heartbeat, then a sweep of dead nodes. Never blocks: each step runs when Redis answers the last. */
    void tick() {
        heartbeat();
        sweep();
    }

    private void heartbeat() {
        once(beating, "renew this node's heartbeat", () -> {
            // sent together, in this order: the node is alive before it is listed, and listed before it looks for its marker
            RedisFuture<String> alive = redis.set(aliveKey, "1", SetArgs.Builder.px(ttl.toMillis()));
            RedisFuture<Long> added = redis.sadd(nodesKey, node);
            RedisFuture<Long> markers = redis.del(sweptKey);
            return alive.thenCompose(ok -> added).thenCombine(markers, (listed, swept) ->
                    swept == 1 ? Entry.SWEPT : listed == 1 ? Entry.MISSING : Entry.LISTED);
        }, this::rewriteIfNeeded);
    }

    /** What the heartbeat found of this node's entry. */
    private enum Entry {
        LISTED,
        /** not listed and no marker: the first heartbeat, or Redis lost its data */
        MISSING,
        /** a marker: another node took this one for dead and announced its watchers as gone */
        SWEPT
    }

    private void rewriteIfNeeded(Entry entry) {
        List<Presence> again;
        synchronized (this) {
            if (entry == Entry.LISTED && !dirty) {
                return;
            }
            dirty = false;
            send(() -> redis.del(presentKey));
            if (!present.isEmpty()) {
                Map<String, String> all = new LinkedHashMap<>();
                present.forEach((field, joined) -> all.put(field, codec.encode(node, joined)));
                send(() -> redis.hset(presentKey, all));
            }
            again = entry == Entry.SWEPT ? List.copyOf(present.values()) : List.of();
        }
        if (!again.isEmpty()) {
            log.warn("Other nodes took this node for dead (no heartbeat in Redis at {} for {}) and announced its "
                    + "{} watchers as gone; announcing them again", where, ttl, again.size());
            Instant now = Instant.now();
            again.forEach(p -> announceElsewhere.accept(new Presence(p.roomId(), p.user(), true, now, p.origin())));
        }
    }

    private void sweep() {
        Long since = connectedSince;
        if (since == null || System.nanoTime() - since < ttl.toNanos()) {
            return;
        }
        once(sweeping, "look for dead nodes", () -> redis.<List<String>>eval(SWEEP, ScriptOutputType.MULTI,
                new String[] {nodesKey}, nodeKeyPrefix, node, String.valueOf(SWEPT_MARKER_TTL.toSeconds())), joins -> {
            if (!joins.isEmpty()) {
                announceGone(joins);
            }
        });
    }

    /** Runs one step that waits for Redis at a time: a tick while the last one still waits is skipped. */
    private <T> void once(AtomicBoolean running, String what, Supplier<CompletionStage<T>> step, Consumer<T> then) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<T> result;
        try {
            result = step.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, failure) -> {
            running.set(false);
            if (failure != null) {
                failed(what, failure);
            } else {
                then.accept(value);
            }
        });
    }

    private void announceGone(List<String> joins) {
        log.info("Announcing {} watchers of nodes that stopped their heartbeat in Redis at {} as gone",
                joins.size(), where);
        Instant now = Instant.now();
        for (String payload : joins) {
            try {
                if (codec.decode(payload).event() instanceof Presence joined) {
                    announce.accept(new Presence(joined.roomId(), joined.user(), false, now, joined.origin()));
                }
            } catch (UnreadableEventException e) {
                failed("read a dead node's watcher", e);
            }
        }
    }

    /**
     * Announces this node's remaining watchers as gone and takes its entry out of Redis, for a
     * shutdown: the other nodes need not wait for the heartbeat to expire. The commands are only
     * handed to Lettuce; the caller waits for Redis to answer something sent after them.
     */
    void leave() {
        List<Presence> held;
        synchronized (this) {
            held = List.copyOf(present.values());
            present.clear();
            dirty = false;
        }
        Instant now = Instant.now();
        held.forEach(p -> announce.accept(new Presence(p.roomId(), p.user(), false, now, p.origin())));
        send(() -> redis.del(presentKey, aliveKey));
        send(() -> redis.srem(nodesKey, node));
    }

    String aliveKey() {
        return aliveKey;
    }

    String presentKey() {
        return presentKey;
    }

    /** One watcher's entry: its room, its user and its connection. */
    private static String field(Presence event) {
        return event.roomId().value() + " " + event.user().value() + " " + event.origin();
    }

    /** Sends a command whose failure only means that Redis's copy must be written again. */
    private void send(Supplier<RedisFuture<?>> command) {
        try {
            command.get().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    markDirty();
                }
            });
        } catch (RuntimeException e) {
            markDirty();
        }
    }

    private synchronized void markDirty() {
        dirty = true;
    }

    private void failed(String what, Throwable failure) {
        if (failures.due()) {
            log.warn("Could not {} in Redis at {} ({} failures since the last warning): {}", what, where,
                    failures.takeCount(), failure.toString());
        }
    }
}
