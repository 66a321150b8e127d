package org.chatserver.application.port.out.user;

import java.util.function.Consumer;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;

/**
 * Fan-out of {@link UserEvent}s to the user's own streams, on this node and, with a cross-node
 * adapter, on the others. Events are rare (a room list changes, a read position moves), so a
 * cross-node adapter may send them all to every node, each keeping those of its users. While the
 * transport holds, each publisher's events reach every subscriber of the user in publish order,
 * once ({@code UserEventsContract}).
 */
public interface UserEvents {

    /** Hands the event to every subscriber of its user. Call only after the change committed. */
    void publish(UserEvent event);

    /**
     * Calls {@code listener} for each event of the user until the subscription is closed. The listener
     * must be quick and must not throw; should it throw, the other subscribers still get the event.
     */
    Subscription subscribe(UserId user, Consumer<UserEvent> listener);

    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }

    /** Publishes nothing anywhere: for services of a node that serves no user streams, and tests. */
    UserEvents NONE = new UserEvents() {
        @Override
        public void publish(UserEvent event) {
        }

        @Override
        public Subscription subscribe(UserId user, Consumer<UserEvent> listener) {
            return () -> {
            };
        }
    };
}
