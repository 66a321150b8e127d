package org.chatserver.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Slow calls (password hashing waits its turn) that stop when their client goes away. A servlet
 * container says nothing when the client of a waiting request hangs up; the server (bootstrap) puts a
 * probe in the request under {@link #GONE_PROBE_ATTRIBUTE} that can tell, once the request body has
 * been read. While the call runs, the request's thread asks the probe every {@link #POLL}; when the
 * client is gone it interrupts the call, whose queued hashing is then dropped, never done for nobody.
 */
public final class ClientConnection {

    /** A {@link BooleanSupplier}: true once the client has closed its connection. */
    public static final String GONE_PROBE_ATTRIBUTE = ClientConnection.class.getName() + ".gone";
    static final Duration POLL = Duration.ofMillis(200);

    private ClientConnection() {
    }

    /** Runs {@code call}, or gives it up with {@link ClientGoneException} once the client has gone. */
    public static <T> T whileClientWaits(HttpServletRequest request, Supplier<T> call) {
        if (!(request.getAttribute(GONE_PROBE_ATTRIBUTE) instanceof BooleanSupplier gone)) {
            return call.get();
        }
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread.ofVirtual().name("call-for-" + request.getRequestURI()).start(task);
        while (true) {
            try {
                return task.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                if (gone.getAsBoolean()) {
                    task.cancel(true);
                    throw new ClientGoneException();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new ClientGoneException();
            }
        }
    }

    /** Nobody is left to answer; the exception handler writes nothing and logs nothing. */
    static final class ClientGoneException extends RuntimeException {

        ClientGoneException() {
            super("the client closed its connection before the answer was ready", null, false, false);
        }
    }
}
