package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserEvents} adapter does: a user's events reach each of that user's subscribers,
 * in publish order, once, and nobody else's; a closed subscription gets nothing more. A cross-node
 * adapter runs it with {@link #publisher()} and {@link #receiver()} on two nodes.
 */
public abstract class UserEventsContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Where events are published. */
    protected abstract UserEvents publisher();

    /** Where they are subscribed to: the same instance for a single-node adapter, another node's for a cross-node one. */
    protected abstract UserEvents receiver();

    private static final UserId ALICE = new UserId(900_001);
    private static final UserId BOB = new UserId(900_002);

    @Test
    void aUsersEventsReachEachOfTheirSubscribersInOrderOnceAndNobodyElse() throws InterruptedException {
        List<UserEvent> phone = new CopyOnWriteArrayList<>();
        List<UserEvent> laptop = new CopyOnWriteArrayList<>();
        List<UserEvent> bobs = new CopyOnWriteArrayList<>();
        receiver().subscribe(ALICE, phone::add);
        receiver().subscribe(ALICE, laptop::add);
        receiver().subscribe(BOB, bobs::add);
        List<UserEvent> sent = List.of(
                new UserEvent.RoomAdded(ALICE, new RoomId(7), new UserEvent.RoomAdded.Since(new ChangeId(55))),
                new UserEvent.RoomAdded(ALICE, new RoomId(8), UserEvent.RoomAdded.Since.START),
                new UserEvent.RoomAdded(ALICE, new RoomId(9), null),
                new UserEvent.ReadMoved(ALICE, new RoomId(7), new MessageId(41), new MessageId(44), 3, 1),
                new UserEvent.ReadMoved(ALICE, new RoomId(8), new MessageId(2), null, 0, 0),
                new UserEvent.RoomRemoved(ALICE, new RoomId(7)));

        sent.forEach(publisher()::publish);

        awaitSize(phone, sent.size());
        awaitSize(laptop, sent.size());
        assertThat(phone).containsExactlyElementsOf(sent);
        assertThat(laptop).containsExactlyElementsOf(sent);
        assertThat(bobs).isEmpty();
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws InterruptedException {
        List<UserEvent> closed = new CopyOnWriteArrayList<>();
        List<UserEvent> open = new CopyOnWriteArrayList<>();
        receiver().subscribe(BOB, closed::add).close();
        receiver().subscribe(BOB, open::add);

        publisher().publish(new UserEvent.RoomAdded(BOB, new RoomId(9), UserEvent.RoomAdded.Since.START));

        awaitSize(open, 1);
        assertThat(closed).isEmpty();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // anything more would be a repeat
        Thread.sleep(50);
        assertThat(list).hasSize(size);
    }
}
