package org.chatserver.application.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.port.out.user.UserSubscribers;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;

/** Delivers on the publisher's thread, as the in-process fan-out does; remembers everything published. */
public final class InMemoryUserEvents implements UserEvents {

    private final UserSubscribers subscribers = new UserSubscribers((event, e) -> { });
    private final List<UserEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(UserEvent event) {
        published.add(event);
        subscribers.deliver(event);
    }

    @Override
    public Subscription subscribe(UserId user, Consumer<UserEvent> listener) {
        return subscribers.subscribe(user, listener);
    }

    public List<UserEvent> published() {
        return List.copyOf(published);
    }
}
