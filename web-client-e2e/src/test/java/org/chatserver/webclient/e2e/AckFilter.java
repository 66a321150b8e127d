package org.chatserver.webclient.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between a page and the server's WebSocket: passes every frame, except that it can swallow
 * the server's {@code ack} frames (as a network that drops the connection right after the server
 * stored a message would), and notices when the page sends a message with a client_id again.
 */
final class AckFilter {

    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");

    private final AtomicBoolean drop = new AtomicBoolean();
    private final AtomicBoolean resent = new AtomicBoolean();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    static AckFilter install(Page page) {
        AckFilter filter = new AckFilter();
        page.routeWebSocket(Pattern.compile(".*/ws/chat/.*"), ws -> {
            WebSocketRoute server = ws.connectToServer();
            ws.onMessage(frame -> {
                String text = frame.text();
                if (text == null) {
                    server.send(frame.binary());
                    return;
                }
                Matcher id = CLIENT_ID.matcher(text);
                if (text.contains("\"type\":\"message\"") && id.find() && !filter.seen.add(id.group(1))) {
                    filter.resent.set(true);
                }
                server.send(text);
            });
            server.onMessage(frame -> {
                String text = frame.text();
                if (text == null) {
                    ws.send(frame.binary());
                } else if (!(filter.drop.get() && text.contains("\"type\":\"ack\""))) {
                    ws.send(text);
                }
            });
        });
        return filter;
    }

    void drop(boolean acks) {
        drop.set(acks);
    }

    boolean resent() {
        return resent.get();
    }
}
