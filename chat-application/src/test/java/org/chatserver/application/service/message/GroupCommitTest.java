package org.chatserver.application.service.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.MessageRepository.NewMessage;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Mute;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RuleViolation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Group commit (issue 14): posts to a room that arrive while a batch of it is stored are stored together,
 * in arrival order, published in that order and answered each; refusals and failures stay with their post.
 * Over the in-memory fakes, with a store that can be held in the middle of a batch.
 */
@Timeout(60)
class GroupCommitTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final Room lobby = chat.room(alice, "lobby", false);
    private final Room other = chat.room(alice, "other", false);
    private final GatedMessages store = new GatedMessages(chat.messages, lobby.id());
    private final ExecutorService posters = Executors.newCachedThreadPool();

    @AfterEach
    void stopPosters() {
        store.open();
        posters.shutdownNow();
    }

    @Test
    void postsArrivingWhileABatchIsStoredAreStoredTogetherInArrivalOrder() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.DEFAULT);
        int before = chat.published.published().size();
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        List<Future<Posted>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int waiting = i + 1;
            queued.add(postAndWait(posting, i % 2 == 0 ? bob : carol, "queued " + i, null,
                    () -> awaitWaiting(posting, waiting)));
        }

        store.open();

        assertThat(first.get(5, TimeUnit.SECONDS).message().message().content().text().value()).isEqualTo("first");
        List<Posted> answers = new ArrayList<>();
        for (Future<Posted> f : queued) {
            answers.add(f.get(5, TimeUnit.SECONDS));
        }
        assertThat(store.batches).containsExactly(1, 4);
        assertThat(answers).allMatch(Posted::created)
                .extracting(p -> p.message().message().content().text().value())
                .containsExactly("queued 0", "queued 1", "queued 2", "queued 3");
        assertThat(answers).extracting(Posted::id).isSorted();
        // every client sees this one order: published in id order, each naming the one before it
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).extracting(e -> e.message().id())
                .containsExactly(first.get().id(), answers.get(0).id(), answers.get(1).id(), answers.get(2).id(),
                        answers.get(3).id());
        assertGapFree(posted);
        assertThat(posting.busyRooms()).isZero();
    }

    @Test
    void batchesHoldAtMostMaxBatchPosts() throws Exception {
        PostMessageService posting = posting(new PostMessageService.Batching(2, 100));
        store.hold();
        List<Future<Posted>> all = new ArrayList<>();
        all.add(postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS)));
        for (int i = 0; i < 5; i++) {
            int waiting = i + 1;
            all.add(postAndWait(posting, bob, "m" + i, null, () -> awaitWaiting(posting, waiting)));
        }

        store.open();

        for (Future<Posted> f : all) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertThat(store.batches).containsExactly(1, 2, 2, 1);
        assertThat(all.stream().map(this::id).toList()).isSorted();
    }

    @Test
    void aResendInTheSameBatchOrOfAStoredMessageIsAnsweredWithTheFirstAndPublishedOnce() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.DEFAULT);
        Posted stored = posting.post(alice, command(lobby, "stored", "c-1"));
        int before = chat.published.published().size();
        store.hold();
        Future<Posted> first = postAndWait(posting, carol, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        Future<Posted> retry = postAndWait(posting, alice, "stored, sent again", "c-1", () -> awaitWaiting(posting, 1));
        Future<Posted> fresh = postAndWait(posting, bob, "new", "c-1", () -> awaitWaiting(posting, 2));
        Future<Posted> twice = postAndWait(posting, bob, "new, sent twice", "c-1", () -> awaitWaiting(posting, 3));

        store.open();

        first.get(5, TimeUnit.SECONDS);
        assertThat(retry.get(5, TimeUnit.SECONDS).created()).isFalse();
        assertThat(retry.get().id()).isEqualTo(stored.id());
        assertThat(fresh.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThat(twice.get(5, TimeUnit.SECONDS).created()).isFalse();
        assertThat(store.batches).containsExactly(1, 1, 3);
        assertThat(twice.get().id()).isEqualTo(fresh.get().id());
        assertThat(postedSince(before)).extracting(e -> e.message().id())
                .containsExactly(first.get().id(), fresh.get().id());
        assertThat(chat.messages.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("stored", "first", "new");
    }

    @Test
    void aRefusedPostIsAnsweredWithItsRefusalAndTheRestOfItsBatchIsStored() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.DEFAULT);
        MessageId elsewhere = posting.post(alice, command(other, "elsewhere", null)).id();
        int before = chat.published.published().size();
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        Future<Posted> good = postAndWait(posting, bob, "good", null, () -> awaitWaiting(posting, 1));
        // carol is not a member yet: a post refused for its reply must not make her one
        Future<Posted> refused = posters.submit(() -> posting.post(carol, new PostMessageCommand(lobby.id(),
                new MessageText("answering another room"), null, null, null, elsewhere, null)));
        awaitWaiting(posting, 2);
        Future<Posted> alsoGood = postAndWait(posting, bob, "also good", null, () -> awaitWaiting(posting, 3));

        store.open();

        first.get(5, TimeUnit.SECONDS);
        assertThat(good.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThat(alsoGood.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("same room");
        assertThat(store.batches).containsExactly(1, 2);
        assertThat(chat.rooms.membership(lobby.id(), carol.userId())).isEmpty();
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).extracting(e -> e.message().content().text().value())
                .containsExactly("first", "good", "also good");
        assertGapFree(posted);
    }

    @Test
    void aBatchReadsItsAuthorsStandingOnceAndStillRefusesTheMutedAndJoinsANewcomerOnce() throws Exception {
        AuthenticatedUser dave = chat.user("dave");
        chat.rooms.saveMute(new Mute(lobby.id(), dave.userId(), chat.clock.instant().plusSeconds(3_600),
                alice.userId(), chat.clock.instant()));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        RoomRepository counted = (RoomRepository) Proxy.newProxyInstance(RoomRepository.class.getClassLoader(),
                new Class<?>[] {RoomRepository.class}, (self, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(chat.rooms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PostMessageService posting = new PostMessageService(store.proxy, chat.reactions, chat.attachments,
                new RoomAccess(counted, chat.messages), chat.events, chat.tx, chat.clock, null,
                PostMessageService.Batching.DEFAULT);
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        // bob and carol are not members of the public lobby yet: their first post joins them
        Future<Posted> bob1 = postAndWait(posting, bob, "bob 1", null, () -> awaitWaiting(posting, 1));
        Future<Posted> muted = postAndWait(posting, dave, "muted", null, () -> awaitWaiting(posting, 2));
        Future<Posted> carol1 = postAndWait(posting, carol, "carol 1", null, () -> awaitWaiting(posting, 3));
        Future<Posted> bob2 = postAndWait(posting, bob, "bob 2", null, () -> awaitWaiting(posting, 4));

        store.open();

        first.get(5, TimeUnit.SECONDS);
        assertThat(List.of(bob1.get(5, TimeUnit.SECONDS), carol1.get(5, TimeUnit.SECONDS),
                bob2.get(5, TimeUnit.SECONDS))).allMatch(Posted::created);
        assertThatThrownBy(() -> muted.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessageContaining("muted");
        assertThat(store.batches).as("messages written per batch: the muted post is not").containsExactly(1, 3);
        assertThat(chat.rooms.membership(lobby.id(), bob.userId())).isPresent();
        assertThat(chat.rooms.membership(lobby.id(), dave.userId())).as("a refused post joins nobody").isEmpty();
        // one look-up of memberships and one of mutes per batch (two batches), none per post
        assertThat(count(calls, "memberships")).isEqualTo(2);
        assertThat(count(calls, "findMutes")).isEqualTo(2);
        assertThat(count(calls, "membership")).isZero();
        assertThat(count(calls, "findMute")).isZero();
        assertThat(count(calls, "addMember")).as("bob joins with his first post only, carol with hers").isEqualTo(2);
    }

    private static int count(Map<String, AtomicInteger> calls, String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    @Test
    void whenABatchCannotBeWrittenEachPostIsStoredOnItsOwnAndOnlyTheFaultyOneFails() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.DEFAULT);
        int before = chat.published.published().size();
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        Future<Posted> a = postAndWait(posting, bob, "a", null, () -> awaitWaiting(posting, 1));
        Future<Posted> poison = postAndWait(posting, carol, "poison", null, () -> awaitWaiting(posting, 2));
        Future<Posted> b = postAndWait(posting, bob, "b", "c-b", () -> awaitWaiting(posting, 3));

        store.open();

        first.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("the store refuses poison");
        assertThat(a.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThat(b.get(5, TimeUnit.SECONDS).created()).isTrue();
        // the batch of three failed as a whole, then each was tried alone
        assertThat(store.batches).containsExactly(1, 3, 1, 1, 1);
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).extracting(e -> e.message().content().text().value()).containsExactly("first", "a", "b");
        assertGapFree(posted);
        assertThat(chat.messages.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("first", "a", "b");
    }

    @Test
    void whenTooManyPostsWaitForARoomTheNextIsRefusedAsBusyAndNotStored() throws Exception {
        PostMessageService posting = posting(new PostMessageService.Batching(64, 2));
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        Future<Posted> one = postAndWait(posting, bob, "one", null, () -> awaitWaiting(posting, 1));
        Future<Posted> two = postAndWait(posting, bob, "two", null, () -> awaitWaiting(posting, 2));

        assertThatThrownBy(() -> posting.post(carol, command(lobby, "three", null)))
                .isInstanceOfSatisfying(ServiceBusyException.class,
                        e -> assertThat(e.retryAfter()).isPositive())
                .hasMessage(PostBatches.BUSY);
        // another room does not wait for this one
        assertThat(posting.post(carol, command(other, "elsewhere", null)).created()).isTrue();

        store.open();
        for (Future<Posted> f : List.of(first, one, two)) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertThat(chat.messages.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("first", "one", "two");
    }

    @Test
    void acrossRoomsPostsOfSeveralRoomsWaitingBehindABatchAreStoredInOneTransactionEachRoomInItsOrder()
            throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        PostMessageService posting = new PostMessageService(store.proxy, chat.reactions, chat.attachments, chat.access,
                chat.events,
                new org.chatserver.application.port.out.Transactions() {
                    @Override
                    public <T> T inTransaction(java.util.function.Supplier<T> work) {
                        transactions.incrementAndGet();
                        return chat.tx.inTransaction(work);
                    }
                }, chat.clock, null, PostMessageService.Batching.acrossRooms(64, 1_000));
        int before = chat.published.published().size();
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        List<Future<Posted>> queued = new ArrayList<>();
        List<Room> rooms = List.of(other, lobby, other, lobby);
        for (int i = 0; i < rooms.size(); i++) {
            Room room = rooms.get(i);
            String text = (room == lobby ? "lobby " : "other ") + i;
            int waiting = i + 1;
            queued.add(posters.submit(() -> posting.post(bob, command(room, text, null))));
            // one queue for all rooms: the posts to the other room wait behind the lobby's batch too
            awaitWaiting(posting, waiting);
        }

        store.open();

        first.get(5, TimeUnit.SECONDS);
        for (Future<Posted> f : queued) {
            assertThat(f.get(5, TimeUnit.SECONDS).created()).isTrue();
        }
        assertThat(transactions.get()).as("transactions: the first post's, then one for the four waiting").isEqualTo(2);
        assertThat(store.batches).as("the lobby's part of each").containsExactly(1, 2);
        List<RoomEvent.MessagePosted> lobbyPosted = postedSince(before);
        assertThat(lobbyPosted).extracting(e -> e.message().content().text().value())
                .containsExactly("first", "lobby 1", "lobby 3");
        assertGapFree(lobbyPosted);
        List<RoomEvent.MessagePosted> otherPosted = postedSince(before, other);
        assertThat(otherPosted).extracting(e -> e.message().content().text().value())
                .containsExactly("other 0", "other 2");
        assertGapFree(otherPosted);
        assertThat(posting.busyRooms()).isZero();
    }

    @Test
    void acrossRoomsWhenABatchCannotBeWrittenThePostsOfTheOtherRoomsAreStoredOnTheirOwn() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.acrossRooms(64, 1_000));
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        // the lobby's part is written first and fails before the other room's is (the fakes cannot roll back what
        // a failed transaction wrote: that the database does is proven on SQLite, in bootstrap's tests)
        Future<Posted> poison = postAndWait(posting, carol, "poison", null, () -> awaitWaiting(posting, 1));
        Future<Posted> elsewhere = posters.submit(() -> posting.post(bob, command(other, "elsewhere", null)));
        awaitWaiting(posting, 2);

        store.open();

        first.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("the store refuses poison");
        assertThat(elsewhere.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThat(chat.messages.pageAfter(other.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("elsewhere");
        assertThat(chat.messages.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("first");
    }

    @Test
    void acrossRoomsTheNextBatchIsStoredWhileOneIsPublishedAndIsPublishedOnlyAfterIt() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.acrossRooms(64, 1_000));
        int before = chat.published.published().size();
        HeldPublication held = holdPublicationOf("first");
        Future<Posted> first = posters.submit(() -> posting.post(alice, command(lobby, "first", null)));
        assertThat(held.publishing().await(5, TimeUnit.SECONDS)).isTrue();
        Future<Posted> second = posters.submit(() -> posting.post(bob, command(lobby, "second", null)));

        // stored while the first is still being published ...
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (chat.messages.pageAfter(lobby.id(), null, 10).size() < 2 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(chat.messages.pageAfter(lobby.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("first", "second");
        // ... but neither published nor answered before it
        Thread.sleep(50);
        assertThat(second.isDone()).isFalse();
        assertThat(postedSince(before)).extracting(e -> e.message().content().text().value())
                .containsExactly("first");

        held.release().complete(null);
        assertThat(first.get(5, TimeUnit.SECONDS).created()).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS).created()).isTrue();
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).extracting(e -> e.message().content().text().value()).containsExactly("first", "second");
        assertGapFree(posted);
        assertThat(posting.busyRooms()).isZero();
    }

    @Test
    void acrossRoomsABatchThatCrashedWhileTheOneBeforeIsPublishedStillLetsNothingOvertakeThatOne() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.acrossRooms(64, 1_000));
        int before = chat.published.published().size();
        HeldPublication held = holdPublicationOf("first");
        Future<Posted> first = posters.submit(() -> posting.post(alice, command(lobby, "first", null)));
        assertThat(held.publishing().await(5, TimeUnit.SECONDS)).isTrue();
        // its batch fails (answered in turn, after the first is published); the queue stays busy until then
        Future<Posted> crash = posters.submit(() -> posting.post(bob, command(lobby, "crash", null)));
        Thread.sleep(100);
        Future<Posted> third = posters.submit(() -> posting.post(carol, command(lobby, "third", null)));

        Thread.sleep(100);
        assertThat(third.isDone()).as("the third post answered while the first is still being published").isFalse();

        held.release().complete(null);
        first.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> crash.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("storing the batch failed");
        third.get(5, TimeUnit.SECONDS);
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).extracting(e -> e.message().content().text().value()).containsExactly("first", "third");
        assertGapFree(posted);
        assertThat(posting.busyRooms()).isZero();
    }

    @Test
    void acrossRoomsABatchHoldsAtMostMaxBatchPostsOfEachRoomInArrivalOrder() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.acrossRooms(2, 100));
        store.hold();
        List<Future<Posted>> all = new ArrayList<>();
        all.add(postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS)));
        List<Room> rooms = List.of(lobby, other, lobby, lobby, other);
        for (int i = 0; i < rooms.size(); i++) {
            Room room = rooms.get(i);
            int waiting = i + 1;
            all.add(posters.submit(() -> posting.post(bob, command(room, "m" + waiting, null))));
            awaitWaiting(posting, waiting);
        }

        store.open();

        for (Future<Posted> f : all) {
            assertThat(f.get(5, TimeUnit.SECONDS).created()).isTrue();
        }
        // the lobby's third waiting post ends the second batch (two of the lobby's in it already); the other
        // room's second, behind it, goes with it into the third
        assertThat(store.batches).as("the lobby's part of each batch").containsExactly(1, 2, 1);
        assertThat(chat.messages.pageAfter(other.id(), null, 10)).extracting(m -> m.content().text().value())
                .containsExactly("m2", "m5");
    }

    @Test
    void acrossRoomsTheBoundOnWaitingPostsIsTheServersAndAPostBeyondItIsRefusedWhateverItsRoom() throws Exception {
        PostMessageService posting = posting(PostMessageService.Batching.acrossRooms(64, 2));
        store.hold();
        Future<Posted> first = postAndWait(posting, alice, "first", null, () -> store.held.await(5, TimeUnit.SECONDS));
        Future<Posted> one = postAndWait(posting, bob, "one", null, () -> awaitWaiting(posting, 1));
        Future<Posted> two = postAndWait(posting, bob, "two", null, () -> awaitWaiting(posting, 2));

        assertThatThrownBy(() -> posting.post(carol, command(other, "elsewhere", null)))
                .isInstanceOf(ServiceBusyException.class).hasMessage(PostBatches.BUSY_ACROSS_ROOMS);

        store.open();
        for (Future<Posted> f : List.of(first, one, two)) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertThat(chat.messages.pageAfter(other.id(), null, 10)).as("the refused post stored nothing").isEmpty();
        assertThat(posting.post(carol, command(other, "later", null)).created()).isTrue();
    }

    @Test
    void concurrentPostersAllSeeOneGapFreeOrderOfTheirMessagesAndChanges() throws Exception {
        PostMessageService posting = posting(new PostMessageService.Batching(8, 1_000));
        int before = chat.published.published().size();
        List<AuthenticatedUser> senders = List.of(alice, bob, carol);
        var start = new CountDownLatch(1);
        List<Future<List<Posted>>> results = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            AuthenticatedUser sender = senders.get(t % 3);
            int thread = t;
            results.add(posters.submit(() -> {
                start.await();
                List<Posted> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    mine.add(posting.post(sender, command(lobby, "m" + thread + "-" + i, "c-" + thread + "-" + i)));
                }
                return mine;
            }));
        }
        start.countDown();
        List<Posted> all = new ArrayList<>();
        for (var r : results) {
            List<Posted> mine = r.get(30, TimeUnit.SECONDS);
            // each poster's own messages in the order it sent them
            assertThat(mine).extracting(Posted::id).isSorted();
            all.addAll(mine);
        }

        assertThat(all).hasSize(300).allMatch(Posted::created);
        List<RoomEvent.MessagePosted> posted = postedSince(before);
        assertThat(posted).hasSize(300);
        assertGapFree(posted);
        assertThat(posted).extracting(e -> e.message().id())
                .containsExactlyElementsOf(chat.messages.pageAfter(lobby.id(), null, 1000).stream()
                        .map(m -> m.id()).toList());
        assertThat(store.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(posting.busyRooms()).isZero();
    }

    @Test
    void withAStorerBatchesAreStoredOnItsThreadWhileThePostersWaitAndEveryoneSeesOneGapFreeOrder() throws Exception {
        ExecutorService storer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("storer").factory());
        try {
            PostMessageService posting = posting(new PostMessageService.Batching(8, 1_000, storer));
            int before = chat.published.published().size();
            List<AuthenticatedUser> senders = List.of(alice, bob, carol);
            List<Future<List<Posted>>> results = new ArrayList<>();
            try (ExecutorService virtualPosters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 9; t++) {
                    AuthenticatedUser sender = senders.get(t % 3);
                    int thread = t;
                    results.add(virtualPosters.submit(() -> {
                        List<Posted> mine = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            mine.add(posting.post(sender, command(lobby, "s" + thread + "-" + i, "s-" + thread + "-" + i)));
                        }
                        return mine;
                    }));
                }
                for (var r : results) {
                    assertThat(r.get(30, TimeUnit.SECONDS)).extracting(Posted::id).isSorted().hasSize(20);
                }
            }
            assertThat(store.threads).as("threads that wrote the lobby's batches").containsOnly("storer");
            List<RoomEvent.MessagePosted> posted = postedSince(before);
            assertThat(posted).hasSize(180);
            assertGapFree(posted);
            assertThat(posting.busyRooms()).isZero();
        } finally {
            storer.shutdownNow();
        }
    }

    @Test
    void aPostMadeAsABatchIsPublishedIsStoredOnTheStorersOwnThreadInsteadOfWaitingForIt() throws Exception {
        // one storer thread, busy with the lobby's batch: a post to another room that something told of the
        // lobby's message makes on that thread must not be handed to the same storer and waited for
        ExecutorService storer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("storer").factory());
        try {
            PostMessageService posting = posting(new PostMessageService.Batching(8, 1_000, storer));
            CompletableFuture<Posted> echoed = new CompletableFuture<>();
            chat.published.subscribe(lobby.id(), event -> {
                if (event instanceof RoomEvent.MessagePosted p && !echoed.isDone()) {
                    try {
                        echoed.complete(posting.post(alice, command(other, "echo of " + p.message().id(), null)));
                    } catch (RuntimeException e) {
                        echoed.completeExceptionally(e);
                    }
                }
            });

            Posted original = posters.submit(() -> posting.post(bob, command(lobby, "hello", null)))
                    .get(10, TimeUnit.SECONDS);

            Posted echo = echoed.get(10, TimeUnit.SECONDS);
            assertThat(echo.created()).isTrue();
            assertThat(echo.message().message().content().text().value()).isEqualTo("echo of " + original.id());
            assertThat(posting.busyRooms()).isZero();
        } finally {
            storer.shutdownNow();
        }
    }

    // ---- helpers ----

    private PostMessageService posting(PostMessageService.Batching batching) {
        return new PostMessageService(store.proxy, chat.reactions, chat.attachments, chat.access, chat.events, chat.tx,
                chat.clock, null, batching);
    }

    private interface Await {
        void await() throws Exception;
    }

    /** Posts on a thread of its own and waits until {@code arrived} says the post is where the test wants it. */
    private Future<Posted> postAndWait(PostMessageService posting, AuthenticatedUser who, String text, String clientId,
                                       Await arrived) throws Exception {
        Future<Posted> answer = posters.submit(() -> posting.post(who, command(lobby, text, clientId)));
        arrived.await();
        return answer;
    }

    /** Waits until this many posts to the lobby wait behind the batch being stored. */
    private void awaitWaiting(PostMessageService posting, int posts) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (posting.waiting(lobby.id()) < posts) {
            if (System.nanoTime() > until) {
                throw new AssertionError("fewer than " + posts + " posts waiting");
            }
            Thread.sleep(1);
        }
    }

    private MessageId id(Future<Posted> f) {
        try {
            return f.get().id();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PostMessageCommand command(Room room, String text, String clientId) {
        return new PostMessageCommand(room.id(), new MessageText(text), null, null,
                clientId == null ? null : new ClientId(clientId), null);
    }

    private List<RoomEvent.MessagePosted> postedSince(int before) {
        return postedSince(before, lobby);
    }

    private List<RoomEvent.MessagePosted> postedSince(int before, Room room) {
        List<RoomEvent> all = chat.published.published();
        return all.subList(before, all.size()).stream()
                .filter(e -> e instanceof RoomEvent.MessagePosted p && p.message().roomId().equals(room.id()))
                .map(RoomEvent.MessagePosted.class::cast)
                .toList();
    }

    /** Holds the publishing of the lobby's message with this text, on the thread publishing it, until released. */
    private HeldPublication holdPublicationOf(String text) {
        HeldPublication held = new HeldPublication(new CountDownLatch(1), new CompletableFuture<>());
        chat.published.subscribe(lobby.id(), event -> {
            if (event instanceof RoomEvent.MessagePosted p && p.message().content().text().value().equals(text)) {
                held.publishing().countDown();
                // bounded: a test that fails before it releases must not leave a poster blocked for good
                held.release().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            }
        });
        return held;
    }

    private record HeldPublication(CountDownLatch publishing, CompletableFuture<Void> release) {
    }

    /** Each published message and its change name the ones published right before them in the room. */
    private void assertGapFree(List<RoomEvent.MessagePosted> posted) {
        for (int i = 1; i < posted.size(); i++) {
            RoomEvent.MessagePosted e = posted.get(i);
            RoomEvent.MessagePosted before = posted.get(i - 1);
            assertThat(e.previous()).as("previous of %s", e.message().id()).isEqualTo(before.message().id());
            RoomChange.Mark mark = e.change();
            assertThat(mark.previous()).as("change before %s", mark.id()).isEqualTo(before.change().id());
        }
    }

    /**
     * The fake message store behind a gate: the first batch to the gated room written while held waits (inside its transaction)
     * until {@link #open()}, so that posts pile up behind it; a batch holding the text "poison" fails before
     * anything of it is written, as a database statement would; one holding "crash" throws an Error, which nothing
     * on the way catches. Records each batch's size.
     */
    private static final class GatedMessages {
        final MessageRepository proxy;
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        /** the names of the threads that wrote the gated room's batches */
        final List<String> threads = new CopyOnWriteArrayList<>();
        /** counted down when a batch reached the gate since {@link #hold()} */
        volatile CountDownLatch held = new CountDownLatch(1);
        private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        GatedMessages(MessageRepository messages, RoomId gated) {
            proxy = (MessageRepository) Proxy.newProxyInstance(MessageRepository.class.getClassLoader(),
                    new Class<?>[] {MessageRepository.class}, (self, method, args) -> {
                        if (method.getName().equals("storePosts") && args[0].equals(gated)) {
                            @SuppressWarnings("unchecked")
                            List<NewMessage> batch = (List<NewMessage>) args[1];
                            batches.add(batch.size());
                            threads.add(Thread.currentThread().getName());
                            held.countDown();
                            gate.join();
                            if (batch.stream().anyMatch(m -> m.draft().text().value().equals("poison"))) {
                                throw new IllegalStateException("the store refuses poison");
                            }
                            if (batch.stream().anyMatch(m -> m.draft().text().value().equals("crash"))) {
                                throw new LinkageError("the store crashed");
                            }
                        }
                        try {
                            return method.invoke(messages, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        void hold() {
            held = new CountDownLatch(1);
            gate = new CompletableFuture<>();
        }

        void open() {
            gate.complete(null);
        }
    }
}
