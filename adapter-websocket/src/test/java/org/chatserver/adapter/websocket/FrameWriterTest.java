package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * How {@link FrameWriter} uses the container's batching: a run of queued frames is held for one write and
 * the last of the run flushes it; once a close has begun, nothing is held any more, or the container's close
 * frame would wait in its buffer and the client would see the connection end only at the close timeout.
 * The session is a stand-in recording what the writer asks of it, in order.
 */
class FrameWriterTest {

    /** What the writer did to the session, in order: "batch on", "batch off", "send <text>", "close <code>". */
    private final List<String> calls = new ArrayList<>();

    private final WebSocketSession session = recordingSession();

    @Test
    void aRunOfQueuedFramesIsHeldForOneWriteAndItsLastFrameFlushesIt() throws Exception {
        FrameWriter writer = new FrameWriter(session);

        writer.text(frame("one"), true);
        writer.text(frame("two"), true);
        writer.text(frame("three"), false);
        writer.text(frame("alone"), false);

        assertThat(calls).containsExactly("batch on", "send one", "send two", "send three", "batch off",
                "send alone");
    }

    @Test
    void onceACloseHasBegunFramesAreNoLongerHeldBackSoNothingWaitsBehindTheCloseFrame() throws Exception {
        FrameWriter writer = new FrameWriter(session);

        // the upkeep timer closes a connection (idle, too slow) while its writer starts a run
        writer.close(CloseStatus.GOING_AWAY);
        writer.text(frame("late"), true);
        writer.text(frame("later"), false);

        assertThat(calls).containsExactly("close 1001", "send late", "send later");
    }

    private static OutboundFrames.Frame frame(String text) {
        return new OutboundFrames.Frame(text.getBytes(StandardCharsets.UTF_8));
    }

    private WebSocketSession recordingSession() {
        RemoteEndpoint.Basic basic = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setBatchingAllowed")) {
                        calls.add((Boolean) args[0] ? "batch on" : "batch off");
                    }
                    return null;
                });
        Session container = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) ->
                        method.getName().equals("getBasicRemote") ? basic : null);
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class, NativeWebSocketSession.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "getNativeSession" -> container;
                            case "getId" -> "s1";
                            case "sendMessage" -> {
                                calls.add("send " + ((TextMessage) args[0]).getPayload());
                                yield null;
                            }
                            case "close" -> {
                                calls.add("close " + ((CloseStatus) args[0]).getCode());
                                yield null;
                            }
                            case "toString" -> "recording session";
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> null;
                        });
    }
}
