package org.chatserver.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Users this run signs up, each with an access token. Sign-up hashes a password: it is slow on purpose, so it runs in parallel. */
public final class Population {

    private Population() {
    }

    public static List<String> signUp(RunContext ctx, int count, int parallelism) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, count)))) {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = ctx.username(i);
                tokens.add(pool.submit(() -> ctx.http().signUpOrLogIn(name, ctx.password())));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> token : tokens) {
                try {
                    result.add(token.get());
                } catch (ExecutionException e) {
                    throw new SetupException("could not sign up the load test's users at " + ctx.baseUrl()
                            + ": " + describe(e.getCause()), e.getCause());
                }
            }
            ctx.say("signed up %d users in %.1fs", count, (System.nanoTime() - start) / 1e9);
            return result;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof java.net.ConnectException ? "nothing answers there (" + e.getClass().getSimpleName() + ")"
                : message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The server could not be prepared for the test: nothing was measured. */
    public static final class SetupException extends RuntimeException {
        public SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
