package org.chatserver.application.port.out.user;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;

/**
 * Who is connected, across every node. Each node reports what it knows of its own connections, only
 * when that changes (never per heartbeat or per frame); the store combines the nodes' reports. A
 * node that stops reporting because it died counts as having none of its users any more, within a
 * bound the adapter documents; a single-node adapter has no other nodes to combine.
 */
public interface PresenceStore {

    /**
     * This node's view of the user changed: {@code ONLINE} or {@code AWAY} while they have
     * connections here, {@code OFFLINE} once the last one here closed, at {@code at}.
     */
    void report(UserId user, PresenceStatus onThisNode, Instant at);

    /**
     * Each user's presence over the live nodes: the most present status any node reports (online,
     * then away), else offline. For an offline user, {@code lastSeen} is when the last node to have
     * them reported them gone (or, for a node that died, its last sign of life), null when no node
     * ever reported them; for others it is null (they are here now). Every user asked for is in
     * the map.
     */
    Map<UserId, UserPresence> presence(Collection<UserId> users);

    /**
     * Asks to be told of users whose presence changed though no node reported it, so that the change can be
     * announced: those of a node that died, on one live node only, once the store has found the node dead
     * (within the bound the adapter documents; by then {@link #presence} no longer counts it); and this node's
     * own users, when it finds that the others took it for dead meanwhile (cut off from the store) and counts
     * them again. A store of one node has no other node and never calls it. Call once, before the first
     * report; the listener runs on the store's own thread and must hand long work off.
     */
    default void whenUnreported(Consumer<Set<UserId>> listener) {
    }
}
