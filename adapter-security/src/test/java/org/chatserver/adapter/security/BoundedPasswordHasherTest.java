package org.chatserver.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {

    @Test
    void neverHashesOnMoreThreadsThanItIsGivenWhateverTheNumberOfCallers() throws Exception {
        CountingHasher counting = new CountingHasher();
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(counting, 2);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PasswordHash>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String password = "password-" + i;
                results.add(callers.submit(() -> bounded.hash(new PlainPassword(password))));
            }
            for (int i = 0; i < 12; i++) {
                assertThat(results.get(i).get().encoded()).isEqualTo("hash:password-" + i);
            }
        }
        assertThat(counting.calls.get()).isEqualTo(12);
        assertThat(counting.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void answersAndFailuresPassThrough() {
        try (BoundedPasswordHasher bounded = new BoundedPasswordHasher(new BcryptPasswordHasher(4), 1)) {
            PasswordHash hash = bounded.hash(new PlainPassword("correct horse"));
            assertThat(bounded.matches(new PlainPassword("correct horse"), hash)).isTrue();
            assertThat(bounded.matches(new PlainPassword("wrong horse!"), hash)).isFalse();
        }
        try (BoundedPasswordHasher failing = new BoundedPasswordHasher(new CountingHasher() {
            @Override
            public PasswordHash hash(PlainPassword password) {
                throw new IllegalStateException("broken hasher");
            }
        }, 1)) {
            assertThatThrownBy(() -> failing.hash(new PlainPassword("correct horse")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("broken hasher");
        }
        assertThatThrownBy(() -> new BoundedPasswordHasher(new CountingHasher(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Slow enough that concurrent callers overlap, and counts how many ran at once. */
    private static class CountingHasher implements PasswordHasher {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public PasswordHash hash(PlainPassword password) {
            calls.incrementAndGet();
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(50);
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
