package org.chatserver.application.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.fakes.DirectTransactions;
import org.chatserver.application.fakes.FakeAccessTokens;
import org.chatserver.application.fakes.FakePasswordHasher;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.InMemoryThrottleStore;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.fakes.UnreachableThrottleStore;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.LogInUseCase.LogInCommand;
import org.chatserver.application.port.in.auth.SignUpUseCase.SignUpCommand;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** The throttle as the login and sign-up use cases drive it, races and outages included. */
class AuthThrottleTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
    private final AuthPolicy policy = AuthPolicy.defaults();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final SessionIssuer issuer = new SessionIssuer(new InMemorySessionStore(users), new FakeAccessTokens(), policy);
    private final DirectTransactions tx = new DirectTransactions();

    private LogInService logIn(PasswordHasher hasher, ThrottleStore store) {
        return new LogInService(users, hasher, issuer, new AuthThrottle(store, clock, policy), tx, clock);
    }

    private SignUpService signUp(PasswordHasher hasher, ThrottleStore store) {
        return new SignUpService(users, hasher, issuer, new AuthThrottle(store, clock, policy), tx, clock);
    }

    @Test
    void simultaneousSignUpsWithinTheBudgetAreNotRefusedBecauseAnotherOneWasRecordedAMomentLater() {
        // two requests at once: one read the clock first but reached the store second. Within the free
        // budget neither may be told to wait (the load generator's 8 parallel sign-ups got 429 this way).
        InMemoryThrottleStore store = new InMemoryThrottleStore();
        MutableClock later = MutableClock.startingAt("2026-11-25T10:00:00.005Z");
        new AuthThrottle(store, later, policy).beginSignUp("192.0.2.9").counts();

        AuthThrottle earlierReader = new AuthThrottle(store, clock, policy);

        earlierReader.beginSignUp("192.0.2.9").counts();
        assertThat(store.find("s:192.0.2.9")).map(ThrottleStore.Attempts::count).contains(2);
    }

    @Test
    void concurrentGuessesCannotAllSlipUnderTheBudget() throws Exception {
        GatedHasher hasher = new GatedHasher();
        InMemoryThrottleStore store = new InMemoryThrottleStore();
        signUp(new FakePasswordHasher(), store).signUp(new SignUpCommand(new Username("alice"),
                new PlainPassword("correct horse"), "192.0.2.1"));
        LogInService logIn = logIn(hasher, store);
        int guesses = 12;
        CountDownLatch settled = new CountDownLatch(guesses);
        hasher.onEnter = settled::countDown;
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService guessers = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Class<?>>> outcomes = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String address = "198.51.100." + i;
                outcomes.add(guessers.submit(() -> {
                    go.await();
                    try {
                        logIn.logIn(new LogInCommand("alice", "guess number one", address));
                        return Object.class;
                    } catch (TooManyRequestsException e) {
                        refused.incrementAndGet();
                        settled.countDown();
                        return e.getClass();
                    } catch (UnauthenticatedException e) {
                        return e.getClass();
                    }
                }));
            }
            go.countDown();
            // every guess has either reached the hasher (and waits there) or been refused
            assertThat(settled.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(hasher.entered.get()).as("guesses that reached the hasher")
                    .isEqualTo(policy.usernameThrottle().freeFailures());
            assertThat(refused.get()).isEqualTo(guesses - policy.usernameThrottle().freeFailures());
            hasher.gate.countDown();
            long wrong = 0;
            for (Future<Class<?>> outcome : outcomes) {
                wrong += outcome.get(30, TimeUnit.SECONDS) == UnauthenticatedException.class ? 1 : 0;
            }
            assertThat(wrong).isEqualTo(policy.usernameThrottle().freeFailures());
        } finally {
            hasher.gate.countDown();
            guessers.shutdownNow();
        }
    }

    @Test
    void signUpsFromOneAddressAreSlowedDownAndATakenNameCostsNoHash() {
        CountingHasher hasher = new CountingHasher();
        SignUpService signUp = signUp(hasher, new InMemoryThrottleStore());
        signUp.signUp(new SignUpCommand(new Username("taken"), new PlainPassword("correct horse"), "192.0.2.9"));
        int hashes = hasher.hashes.get();

        for (int i = 1; i < policy.signUpThrottle().freeFailures(); i++) {
            assertThatThrownBy(() -> signUp.signUp(new SignUpCommand(new Username("TAKEN"),
                    new PlainPassword("another one"), "192.0.2.9"))).isInstanceOf(RejectedException.class);
        }
        assertThat(hasher.hashes.get()).as("no hash for a taken name").isEqualTo(hashes);

        assertThatThrownBy(() -> signUp.signUp(new SignUpCommand(new Username("fresh"),
                new PlainPassword("correct horse"), "192.0.2.9")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Too many sign-ups from this address, try again later");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
        assertThat(signUp.signUp(new SignUpCommand(new Username("fresh"), new PlainPassword("correct horse"),
                "192.0.2.10"))).as("another address").isNotNull();
    }

    @Test
    void aBusyHasherAnswers503AndCostsNoAttempt() {
        InMemoryThrottleStore store = new InMemoryThrottleStore();
        signUp(new FakePasswordHasher(), store).signUp(new SignUpCommand(new Username("alice"),
                new PlainPassword("correct horse"), "192.0.2.1"));
        LogInService busyLogIn = logIn(new BusyHasher(), store);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> busyLogIn.logIn(new LogInCommand("alice", "guess number one", "203.0.113.5")))
                    .isInstanceOfSatisfying(ServiceBusyException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        }

        LogInService logIn = logIn(new FakePasswordHasher(), store);
        assertThat(logIn.logIn(new LogInCommand("alice", "correct horse", "203.0.113.5"))).isNotNull();
    }

    @Test
    void aStoreOutOfReachIs503NotAGuess() {
        ThrottleStore down = new UnreachableThrottleStore();

        assertThatThrownBy(() -> logIn(new FakePasswordHasher(), down).logIn(
                new LogInCommand("alice", "correct horse", "192.0.2.1")))
                .isInstanceOf(ServiceBusyException.class).hasMessage("Logins are briefly unavailable, try again shortly");
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(AuthThrottle.addressKey("a:", "2001:db8:1:2:aaaa::1"))
                .isEqualTo(AuthThrottle.addressKey("a:", "2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isNotEqualTo(AuthThrottle.addressKey("a:", "2001:db8:1:3::1"));
        assertThat(AuthThrottle.addressKey("a:", "192.0.2.1")).isEqualTo("a:192.0.2.1");
    }

    @Test
    void aLockMayNotBeForgottenBeforeItEnds() {
        assertThatThrownBy(() -> new AuthPolicy.ThrottlePolicy(5, Duration.ofSeconds(1), Duration.ofHours(2),
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Holds every password check until the gate opens, counting those that got this far. */
    private static final class GatedHasher implements PasswordHasher {

        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();
        volatile Runnable onEnter = () -> { };
        private final FakePasswordHasher real = new FakePasswordHasher();

        @Override
        public PasswordHash hash(PlainPassword password) {
            return real.hash(password);
        }

        @Override
        public boolean matches(PlainPassword candidate, PasswordHash hash) {
            entered.incrementAndGet();
            onEnter.run();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.matches(candidate, hash);
        }
    }

    private static final class CountingHasher implements PasswordHasher {

        final AtomicInteger hashes = new AtomicInteger();
        private final FakePasswordHasher real = new FakePasswordHasher();

        @Override
        public PasswordHash hash(PlainPassword password) {
            hashes.incrementAndGet();
            return real.hash(password);
        }

        @Override
        public boolean matches(PlainPassword candidate, PasswordHash hash) {
            return real.matches(candidate, hash);
        }
    }

    private static final class BusyHasher implements PasswordHasher {

        @Override
        public PasswordHash hash(PlainPassword password) {
            throw new BusyException("queue full", Duration.ofSeconds(2));
        }

        @Override
        public boolean matches(PlainPassword candidate, PasswordHash hash) {
            throw new BusyException("queue full", Duration.ofSeconds(2));
        }
    }
}
