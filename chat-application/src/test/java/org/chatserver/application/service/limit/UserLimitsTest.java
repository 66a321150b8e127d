package org.chatserver.application.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.chatserver.application.fakes.InMemoryThrottleStore;
import org.chatserver.application.fakes.UnreachableThrottleStore;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ConflictException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.room.DirectMessagesUseCase;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.service.message.LimitedPosting;
import org.chatserver.application.service.room.DirectMessagesService;
import org.chatserver.application.service.room.ManageRoomsService;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Per-user limits on posting over REST and on opening rooms, as the caller notices them, on a clock of the test's. */
class UserLimitsTest {

    private static final String POSTS = UserLimits.POSTS_WAIT;
    private static final String ROOMS = UserLimits.ROOMS_WAIT;

    private final ChatFixture chat = new ChatFixture();
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room general = chat.room(alice, "General", false);

    /** 2 posts a second, 3 at once. */
    private final UserRateLimit postLimit = new UserRateLimit("p:", POSTS, UserRateLimit.Policy.perSecond(2, 3), store,
            chat.clock);
    private final PostMessageUseCase restPosting = new LimitedPosting(chat.post, postLimit);

    /** 60 rooms an hour (one a minute), 2 at once. */
    private final UserRateLimit roomLimit = new UserRateLimit("r:", ROOMS, UserRateLimit.Policy.perHour(60, 2), store,
            chat.clock);
    private final ManageRoomsUseCase rooms = new ManageRoomsService(chat.rooms, chat.access, chat.tx, chat.clock,
            chat.userEvents, roomLimit);
    private final DirectMessagesUseCase dms = new DirectMessagesService(chat.rooms, chat.users, chat.tx, chat.clock,
            chat.userEvents, roomLimit);

    private PostMessageUseCase.Posted post(AuthenticatedUser who, String text) {
        return restPosting.post(who, new PostMessageCommand(general.id(), new MessageText(text), null, null, null,
                null));
    }

    private int stored() {
        return chat.history.page(alice, general.id(), new org.chatserver.application.port.in.message.Paging(null, null,
                200)).size();
    }

