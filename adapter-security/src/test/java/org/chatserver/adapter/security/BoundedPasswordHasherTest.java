package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.junit.jupiter.api.Test;

/** Latches, not sleeps: the delegate holds each hash until the test lets it go. */
class BoundedPasswordHasherTest {

    @Test
    void neverHashesOnMoreThreadsThanItIsGivenWhateverTheNumberOfCallers() throws Exception {
        GatedHasher gated = new GatedHasher(2);
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 2, 10);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PasswordHash>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String password = "password-" + i;
                results.add(callers.submit(() -> bounded.hash(new PlainPassword(password))));
            }
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            awaitQueued(bounded, 4);

            assertThat(gated.running.get()).isEqualTo(2);
            gated.gate.countDown();
            for (int i = 0; i < 6; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS).encoded()).isEqualTo("hash:password-" + i);
            }
        }
        assertThat(gated.calls.get()).isEqualTo(6);
        assertThat(gated.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfWaiting() throws Exception {
        GatedHasher gated = new GatedHasher(1);
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, 1);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PasswordHash> running = callers.submit(() -> bounded.hash(new PlainPassword("first one")));
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            Future<PasswordHash> queued = callers.submit(() -> bounded.hash(new PlainPassword("second one")));
            awaitQueued(bounded, 1);

            assertThatThrownBy(() -> bounded.hash(new PlainPassword("third one")))
                    .isInstanceOfSatisfying(PasswordHasher.BusyException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(BoundedPasswordHasher.RETRY_AFTER));

            gated.gate.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS).encoded()).isEqualTo("hash:first one");
            assertThat(queued.get(30, TimeUnit.SECONDS).encoded()).isEqualTo("hash:second one");
        }
        assertThat(gated.calls.get()).isEqualTo(2);
    }

    @Test
    void workOfACallerThatGaveUpIsNeverDone() throws Exception {
        GatedHasher gated = new GatedHasher(1);
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(gated, 1, 5);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PasswordHash> running = callers.submit(() -> bounded.hash(new PlainPassword("first one")));
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            AtomicInteger gaveUp = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            Thread abandoned = Thread.ofVirtual().start(() -> {
                try {
                    bounded.hash(new PlainPassword("abandoned one"));
                } catch (IllegalStateException e) {
                    gaveUp.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            awaitQueued(bounded, 1);

            abandoned.interrupt();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gaveUp.get()).isEqualTo(1);
            assertThat(bounded.queued()).as("taken out of the queue at once").isZero();

            gated.gate.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS).encoded()).isEqualTo("hash:first one");
            // one more hash passes through: had the abandoned one stayed queued, it would run before it
            assertThat(bounded.hash(new PlainPassword("next one")).encoded()).isEqualTo("hash:next one");
        }
        assertThat(gated.passwords).containsExactly("first one", "next one");
    }

    @Test
    void answersAndFailuresPassThrough() {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(new BcryptPasswordHasher(4), 1, 4)) {
            PasswordHash hash = bounded.hash(new PlainPassword("correct horse"));
            assertThat(bounded.matches(new PlainPassword("correct horse"), hash)).isTrue();
            assertThat(bounded.matches(new PlainPassword("wrong horse!"), hash)).isFalse();
        }
        try (BoundedPasswordHasher failing = new BoundedPasswordHasher(new GatedHasher(0) {
            @Override
            public PasswordHash hash(PlainPassword password) {
                throw new IllegalStateException("broken hasher");
            }
        }, 1, 4)) {
            assertThatThrownBy(() -> failing.hash(new PlainPassword("correct horse")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("broken hasher");
        }
        assertThatThrownBy(() -> new BoundedPasswordHasher(new GatedHasher(0), 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(new GatedHasher(0), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The queue fills from other threads: wait for it by its own count, not by the clock. */
    private static void awaitQueued(BoundedPasswordHasher bounded, int expected) throws InterruptedException {
        for (int i = 0; i < 30_000 && bounded.queued() < expected; i++) {
            Thread.sleep(1);
        }
        assertThat(bounded.queued()).isEqualTo(expected);
    }

    /** Holds every hash until the gate opens; counts calls and how many ran at once. */
    private static class GatedHasher implements PasswordHasher {

        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch started;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<String> passwords = java.util.Collections.synchronizedList(new ArrayList<>());

        GatedHasher(int startedBeforeRelease) {
            this.started = new CountDownLatch(startedBeforeRelease);
        }

        @Override
        public PasswordHash hash(PlainPassword password) {
            calls.incrementAndGet();
            passwords.add(password.reveal());
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new PasswordHash("hash:" + password.reveal());
        }

        @Override
        public boolean matches(PlainPassword candidate, PasswordHash hash) {
            return hash(candidate).equals(hash);
        }
    }
}
