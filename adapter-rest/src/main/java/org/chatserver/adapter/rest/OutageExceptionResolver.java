package org.chatserver.adapter.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.wire.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request that failed because the database or the file storage is down or full (see
 * {@link Outage}): 503 with {@code Retry-After} for an outage, 507 for a full disk, each with a JSON
 * {@code detail} saying which and the {@code request_id}, instead of a 500. Runs before the controller advice, because the
 * sign of an outage may sit anywhere in the cause chain of whatever exception reached MVC (a
 * multipart parse failure on a full disk, say); anything else passes on untouched.
 *
 * <p>An outage fails every request for a while, so it is logged as one line without a stack trace,
 * at most once per {@link #LOG_INTERVAL} for each kind, with the number of answers since. Answers given
 * after a report are reported when the interval ends, even if none follows (the outage may be over).
 */
final class OutageExceptionResolver implements HandlerExceptionResolver, Ordered {

    /** What clients are told to wait: the pool gives up on an unreachable database within seconds. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(OutageExceptionResolver.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;
    private final Later later;
    private final Map<String, Reported> reported = new ConcurrentHashMap<>();

    OutageExceptionResolver() {
        this(Clock.systemUTC(), Later.DELAYED);
    }

    OutageExceptionResolver(Clock clock, Later later) {
        this.clock = clock;
        this.later = later;
    }

    /** After Boot's error attributes (which only record the exception), before every other resolver. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        Optional<Outage> outage = Outage.of(ex);
        if (outage.isEmpty() || response.isCommitted()) {
            return null;
        }
        HttpStatus status = outage.get().full() ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE;
        log(outage.get(), status, request);
        try {
            response.resetBuffer();
            response.setStatus(status.value());
            if (!outage.get().full()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(JSON.writeValueAsBytes(problem(status, outage.get(), request)));
        } catch (IOException | IllegalStateException clientGone) {
            // nothing left to tell this client; the outage is logged above
        }
        return new ModelAndView();
    }

    /** The shape of every other error answer (RFC 9457, as Spring writes a ProblemDetail). */
    private static Map<String, Object> problem(HttpStatus status, Outage outage, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", outage.detail());
        body.put("instance", request.getRequestURI());
        String id = RequestIdFilter.of(request);
        if (id != null) {
            // what the user can quote to the operator, as for any other fault of the server's
            body.put(RestExceptionHandler.REQUEST_ID, id);
        }
        return body;
    }

    private void log(Outage outage, HttpStatus status, HttpServletRequest request) {
        String kind = outage.resource() + (outage.full() ? " full" : " unavailable");
        Instant now = clock.instant();
        Reported entry = reported.computeIfAbsent(kind, k -> new Reported());
        // method and path only: the query string may hold a token
        String latest = request.getMethod() + " " + request.getRequestURI() + ": " + describe(outage.cause());
        long answered;
        synchronized (entry) {
            entry.answered++;
            entry.latest = latest;
            if (entry.last != null && now.isBefore(entry.last.plus(LOG_INTERVAL))) {
                if (!entry.flushPending) {
                    // told at the window's end even if no request comes after it: the outage may be over by then
                    entry.flushPending = true;
                    later.schedule(Duration.between(now, entry.last.plus(LOG_INTERVAL)), () -> flush(kind, status));
                }
                return;
            }
            entry.last = now;
            answered = entry.answered;
            entry.answered = 0;
        }
        report(kind, status, answered, latest);
    }

    /** Reports what was answered since the last report, if anything was. */
    private void flush(String kind, HttpStatus status) {
        Reported entry = reported.get(kind);
        long answered;
        String latest;
        synchronized (entry) {
            entry.flushPending = false;
            if (entry.answered == 0) {
                return;
            }
            entry.last = clock.instant();
            answered = entry.answered;
            latest = entry.latest;
            entry.answered = 0;
        }
        report(kind, status, answered, latest);
    }

    private static void report(String kind, HttpStatus status, long answered, String latest) {
        LOG.warn("{}: answered {} to {} request(s) since the last report, the latest {}", kind, status.value(),
                answered, latest);
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getName() + ": " + cause.getMessage();
    }

    /** What was answered for one kind of outage since it was last reported; guarded by itself. */
    private static final class Reported {
        long answered;
        Instant last;
        String latest;
        boolean flushPending;
    }

    /** Runs a task after a delay: the JDK's delayed executor, in production; by hand in tests. */
    @FunctionalInterface
    interface Later {

        Later DELAYED = (delay, task) ->
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);

        void schedule(Duration delay, Runnable task);
    }
}
