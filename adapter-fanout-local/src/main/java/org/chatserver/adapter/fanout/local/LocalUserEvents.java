package org.chatserver.adapter.fanout.local;

import java.util.Objects;
import java.util.function.Consumer;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserSubscribers;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users' events within this process, on the publisher's thread: enough for a single node. */
public final class LocalUserEvents implements UserEvents {

    private static final Logger log = LoggerFactory.getLogger(LocalUserEvents.class);

    private final UserSubscribers subscribers = new UserSubscribers((event, failure) ->
            log.warn("User stream listener failed on {}; other listeners still get it",
                    event.getClass().getSimpleName(), failure));

    @Override
    public void publish(UserEvent event) {
        subscribers.deliver(Objects.requireNonNull(event, "event"));
    }

    @Override
    public Subscription subscribe(UserId user, Consumer<UserEvent> listener) {
        return subscribers.subscribe(user, listener);
    }
}
