package org.chatserver.webclient.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Sits between a page and the server's room WebSockets (or its {@code /ws/user} stream) and passes every frame both ways, noting
 * what a test wants to know: how many connections the page opened, how the server closed them,
 * the token renewals the page sent ({@code auth}) and the server confirmed ({@code authenticated}).
 * It can also swallow the renewals, as a client that never sends them would behave, and cut the
 * page off: drop its connections and refuse new ones, as a network that went away would.
 */
final class SocketWatch {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger renewalsSent = new AtomicInteger();
    private final AtomicInteger renewalsConfirmed = new AtomicInteger();
    private final List<String> serverCloses = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean swallowRenewals = new AtomicBoolean();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private final List<WebSocketRoute> open = new CopyOnWriteArrayList<>();
    private final List<String> sinceParameters = new CopyOnWriteArrayList<>();

    /** Installs the watch on the room sockets; the page's next ones pass through it (install before opening the page). */
    static SocketWatch install(Page page) {
        return install(page, Pattern.compile(".*/ws/chat/.*"));
    }

    /** The same on the page's {@code /ws/user} stream, apart from its room sockets. */
    static SocketWatch installOnStream(Page page) {
        return install(page, Pattern.compile(".*/ws/user(\\?.*)?$"));
    }

    private static SocketWatch install(Page page, Pattern url) {
        SocketWatch watch = new SocketWatch();
        page.routeWebSocket(url, ws -> {
            if (watch.cutOff.get()) {
                ws.close(new WebSocketRoute.CloseOptions().setCode(4000).setReason("cut off"));
                return;
            }
            watch.connections.incrementAndGet();
            java.util.regex.Matcher since = Pattern.compile("[?&]since=([^&]+)").matcher(ws.url());
            watch.sinceParameters.add(since.find() ? since.group(1) : "");
            watch.open.add(ws);
            WebSocketRoute server = ws.connectToServer();
            ws.onMessage(frame -> {
                String text = frame.text();
                if (text == null) {
                    server.send(frame.binary());
                    return;
                }
                if (text.contains("\"type\":\"auth\"")) {
                    watch.renewalsSent.incrementAndGet();
                    if (watch.swallowRenewals.get()) {
                        return;
                    }
                }
                server.send(text);
            });
            server.onMessage(frame -> {
                String text = frame.text();
                if (text == null) {
                    ws.send(frame.binary());
                    return;
                }
                watch.received.add(text);
                if (text.contains("\"type\":\"authenticated\"")) {
                    watch.renewalsConfirmed.incrementAndGet();
                }
                ws.send(text);
            });
            server.onClose((code, reason) -> {
                watch.serverCloses.add(code + " " + reason);
                ws.close(new WebSocketRoute.CloseOptions().setCode(code == null ? 1006 : code).setReason(reason));
            });
        });
        return watch;
    }

    /** Drops the page's connections and refuses new ones until {@link #reconnect()}. */
    void cutOff() {
        cutOff.set(true);
        for (WebSocketRoute ws : open) {
            ws.close(new WebSocketRoute.CloseOptions().setCode(4000).setReason("cut off"));
        }
        open.clear();
    }

    void reconnect() {
        cutOff.set(false);
    }

    /** The {@code since} each connection was opened with ("" for none), in order. */
    List<String> sinceParameters() {
        return List.copyOf(sinceParameters);
    }

    void swallowRenewals(boolean swallow) {
        swallowRenewals.set(swallow);
    }

    int connections() {
        return connections.get();
    }

    int renewalsSent() {
        return renewalsSent.get();
    }

    int renewalsConfirmed() {
        return renewalsConfirmed.get();
    }

    /** "code reason" of every close the server initiated or answered. */
    List<String> serverCloses() {
        return List.copyOf(serverCloses);
    }

    /** Every text frame the server sent to the page. */
    List<String> received() {
        return List.copyOf(received);
    }
}
