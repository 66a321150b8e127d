package org.chatserver.adapter.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id an operator can follow: the client's (or its proxy's) {@value #HEADER} when it is a short
 * token of letters, digits and {@code . _ : -}, otherwise a new one. The id goes back in the {@value #HEADER} response
 * header, sits in the logging context as {@value #LOG_KEY} while the request is handled (every line written meanwhile
 * carries it; in the production ECS log as {@code http.request.id}), and into the body of a 500, where a user can
 * find it to quote (see {@link RestExceptionHandler}). Anything else sent as the header is ignored, never logged nor
 * echoed: it could be a forged log line or a script.
 *
 * <p>Runs for error dispatches too, with the same id: an error answered by {@code /error} belongs to the request.
 */
final class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    /** The ECS field name: Boot's ECS format nests it as {@code "http":{"request":{"id":…}}}. */
    static final String LOG_KEY = "http.request.id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    static final int MAX_LENGTH = 64;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known : idOf(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(LOG_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LOG_KEY);
        }
    }

    /** The id given, when well formed; otherwise a new one. */
    static String idOf(String given) {
        return given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, null outside one. */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }

    /** As {@link #of(HttpServletRequest)}, where Spring hands the request over as its attributes. */
    static String of(RequestAttributes request) {
        return request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof String id ? id : null;
    }
}
