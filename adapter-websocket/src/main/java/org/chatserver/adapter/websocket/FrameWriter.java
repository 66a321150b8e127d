package org.chatserver.adapter.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes one connection's frames to its socket; only its {@link OutboundQueue}'s writer calls it.
 *
 * <p>A room event's frame is encoded to UTF-8 once and goes to every watcher ({@link OutboundFrames.Frame}).
 * The Jakarta API only sends text as a {@code String}, which Tomcat encodes again for every connection,
 * through a {@code CharBuffer} without an array, char by char: the top of the server's profile when a room
 * of 50 fans out. So on Tomcat the frame's bytes are handed to the container's endpoint as a text frame
 * ({@code WsRemoteEndpointImplBase.sendMessageBlock} with the text opcode, the method its own
 * {@code sendText} ends in): no encoding, one frame whatever its size (not split at Tomcat's encoder
 * buffer), written with the same blocking timeout, extension (permessage-deflate) and server-side rules
 * (unmasked) as any other. That method is
 * not public, so it is looked up once; where it is missing (another container or Tomcat version) or not
 * reachable, every frame takes the standard path, as text.
 */
final class FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);

    /** RFC 6455, 5.2: a text frame. */
    private static final byte TEXT = 0x1;

    /** (Tomcat's WsSession) -> its WsRemoteEndpointImplBase; null where unavailable. */
    private static final MethodHandle ENDPOINT_OF;
    /** (WsRemoteEndpointImplBase, opcode, payload, last) -> void, blocking; null where unavailable. */
    private static final MethodHandle SEND_FRAME;
    private static final Class<?> TOMCAT_SESSION;

    static {
        MethodHandle endpointOf = null;
        MethodHandle sendFrame = null;
        Class<?> tomcatSession = null;
        try {
            ClassLoader loader = FrameWriter.class.getClassLoader();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession", false, loader);
            Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, loader);
            Field field = session.getDeclaredField("wsRemoteEndpoint");
            Method send = endpoint.getDeclaredMethod("sendMessageBlock", byte.class, ByteBuffer.class, boolean.class);
            if (field.getType() == endpoint && send.getReturnType() == void.class) {
                field.setAccessible(true);
                send.setAccessible(true);
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                endpointOf = lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
                sendFrame = lookup.unreflect(send)
                        .asType(MethodType.methodType(void.class, Object.class, byte.class, ByteBuffer.class,
                                boolean.class));
                tomcatSession = session;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("WebSocket frames are sent as text, encoded for every connection ({})", e.toString());
        }
        ENDPOINT_OF = endpointOf;
        SEND_FRAME = sendFrame;
        TOMCAT_SESSION = tomcatSession;
    }

    private final WebSocketSession session;
    /** The container's endpoint that takes encoded text; null when frames go the standard way. */
    private final Object endpoint;
    /** Where frames may be batched; null where the session is not a Jakarta one. */
    private final RemoteEndpoint.Basic remote;
    /** Whether frames written are held in the container's buffer until the last of a run (the writer's own). */
    private boolean batching;
    /** Guards {@link #closed}: batching is never turned on once a close has begun. */
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    FrameWriter(WebSocketSession session) {
        this.session = session;
        this.endpoint = endpointOf(session);
        this.remote = session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session container ? container.getBasicRemote() : null;
    }

    private static Object endpointOf(WebSocketSession session) {
        if (TOMCAT_SESSION == null || !(session instanceof NativeWebSocketSession nativeSession)) {
            return null;
        }
        Object container = nativeSession.getNativeSession();
        if (!TOMCAT_SESSION.isInstance(container)) {
            return null;
        }
        try {
            return (Object) ENDPOINT_OF.invokeExact(container);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Whether text frames go out as their encoded bytes (on Tomcat), not encoded again here. */
    boolean writesEncodedText() {
        return endpoint != null;
    }

    /**
     * Writes a text frame; blocks until the socket took it (or the container's send timeout).
     *
     * @param more another frame is queued behind this one: this one may wait in the container's write
     *             buffer to go out with the next ones, one write to the socket for a run of frames instead
     *             of one each. The last of a run (no {@code more}) is written out at once, with what waited.
     */
    void text(OutboundFrames.Frame frame, boolean more) throws IOException {
        batchIf(more);
        if (endpoint == null) {
            session.sendMessage(new TextMessage(frame.utf8()));
        } else {
            try {
                // a buffer of its own: the container moves its position, and other connections read the same bytes
                SEND_FRAME.invokeExact(endpoint, TEXT, ByteBuffer.wrap(frame.utf8()), true);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException(e);
            }
        }
        flushUnless(more);
    }

    /** Writes a ping; {@code more} as for {@link #text}. */
    void ping(boolean more) throws IOException {
        batchIf(more);
        session.sendMessage(new PingMessage());
        flushUnless(more);
    }

    /**
     * Turns batching on for a run, unless the session is being closed: the container's close flushes what
     * is held only if batching was on when it began, and a close frame written while batching is on would
     * stay in the buffer (the client would see the connection end only at the container's close timeout).
     */
    private void batchIf(boolean more) throws IOException {
        if (more && !batching && remote != null) {
            closing.lock();
            try {
                if (closed) {
                    return;
                }
                // only sets a flag in the container: never blocks
                remote.setBatchingAllowed(true);
                batching = true;
            } finally {
                closing.unlock();
            }
        }
    }

    private void flushUnless(boolean more) throws IOException {
        if (!more && batching) {
            batching = false;
            // writes out what is held
            remote.setBatchingAllowed(false);
        }
    }

    /** Closes the session (from any thread); from then on frames are no longer batched. */
    void close(CloseStatus status) throws IOException {
        closing.lock();
        try {
            closed = true;
        } finally {
            closing.unlock();
        }
        session.close(status);
    }
}
