package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;

/**
 * Thread-safe in-memory {@link PresenceStore} of one node; behaves as the adapters do (see its contract test). For
 * tests of several nodes, it can also hold users connected on one other node, and let that node die.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private final Map<UserId, UserPresence> known = new HashMap<>();
    private final Set<UserId> onAnotherNode = new HashSet<>();
    private Consumer<Set<UserId>> whenUnreported = lost -> { };

    @Override
    public synchronized void report(UserId user, PresenceStatus onThisNode, Instant at) {
        known.put(user, onThisNode == PresenceStatus.OFFLINE
                ? new UserPresence(PresenceStatus.OFFLINE, at.truncatedTo(ChronoUnit.MILLIS))
                : new UserPresence(onThisNode, null));
    }

    @Override
    public synchronized Map<UserId, UserPresence> presence(Collection<UserId> users) {
        Map<UserId, UserPresence> result = new HashMap<>();
        users.forEach(user -> {
            UserPresence here = known.getOrDefault(user, UserPresence.NEVER_SEEN);
            result.put(user, onAnotherNode.contains(user) && here.status() == PresenceStatus.OFFLINE
                    ? new UserPresence(PresenceStatus.ONLINE, null) : here);
        });
        return result;
    }

    @Override
    public synchronized void whenUnreported(Consumer<Set<UserId>> listener) {
        whenUnreported = listener;
    }

    /** The user is connected on the other node, and shows online until it dies. */
    public synchronized void connectedOnAnotherNode(UserId user) {
        onAnotherNode.add(user);
    }

    /** The other node dies, its last sign of life at {@code lastSign}: its users are offline, and this node told. */
    public void anotherNodeDies(Instant lastSign) {
        Set<UserId> lost;
        synchronized (this) {
            lost = Set.copyOf(onAnotherNode);
            onAnotherNode.clear();
            lost.forEach(user -> known.merge(user, new UserPresence(PresenceStatus.OFFLINE,
                    lastSign.truncatedTo(ChronoUnit.MILLIS)), (here, gone) -> here.status() == PresenceStatus.OFFLINE
                    ? gone : here));
        }
        whenUnreported.accept(lost);
    }
}
