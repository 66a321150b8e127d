package org.chatserver.application.port.out.user;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;

/**
 * The subscribers of users' events on this node and delivery to them: the same-node half every
 * {@link UserEvents} adapter shares. Delivery runs on the caller's thread, to each open
 * subscription of the event's user once; a listener that throws is reported to {@code onFailure}
 * and the others still get the event. A user without subscribers is forgotten.
 */
public final class UserSubscribers {

    private final Map<UserId, List<Subscriber>> users = new ConcurrentHashMap<>();
    private final BiConsumer<UserEvent, RuntimeException> onFailure;

    public UserSubscribers(BiConsumer<UserEvent, RuntimeException> onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    public UserEvents.Subscription subscribe(UserId user, Consumer<UserEvent> listener) {
        Subscriber subscriber = new Subscriber(Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(listener, "listener"));
        users.compute(user, (u, list) -> {
            List<Subscriber> subscribers = list == null ? new CopyOnWriteArrayList<>() : list;
            subscribers.add(subscriber);
            return subscribers;
        });
        return subscriber;
    }

    public void deliver(UserEvent event) {
        for (Subscriber subscriber : users.getOrDefault(event.user(), List.of())) {
            subscriber.deliver(event);
        }
    }

    /** Whether the user has a subscriber on this node. */
    public boolean isSubscribed(UserId user) {
        return users.containsKey(user);
    }

    private final class Subscriber implements UserEvents.Subscription {

        private final UserId user;
        private final Consumer<UserEvent> listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(UserId user, Consumer<UserEvent> listener) {
            this.user = user;
            this.listener = listener;
        }

        void deliver(UserEvent event) {
            if (closed.get()) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                onFailure.accept(event, e);
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                users.computeIfPresent(user, (u, list) -> {
                    list.remove(this);
                    return list.isEmpty() ? null : list;
                });
            }
        }
    }
}
