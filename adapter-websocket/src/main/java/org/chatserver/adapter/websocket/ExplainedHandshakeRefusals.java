package org.chatserver.adapter.websocket;

import java.util.Map;
import java.util.Set;
import org.springframework.context.Lifecycle;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake, with each of its own refusals answered as the interceptor's are, {@code {"detail": …}} as
 * JSON saying what to send instead: Spring answered a plain GET of a socket's path (a browser's address bar, a
 * health probe pointed at the wrong path) with {@code Can "Upgrade" only to "WebSocket".} in plain text, and
 * another method, a missing key or another protocol version with an empty body.
 */
final class ExplainedHandshakeRefusals implements HandshakeHandler, Lifecycle {

    private final DefaultHandshakeHandler spring;

    ExplainedHandshakeRefusals(RequestUpgradeStrategy upgrade) {
        this.spring = new DefaultHandshakeHandler(upgrade) {

            @Override
            protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response) {
                ChatHandshakeInterceptor.refuse(response, HttpStatus.BAD_REQUEST,
                        "This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)");
            }

            @Override
            protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response) {
                ChatHandshakeInterceptor.refuse(response, HttpStatus.BAD_REQUEST,
                        "This is a WebSocket endpoint: Connection must include Upgrade");
            }

            @Override
            protected void handleWebSocketVersionNotSupported(ServerHttpRequest request, ServerHttpResponse response) {
                String supported = String.join(", ", getSupportedVersions());
                response.getHeaders().set("Sec-WebSocket-Version", supported);
                ChatHandshakeInterceptor.refuse(response, HttpStatus.UPGRADE_REQUIRED,
                        "Sec-WebSocket-Version must be " + supported);
            }
        };
    }

    @Override
    public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Map<String, Object> attributes) {
        if (!HttpMethod.GET.equals(request.getMethod())) {
            response.getHeaders().setAllow(Set.of(HttpMethod.GET));
            return ChatHandshakeInterceptor.refuse(response, HttpStatus.METHOD_NOT_ALLOWED,
                    "Method " + request.getMethod().name() + " is not allowed here: a WebSocket connection opens with GET");
        }
        if ("websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())
                && request.getHeaders().getFirst("Sec-WebSocket-Key") == null) {
            return ChatHandshakeInterceptor.refuse(response, HttpStatus.BAD_REQUEST,
                    "Sec-WebSocket-Key is missing: a WebSocket client sends one");
        }
        return spring.doHandshake(request, response, handler, attributes);
    }

    @Override
    public void start() {
        spring.start();
    }

    @Override
    public void stop() {
        spring.stop();
    }

    @Override
    public boolean isRunning() {
        return spring.isRunning();
    }
}
