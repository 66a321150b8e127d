package org.chatserver.application.port.out.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatserver.application.contract.DeliberateFailure;
import org.chatserver.application.port.out.room.RoomEvents.Subscription;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** What the fan-out adapters rely on beyond the port's contract: rooms coming and going, failures reported. */
class RoomSubscribersTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final RoomId OTHER = new RoomId(2);

    private final List<String> lifecycle = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final RoomSubscribers subscribers = new RoomSubscribers(new RoomSubscribers.RoomLifecycle() {
        @Override
        public void firstSubscriber(RoomId room) {
            lifecycle.add("first " + room.value());
        }

        @Override
        public void lastSubscriberLeft(RoomId room) {
            lifecycle.add("last " + room.value());
        }
    }, (event, failure) -> failures.add(failure));

    @Test
    void aRoomIsAnnouncedWhenItGainsItsFirstAndLosesItsLastSubscriber() {
        Subscription one = subscribers.subscribe(ROOM, e -> { });
        Subscription two = subscribers.subscribe(ROOM, e -> { });
        Subscription other = subscribers.subscribe(OTHER, e -> { });
        assertThat(subscribers.watchedRooms()).containsExactlyInAnyOrder(ROOM, OTHER);

        one.close();
        one.close();
        assertThat(subscribers.isWatched(ROOM)).isTrue();
        two.close();
        other.close();
        Subscription again = subscribers.subscribe(ROOM, e -> { });

        assertThat(lifecycle).containsExactly("first 1", "first 2", "last 1", "last 2", "first 1");
        assertThat(subscribers.watchedRoomCount()).isEqualTo(1);
        again.close();
        assertThat(subscribers.watchedRoomCount()).isZero();
    }

    @Test
    void aFailingListenerIsReportedAndTheOthersStillGetTheEvent() {
        List<RoomEvent> healthy = new CopyOnWriteArrayList<>();
        DeliberateFailure broken = new DeliberateFailure("broken listener");
        subscribers.subscribe(ROOM, e -> {
            throw broken;
        });
        subscribers.subscribe(ROOM, healthy::add);
        RoomEvent event = new Presence(ROOM, new Username("alice"), true, Instant.EPOCH, "c-1");

        subscribers.deliver(event);

        assertThat(healthy).containsExactly(event);
        assertThat(failures).containsExactly(broken);
    }
}
