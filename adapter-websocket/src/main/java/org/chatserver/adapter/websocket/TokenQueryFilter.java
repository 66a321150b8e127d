package org.chatserver.adapter.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the access token out of a WebSocket request before anything else sees the request. The
 * clients put it in the URL ({@code ?token=}) or the {@code Authorization} header, and Spring,
 * Tomcat and our own code would otherwise carry them into session objects and log lines (the
 * handshake's trace logging prints the URL and every header); with the token moved into a request
 * attribute, nothing downstream contains it.
 */
final class TokenQueryFilter extends OncePerRequestFilter {

    static final String TOKEN_ATTRIBUTE = TokenQueryFilter.class.getName() + ".token";
    private static final String PARAMETER = "token";
    private static final String BEARER = "Bearer ";

    private final String pathPrefix;

    TokenQueryFilter(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(pathPrefix);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        StringJoiner kept = new StringJoiner("&");
        String token = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (PARAMETER.equals(name)) {
                    token = token != null ? token : decode(eq < 0 ? "" : pair.substring(eq + 1));
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            // the header wins, as for REST; it is hidden too, since handshake tracing prints all headers
            token = header.substring(BEARER.length()).strip();
        }
        if (token != null) {
            request.setAttribute(TOKEN_ATTRIBUTE, token);
        }
        chain.doFilter(new WithoutToken(request, kept.length() == 0 ? null : kept.toString()), response);
    }

    /** A name or value the way the servlet container would read it; undecodable text is kept as sent. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static final class WithoutToken extends HttpServletRequestWrapper {

        private final String queryString;

        WithoutToken(HttpServletRequest request, String queryString) {
            super(request);
            this.queryString = queryString;
        }

        @Override
        public String getQueryString() {
            return queryString;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(h -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(h))
                    .toList());
        }

        @Override
        public String getParameter(String name) {
            return PARAMETER.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public String[] getParameterValues(String name) {
            return PARAMETER.equals(name) ? null : super.getParameterValues(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new LinkedHashMap<>(super.getParameterMap());
            map.remove(PARAMETER);
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
