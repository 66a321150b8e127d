package org.chatserver.adapter.websocket;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * The container's upgrade, without the handshake's headers kept for the life of the connection.
 * Spring's WebSocket session and the container's both copy every request header at the upgrade
 * (cookies, user agent, languages: a browser sends one to two kilobytes) and hold the copies until
 * the socket closes, though nothing reads them after the handshake. Here the upgrade still reads
 * each header it checks by name ({@code Sec-WebSocket-Key}, {@code Origin}, ...), but the list of
 * names is empty, so neither copy has anything in it. The interceptors and the origin check ran on
 * the full request before this.
 */
final class HeadersNotKeptUpgrade implements RequestUpgradeStrategy {

    private final RequestUpgradeStrategy container = new StandardWebSocketUpgradeStrategy();

    @Override
    public String[] getSupportedVersions() {
        return container.getSupportedVersions();
    }

    @Override
    public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
        return container.getSupportedExtensions(request);
    }

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, @Nullable Principal user,
                        WebSocketHandler handler, Map<String, Object> attributes) {
        ServerHttpRequest upgraded = request instanceof ServletServerHttpRequest servlet
                ? new ServletServerHttpRequest(new HeaderNamesHidden(servlet.getServletRequest()))
                : request;
        container.upgrade(upgraded, response, selectedProtocol, selectedExtensions, user, handler, attributes);
    }

    /** Every header is still there by name; only the list of names, which the copies walk, is empty. */
    private static final class HeaderNamesHidden extends HttpServletRequestWrapper {

        HeaderNamesHidden(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.emptyEnumeration();
        }
    }
}
