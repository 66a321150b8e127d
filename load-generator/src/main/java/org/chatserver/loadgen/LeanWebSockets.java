package org.chatserver.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client WebSockets (plain {@code ws://}) over NIO, for the load generator's thousands of receivers:
 * a few selector threads serve every connection, read as much as the kernel has in one call, and hand
 * each text frame to its listener as a slice of the connection's receive buffer together with the
 * thread's {@link FrameScan}, so that receiving a frame allocates nothing. Fragmented messages are put
 * together, pings answered, a close answered and reported.
 *
 * <p>Compared with the JDK's {@code java.net.http.WebSocket} (one selector thread per client plus a
 * callback executor hop, a {@code CharSequence} decoded per frame): see docs/benchmark.md for what that
 * saves in CPU per million receipts.
 */
public final class LeanWebSockets implements AutoCloseable {

    /** What a connection tells its owner. Called on the connection's selector thread, one call at a time. */
    public interface Listener {
        /** A whole text (or binary) message: {@code bytes[from, to)}, valid only during the call. */
        void onText(Socket socket, byte[] bytes, int from, int to, long receivedNanos, FrameScan scan);

        /** The server closed the connection ({@code status} 1006 when it just went away) or it failed. */
        void onClosed(Socket socket, int status, String reason);
    }

    private static final int MAX_MESSAGE = 1 << 20;

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService handshakes = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    public LeanWebSockets(int threads) {
        loops = new Loop[Math.max(1, threads)];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new Loop(i);
                loops[i].thread.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException("no selector: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code uri} ({@code ws://host:port/path?query}); the future fails when the handshake is
     * refused (not 101) or does not finish within {@code timeout}.
     */
    public CompletableFuture<Socket> connect(URI uri, Listener listener, Duration timeout) {
        CompletableFuture<Socket> result = new CompletableFuture<>();
        handshakes.execute(() -> {
            try {
                result.complete(handshake(uri, listener, timeout));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private Socket handshake(URI uri, Listener listener, Duration timeout) throws IOException {
        if (!"ws".equals(uri.getScheme())) {
            throw new IOException("the lean client speaks ws:// only, not " + uri.getScheme());
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            channel.socket().setSoTimeout((int) timeout.toMillis());
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            // blocking reads through the socket's stream honour the timeout; the channel's would not
            var in = channel.socket().getInputStream();
            byte[] buffer = new byte[8192];
            int length = 0;
            int headEnd;
            while ((headEnd = WsCodec.headEnd(buffer, 0, length)) < 0) {
                if (length == buffer.length) {
                    throw new IOException("handshake answer too long");
                }
                int n;
                try {
                    n = in.read(buffer, length, buffer.length - length);
                } catch (SocketTimeoutException e) {
                    throw new IOException("no handshake answer within " + timeout.toMillis() + " ms");
                }
                if (n < 0) {
                    throw new IOException("connection closed during the handshake");
                }
                length += n;
            }
            String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
            String status = head.lines().findFirst().orElse("");
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + status);
            }
            String expected = WsCodec.acceptKey(key);
            boolean accepted = head.lines().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-accept:")
                    && line.substring(line.indexOf(':') + 1).strip().equals(expected));
            if (!accepted) {
                throw new IOException("handshake answer without the right Sec-WebSocket-Accept");
            }
            channel.socket().setSoTimeout(0);
            channel.configureBlocking(false);
            Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
            Socket socket = new Socket(channel, loop, listener);
            int rest = length - headEnd - 4;
            if (rest > 0) {
                socket.in = Arrays.copyOf(Arrays.copyOfRange(buffer, headEnd + 4, length), Math.max(4096, rest * 2));
                socket.inBuffer = ByteBuffer.wrap(socket.in);
                socket.inLength = rest;
            }
            loop.adopt(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        handshakes.shutdownNow();
        for (Loop loop : loops) {
            loop.stop();
        }
    }

    private static final class Loop extends NioLoop {
        final FrameScan scan = new FrameScan();
        final WsCodec.Header header = new WsCodec.Header();

        Loop(int index) throws IOException {
            super("loadgen-ws-" + index);
        }
    }

    /** One client WebSocket. {@link #sendText} may be called from any thread. */
    public static final class Socket extends NioLoop.Endpoint {
        private final Loop loop;
        private final Listener listener;
        private final NioLoop.Fragments fragments = new NioLoop.Fragments();
        private byte[] in = new byte[4096];
        private ByteBuffer inBuffer = ByteBuffer.wrap(in);
        private int inLength;
        private volatile boolean closeSent;
        private volatile boolean ended;
        private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

        private Socket(SocketChannel channel, Loop loop, Listener listener) {
            super(channel, loop, Integer.MAX_VALUE);
            this.loop = loop;
            this.listener = listener;
        }

        /** Sends one text frame (masked, as a client must); false when the connection is closed. */
        public boolean sendText(byte[] utf8) {
            return send(WsCodec.TEXT, utf8, 0, utf8.length);
        }

        /** Bytes waiting for the socket to take them: the backlog a slow server builds up. */
        public int backlogBytes() {
            return writer.backlogBytes();
        }

        /** Starts the closing handshake; completes when the server answered it (or the connection ended). */
        public CompletableFuture<Void> close(int status, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + text.length];
            payload[0] = (byte) (status >>> 8);
            payload[1] = (byte) status;
            System.arraycopy(text, 0, payload, 2, text.length);
            closeSent = true;
            if (!send(WsCodec.CLOSE, payload, 0, payload.length)) {
                closedFuture.complete(null);
            }
            return closedFuture;
        }

        /** Drops the TCP connection without a close handshake. */
        public void abort() {
            closeSent = true;
            gone(-1, "");
        }

        public boolean isOpen() {
            return !ended;
        }

        private boolean send(int opcode, byte[] payload, int from, int to) {
            return !ended && writer.write(WsCodec.frame(opcode, payload, from, to, true));
        }

        @Override
        void registered(SelectionKey key) {
            super.registered(key);
            if (inLength > 0) {
                frames();
            }
        }

        @Override
        void drop() {
            gone(1006, "connection lost");
        }

        @Override
        void readable() {
            int n;
            try {
                inBuffer.limit(in.length).position(inLength);
                n = channel.read(inBuffer);
            } catch (IOException e) {
                gone(1006, "connection error: " + e.getClass().getSimpleName());
                return;
            }
            if (n < 0) {
                gone(1006, "connection closed without a close frame");
                return;
            }
            inLength += n;
            frames();
        }

        /** Handles every whole frame in the buffer, then keeps the rest at its start. */
        private void frames() {
            long now = System.nanoTime();
            WsCodec.Header h = loop.header;
            int at = 0;
            while (h.parse(in, at, inLength)) {
                if (h.masked || h.payloadLength > MAX_MESSAGE) {
                    gone(1002, h.masked ? "the server masked a frame" : "frame too large");
                    return;
                }
                int start = h.payloadStart;
                int end = h.payloadEnd();
                switch (h.opcode) {
                    case WsCodec.TEXT, WsCodec.BINARY -> {
                        if (h.fin) {
                            listener.onText(this, in, start, end, now, loop.scan);
                        } else {
                            fragments.start();
                            fragments.append(in, start, end);
                        }
                    }
                    case WsCodec.CONTINUATION -> {
                        if (fragments.open) {
                            fragments.append(in, start, end);
                            if (h.fin) {
                                fragments.open = false;
                                listener.onText(this, fragments.bytes, 0, fragments.length, now, loop.scan);
                            }
                        }
                    }
                    case WsCodec.PING -> send(WsCodec.PONG, in, start, end);
                    case WsCodec.CLOSE -> {
                        int status = end - start >= 2 ? ((in[start] & 0xFF) << 8) | (in[start + 1] & 0xFF) : 1005;
                        String reason = end - start > 2 ? new String(in, start + 2, end - start - 2, StandardCharsets.UTF_8)
                                : "";
                        boolean answered = closeSent;
                        if (!answered) {
                            send(WsCodec.CLOSE, in, start, Math.min(end, start + 2));
                        }
                        gone(answered ? -1 : status, reason);
                        return;
                    }
                    default -> {
                        // pong: nothing to do
                    }
                }
                if (ended) {
                    return;
                }
                at = end;
            }
            if (at > 0) {
                System.arraycopy(in, at, in, 0, inLength - at);
                inLength -= at;
            }
            if (inLength == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
                inBuffer = ByteBuffer.wrap(in);
            }
        }

        /** The connection ended: tell the listener unless this side closed it ({@code status} -1). */
        private void gone(int status, String reason) {
            boolean report;
            synchronized (this) {
                report = !ended && !closeSent && status != -1;
                ended = true;
            }
            writer.fail();
            SelectionKey k = key;
            if (k != null) {
                k.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // already gone
            }
            closedFuture.complete(null);
            if (report) {
                listener.onClosed(this, status, reason);
            }
        }
    }
}
