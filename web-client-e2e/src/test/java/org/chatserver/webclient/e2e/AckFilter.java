package org.chatserver.webclient.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between a page and the server's WebSocket: passes every frame, except that it can swallow
 * the server's {@code ack} frames (as a network that drops the connection right after the server
 * stored a message would), answer a message with an error as the server does when it cannot store it,
 * and notices when the page sends a message with a client_id again.
 */
final class AckFilter {

    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");

    private final AtomicBoolean drop = new AtomicBoolean();
    private final AtomicReference<String> refuseNext = new AtomicReference<>();
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
                boolean message = text.contains("\"type\":\"message\"") && id.find();
                if (message && !filter.seen.add(id.group(1))) {
                    filter.resent.set(true);
                }
                String refusal = message ? filter.refuseNext.getAndSet(null) : null;
                if (refusal != null) {
                    // answered as the server answers a post it could not store: the server never sees it
                    ws.send("{\"type\":\"error\",\"message\":\"" + refusal + "\",\"client_id\":\"" + id.group(1)
                            + "\"}");
                    return;
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

    /** The page's next message is answered with this error (its client_id included) instead of reaching the server. */
    void refuseNextMessage(String error) {
        refuseNext.set(error);
    }

    boolean resent() {
        return resent.get();
    }
}