    @Test
    void postsPastTheBurstAreRefusedWithTheWaitAndStoreNothing() {
        post(alice, "one");
        post(alice, "two");
        post(alice, "three");
        int publishedBefore = chat.published.published().size();

        assertThatThrownBy(() -> post(alice, "four"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(500));
                    assertThat(e.getMessage())
                            .isEqualTo("Too many messages in a short time: wait 1 second, then post again");
                });
        assertThat(stored()).isEqualTo(3);
        assertThat(chat.published.published()).hasSize(publishedBefore);
        assertThat(postLimit.refused()).isEqualTo(1);
    }

    @Test
    void theSustainedRateComesBackOnePostPerInterval() {
        for (int i = 0; i < 3; i++) {
            post(alice, "burst " + i);
        }
        chat.clock.advance(Duration.ofMillis(499));
        assertThatThrownBy(() -> post(alice, "too soon")).isInstanceOf(TooManyRequestsException.class)
                .extracting(e -> ((TooManyRequestsException) e).retryAfter()).isEqualTo(Duration.ofMillis(1));

        chat.clock.advance(Duration.ofMillis(1));
        post(alice, "given back");
        assertThatThrownBy(() -> post(alice, "again too soon")).isInstanceOf(TooManyRequestsException.class);

        // two a second, for ten seconds: exactly the rate, never refused
        for (int i = 0; i < 20; i++) {
            chat.clock.advance(Duration.ofMillis(500));
            post(alice, "steady " + i);
        }
        // idle long enough to fill the bucket: the whole burst again, and no more
        chat.clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            post(alice, "rested " + i);
        }
        assertThatThrownBy(() -> post(alice, "over")).isInstanceOf(TooManyRequestsException.class);
        assertThat(stored()).isEqualTo(3 + 1 + 20 + 3);
    }

    @Test
    void eachUserHasABudgetOfTheirOwnAndPostsOverTheWebSocketDoNotCount() {
        for (int i = 0; i < 3; i++) {
            post(alice, "alice " + i);
        }
        assertThatThrownBy(() -> post(alice, "alice again")).isInstanceOf(TooManyRequestsException.class);

        // a connection's posts go to the posting service directly: limited per connection as frames arrive
        chat.say(alice, general, "over the socket");
        for (int i = 0; i < 3; i++) {
            post(bob, "bob " + i);
        }
        assertThat(stored()).isEqualTo(3 + 1 + 3);
    }

    @Test
    void nodesSharingTheStoreShareTheBudget() {
        PostMessageUseCase otherNode = new LimitedPosting(chat.post,
                new UserRateLimit("p:", POSTS, UserRateLimit.Policy.perSecond(2, 3), store, chat.clock));
        post(alice, "here");
        post(alice, "here too");
        otherNode.post(alice, new PostMessageCommand(general.id(), new MessageText("there"), null, null, null, null));

        assertThatThrownBy(() -> post(alice, "here again")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void aStoreOutOfReachLimitsNothing() {
        PostMessageUseCase posting = new LimitedPosting(chat.post,
                new UserRateLimit("p:", POSTS, UserRateLimit.Policy.perSecond(2, 3), new UnreachableThrottleStore(),
                        chat.clock));
        for (int i = 0; i < 10; i++) {
            posting.post(alice, new PostMessageCommand(general.id(), new MessageText("m" + i), null, null, null,
                    null));
        }
        assertThat(stored()).isEqualTo(10);
    }

    @Test
    void aRateTooHighForMillisecondsStillCountsExactly() {
        // the benchmarks' raised limits: 100,000 a second, 100,000 at once
        UserRateLimit raised = new UserRateLimit("p:", POSTS, UserRateLimit.Policy.perSecond(100_000, 100_000), store,
                chat.clock);
        for (int i = 0; i < 100_000; i++) {
            raised.take(alice.userId());
        }
        assertThatThrownBy(() -> raised.take(alice.userId())).isInstanceOf(TooManyRequestsException.class)
                .extracting(e -> ((TooManyRequestsException) e).retryAfter()).isEqualTo(Duration.ofNanos(10_000));
        chat.clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 100; i++) {
            raised.take(alice.userId());
        }
        assertThatThrownBy(() -> raised.take(alice.userId())).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void creatingRoomsPastTheBurstIsRefusedAndCreatesNothing() {
        rooms.create(bob, new CreateRoomCommand(new RoomName("One"), false));
        // a name already taken counts too: trying names costs the server as much
        assertThatThrownBy(() -> rooms.create(bob, new CreateRoomCommand(new RoomName("General"), false)))
                .isInstanceOf(ConflictException.class);

        assertThatThrownBy(() -> rooms.create(bob, new CreateRoomCommand(new RoomName("Three"), true)))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(e.getMessage())
                            .isEqualTo("Too many new rooms in a short time: wait 60 seconds, then try again");
                });
        assertThat(chat.manageRooms.list(bob, 50)).extracting(s -> s.room().name().value())
                .containsExactlyInAnyOrder("One", "General");
        assertThat(roomLimit.refused()).isEqualTo(1);

        chat.clock.advance(Duration.ofMinutes(1));
        rooms.create(bob, new CreateRoomCommand(new RoomName("Three"), true));
        assertThatThrownBy(() -> rooms.create(bob, new CreateRoomCommand(new RoomName("Four"), true)))
                .isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void newDirectMessagesShareTheRoomBudgetButOpeningAnExistingOneCostsNothing() {
        AuthenticatedUser carol = chat.user("carol");
        AuthenticatedUser dave = chat.user("dave");
        rooms.create(bob, new CreateRoomCommand(new RoomName("Mine"), false));
        Room withAlice = dms.open(bob, new Username("alice")).room();
        for (int i = 0; i < 5; i++) {
            // a bot finding the conversation before each message it sends
            assertThat(dms.open(bob, new Username("alice")).room()).isEqualTo(withAlice);
            assertThat(dms.open(alice, new Username("bob")).room()).isEqualTo(withAlice);
        }

        assertThatThrownBy(() -> dms.open(bob, new Username("carol")))
                .isInstanceOf(TooManyRequestsException.class)
                .hasMessage("Too many new rooms in a short time: wait 60 seconds, then try again");
        assertThat(chat.manageRooms.list(carol, 50)).noneMatch(s -> s.room().isDirect());
        // the budget spent, the conversations there are still open
        assertThat(dms.open(bob, new Username("alice")).room()).isEqualTo(withAlice);
        assertThatThrownBy(() -> rooms.create(bob, new CreateRoomCommand(new RoomName("Other"), false)))
                .isInstanceOf(TooManyRequestsException.class);

        chat.clock.advance(Duration.ofMinutes(1));
        assertThat(dms.open(bob, new Username("dave")).room().isDirect()).isTrue();
        assertThat(chat.manageRooms.list(dave, 50)).anyMatch(s -> s.room().isDirect());
        assertThat(roomLimit.refused()).isEqualTo(2);
    }

    /**
     * An operator who turns a limit off (a rate of 0) gets no limit and no round trip to the store per post: here a
     * store that fails the test when asked anything.
     */
    @Test
    void aLimitTurnedOffCountsNothingAndAsksTheStoreNothing() {
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        var store = new org.chatserver.application.port.out.auth.ThrottleStore() {
            @Override
            public java.util.Optional<Attempts> find(String key) {
                asked.incrementAndGet();
                return java.util.Optional.empty();
            }

            @Override
            public boolean compareAndSet(String key, Attempts expected, Attempts next) {
                asked.incrementAndGet();
                return true;
            }

            @Override
            public boolean remove(String key, Attempts expected) {
                asked.incrementAndGet();
                return true;
            }
        };
        UserLimits off = UserLimits.of(store, chat.clock, null, null);
        PostMessageUseCase unlimited = new LimitedPosting(chat.post, off.restPosts());
        var unlimitedRooms = new ManageRoomsService(chat.rooms, chat.access, chat.tx, chat.clock, chat.userEvents,
                off.rooms());

        for (int i = 0; i < 200; i++) {
            unlimited.post(alice, new PostMessageCommand(general.id(), new MessageText("m" + i), null, null, null,
                    null));
        }
        for (int i = 0; i < 30; i++) {
            unlimitedRooms.create(bob, new CreateRoomCommand(new RoomName("Room " + i), false));
        }

        var transactions = new java.util.concurrent.atomic.AtomicInteger();
        var unlimitedDms = new DirectMessagesService(chat.rooms, chat.users, new org.chatserver.application.port.out
                .Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                transactions.incrementAndGet();
                return chat.tx.inTransaction(work);
            }
        }, chat.clock, chat.userEvents, off.rooms());
        for (int i = 0; i < 3; i++) {
            unlimitedDms.open(bob, new Username("alice"));
        }

        assertThat(stored()).isEqualTo(200);
        assertThat(asked).as("questions to the store").hasValue(0);
        assertThat(off.restPosts().refused()).isZero();
        assertThat(transactions).as("transactions for three openings, none to ask whether the DM is new")
                .hasValue(3);
    }

    @Test
    void theWaitIsSaidInSecondsThenInMinutes() {
        assertThat(UserRateLimit.inWords(Duration.ofMillis(10))).isEqualTo("1 second");
        assertThat(UserRateLimit.inWords(Duration.ofMillis(1_001))).isEqualTo("2 seconds");
        assertThat(UserRateLimit.inWords(Duration.ofSeconds(119))).isEqualTo("119 seconds");
        assertThat(UserRateLimit.inWords(Duration.ofSeconds(121))).isEqualTo("3 minutes");
    }
}
