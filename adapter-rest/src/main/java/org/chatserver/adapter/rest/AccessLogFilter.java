package org.chatserver.adapter.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code chat.access-log.enabled}: one INFO line per request from the logger {@value #LOGGER}, written when the answer
 * is complete: method, path, status, milliseconds, body bytes written ({@code -} when written as text), request id
 * and the caller's user id ({@code -} when none was authenticated), as
 * {@code GET /api/rooms 200 12ms bytes=345 request=… user=7}. In the production ECS log the same values are fields too ({@code http.request.method}, {@code url.path}, {@code http.response.status_code},
 * {@code event.duration} in nanoseconds, {@code http.response.body.bytes}, {@code user.id}, {@code http.request.id}).
 *
 * <p>The path only, never the query string: WebSocket clients send their access token there. The load balancer's
 * probes ({@link #PROBES}) are left out: they would be most of the lines and say nothing.
 */
final class AccessLogFilter extends OncePerRequestFilter {

    static final String LOGGER = "org.chatserver.access";
    static final Set<String> PROBES = Set.of("/health", "/livez", "/readyz");
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return PROBES.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        CountingResponse counted = new CountingResponse(response);
        boolean failed = true;
        try {
            chain.doFilter(request, counted);
            failed = false;
        } finally {
            // a failure that escapes every handler is answered 500 by the container, after this line
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            log(request, status, System.nanoTime() - started, counted.bytes);
        }
    }

    private static void log(HttpServletRequest request, int status, long nanos, long bytes) {
        String user = request.getAttribute(BearerAuthInterceptor.CALLER_ATTRIBUTE) instanceof AuthenticatedUser caller
                ? Long.toString(caller.userId().value()) : "-";
        String id = RequestIdFilter.of(request);
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", request.getRequestURI())
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration", nanos);
        if (bytes >= 0) {
            line = line.addKeyValue("http.response.body.bytes", bytes);
        }
        if (!user.equals("-")) {
            line = line.addKeyValue("user.id", user);
        }
        line.log("{} {} {} {}ms bytes={} request={} user={}", request.getMethod(), request.getRequestURI(), status,
                TimeUnit.NANOSECONDS.toMillis(nanos), bytes < 0 ? "-" : bytes, id == null ? "-" : id, user);
    }

    /** Counts the bytes of the body the application writes, through either of the response's streams. */
    private static final class CountingResponse extends HttpServletResponseWrapper {

        /** Bytes of the body written; -1 when it was written as characters. */
        long bytes;
        private ServletOutputStream stream;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        private void count(long written) {
            bytes = bytes < 0 ? bytes : bytes + written;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                        count(1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        target.write(b, off, len);
                        count(len);
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }

                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        /** Written as characters: not counted, logged as {@code -}. Spring's converters write bytes. */
        @Override
        public PrintWriter getWriter() throws IOException {
            bytes = -1;
            return super.getWriter();
        }

        /** What was written is discarded (a refusal replacing a half-written answer); throws once committed. */
        @Override
        public void resetBuffer() {
            super.resetBuffer();
            bytes = bytes < 0 ? bytes : 0;
        }

        @Override
        public void reset() {
            super.reset();
            bytes = bytes < 0 ? bytes : 0;
        }
    }
}
