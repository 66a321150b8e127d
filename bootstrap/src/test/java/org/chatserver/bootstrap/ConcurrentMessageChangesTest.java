package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.AuthenticateUseCase;
import org.chatserver.application.port.in.auth.LogInUseCase;
import org.chatserver.application.port.in.auth.LogInUseCase.LogInCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.PinMessageUseCase;
import org.chatserver.application.port.in.message.PinMessageUseCase.PinCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.message.ReactUseCase.RemoveReaction;
import org.chatserver.application.service.message.PostMessageService;
import org.chatserver.application.port.in.room.ManageRoomsUseCase;
import org.chatserver.application.port.in.room.ManageRoomsUseCase.CreateRoomCommand;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every kind of change to one room at once, through the real use cases and transactions, on each
 * database: edits of a message while it is answered, reactions while their messages are deleted, pins.
 * Nothing fails but what the rules refuse (a reaction to a message deleted meanwhile), nothing
 * deadlocks, and the room's change log is one unbroken chain. On PostgreSQL this holds because every
 * change takes the room's lock before any row of a message.
 */
class ConcurrentMessageChangesTest {

    private static final int ROUNDS = 15;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void changesToOneRoomAtOnceNeitherFailNorDeadlock(String vendor) throws Exception {
        try (TestDatabase database = database(vendor); ConfigurableApplicationContext context = server(database)) {
            AuthenticatedUser alice = user(context, "alice");
            AuthenticatedUser bob = user(context, "bob");
            AuthenticatedUser carol = user(context, "carol");
            PostMessageUseCase post = context.getBean(PostMessageService.class); // the core: REST's limit is not what races here
            EditMessageUseCase edit = context.getBean(EditMessageUseCase.class);
            DeleteMessageUseCase delete = context.getBean(DeleteMessageUseCase.class);
            ReactUseCase react = context.getBean(ReactUseCase.class);
            PinMessageUseCase pin = context.getBean(PinMessageUseCase.class);
            MessageRepository messages = context.getBean(MessageRepository.class);
            Room room = context.getBean(ManageRoomsUseCase.class)
                    .create(alice, new CreateRoomCommand(new RoomName("busy"), false));
            MessageId parent = say(post, alice, room, "the question", null);
            List<MessageId> doomed = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                doomed.add(say(post, alice, room, "doomed " + i, null));
            }

            List<Callable<Void>> workers = List.of(
                    () -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            edit.edit(alice, new EditMessageCommand(room.id(), parent, new MessageText("v" + i), null));
                        }
                        return null;
                    },
                    () -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            say(post, bob, room, "answer " + i, parent);
                        }
                        return null;
                    },
                    () -> {
                        for (MessageId id : doomed) {
                            delete.delete(alice, new DeleteMessageCommand(room.id(), id, null));
                        }
                        return null;
                    },
                    () -> {
                        for (MessageId id : doomed) {
                            try {
                                react.add(carol, new AddReaction(id, ReactionType.HEART, null));
                                react.remove(carol, new RemoveReaction(id, null));
                                react.add(carol, new AddReaction(id, ReactionType.LAUGH, null));
                            } catch (RuleViolation.Conflict deletedMeanwhile) {
                                // the rules' answer, not a failure
                            }
                        }
                        return null;
                    },
                    () -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            pin.pin(alice, new PinCommand(room.id(), parent, null));
                            pin.unpin(alice, new PinCommand(room.id(), parent, null));
                            react.add(bob, new AddReaction(parent, ReactionType.values()[i % 6], null));
                        }
                        return null;
                    });
            inParallel(workers);

            assertThat(messages.findById(parent).orElseThrow().replyCount()).isEqualTo(ROUNDS);
            assertThat(messages.findById(parent).orElseThrow().content().text().value()).isEqualTo("v" + (ROUNDS - 1));
            assertThat(doomed).allMatch(id -> messages.findById(id).orElseThrow().deleted());
            List<RoomChange> log = messages.changesAfter(room.id(), null, 10_000);
            assertThat(log.stream().map(RoomChange::id).distinct()).hasSize(log.size());
            assertThat(log).isSortedAccordingTo(java.util.Comparator.comparing(RoomChange::id));
            assertThat(log).filteredOn(c -> c.kind() == RoomChange.Kind.POSTED).hasSize(1 + 2 * ROUNDS);
            assertThat(log).filteredOn(c -> c.kind() == RoomChange.Kind.EDITED).hasSize(ROUNDS);
            assertThat(log).filteredOn(c -> c.kind() == RoomChange.Kind.DELETED).hasSize(ROUNDS);
            assertThat(log).filteredOn(c -> c.kind() == RoomChange.Kind.PINNED).hasSize(ROUNDS);
        }
    }

    /**
     * The room's limit of 100 pins holds when moderators pin at once: with 99 pinned, of several pins of different
     * messages racing, one lands and the others are refused, round after round.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void racingPinsNeverPassTheRoomsLimit(String vendor) throws Exception {
        try (TestDatabase database = database(vendor); ConfigurableApplicationContext context = server(database)) {
            AuthenticatedUser alice = user(context, "alice");
            PostMessageUseCase post = context.getBean(PostMessageService.class); // the core: REST's limit is not what races here
            PinMessageUseCase pin = context.getBean(PinMessageUseCase.class);
            Room room = context.getBean(ManageRoomsUseCase.class)
                    .create(alice, new CreateRoomCommand(new RoomName("pinboard"), false));
            List<MessageId> pinned = new ArrayList<>();
            for (int i = 0; i < PinMessageUseCase.MAX_PINS - 1; i++) {
                MessageId id = say(post, alice, room, "pinned " + i, null);
                pin.pin(alice, new PinCommand(room.id(), id, null));
                pinned.add(id);
            }
            int racers = 6;
            for (int round = 0; round < 4; round++) {
                List<MessageId> candidates = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    candidates.add(say(post, alice, room, "round " + round + " candidate " + i, null));
                }
                AtomicInteger landed = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                inParallel(candidates.stream().<Callable<Void>>map(id -> () -> {
                    try {
                        pin.pin(alice, new PinCommand(room.id(), id, null));
                        landed.incrementAndGet();
                    } catch (RuleViolation.Conflict full) {
                        refused.incrementAndGet();
                    }
                    return null;
                }).toList());

                // the pins list shows at most 100, so a pin past the limit shows as an answer of 200 for a pin no
                // one sees
                assertThat(landed).as("of %d racing pins to a room holding 99, those answered as pinned", racers)
                        .hasValue(1);
                assertThat(refused).as("racing pins refused as one too many").hasValue(racers - 1);
                assertThat(pin.pins(alice, room.id())).as("the room's pins after round %d", round)
                        .hasSize(PinMessageUseCase.MAX_PINS);
                // make room for the next round
                pin.unpin(alice, new PinCommand(room.id(), pinned.removeFirst(), null));
            }
        }
    }

    /**
     * One user taking back their 👍 on the laptop while the phone replaces it with 😂: whichever lands first, the 😂
     * stays, as taking back a 👍 leaves another reaction where it is. A read of the reaction before the room's lock
     * let the removal delete the 😂 it never saw (9 rounds of 30 on PostgreSQL).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aThumbTakenBackNeverRemovesTheLaughThatReplacedItAtTheSameMoment(String vendor) throws Exception {
        try (TestDatabase database = database(vendor); ConfigurableApplicationContext context = server(database)) {
            AuthenticatedUser laptop = user(context, "dana");
            AuthenticatedUser phone = context.getBean(AuthenticateUseCase.class).authenticate(context.getBean(
                    LogInUseCase.class).logIn(new LogInCommand("dana", "correct horse", "127.0.0.1")).accessToken());
            Room room = context.getBean(ManageRoomsUseCase.class)
                    .create(laptop, new CreateRoomCommand(new RoomName("quick"), false));
            PostMessageUseCase post = context.getBean(PostMessageService.class); // the core: REST's limit is not what races here
            ReactUseCase react = context.getBean(ReactUseCase.class);
            List<Integer> lostLaughs = new ArrayList<>();
            for (int round = 0; round < 2 * ROUNDS; round++) {
                MessageId message = say(post, laptop, room, "round " + round, null);
                react.add(laptop, new AddReaction(message, ReactionType.THUMBS_UP, null));
                inParallel(List.of(
                        () -> {
                            react.remove(laptop, new RemoveReaction(null, message, ReactionType.THUMBS_UP, null));
                            return null;
                        },
                        () -> {
                            react.add(phone, new AddReaction(message, ReactionType.LAUGH, null));
                            return null;
                        }));
                if (react.reactions(laptop, message).userReaction() != ReactionType.LAUGH) {
                    lostLaughs.add(round);
                }
            }
            assertThat(lostLaughs).as("rounds whose 😂, given on the phone, was removed by a 👍 taken back on the laptop")
                    .isEmpty();
        }
    }

    private TestDatabase database(String vendor) {
        return vendor.equals("sqlite") ? TestDatabases.sqlite(dataDir, false) : TestDatabases.postgres(false);
    }

    private ConfigurableApplicationContext server(TestDatabase database) {
        return new SpringApplicationBuilder(ChatServerApplication.class)
                .run(ServerArgs.on(database, "--server.port=0", "--management.server.port=0", "--chat.data-dir=" + dataDir,
                        "--chat.security.bcrypt-cost=4"));
    }

    private static MessageId say(PostMessageUseCase post, AuthenticatedUser who, Room room, String text,
                                 MessageId replyTo) {
        return post.post(who, new PostMessageCommand(room.id(), new MessageText(text), null, null, null, replyTo,
                null)).id();
    }

    private static AuthenticatedUser user(ConfigurableApplicationContext context, String name) {
        var tokens = context.getBean(SignUpUseCase.class).signUp(new SignUpCommand(new Username(name),
                new PlainPassword("correct horse"), "127.0.0.1"));
        return context.getBean(AuthenticateUseCase.class).authenticate(tokens.accessToken());
    }

    private static void inParallel(List<Callable<Void>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> worker : workers) {
                done.add(pool.submit(() -> {
                    start.await();
                    return worker.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
