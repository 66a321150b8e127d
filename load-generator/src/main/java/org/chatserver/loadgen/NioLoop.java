package org.chatserver.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread of the relay or of the lean client: it registers the sockets other threads
 * hand it and calls each one when it can be written or read. Also home to what both sides of a
 * socket need: a write path usable from any thread, and the pieces of a fragmented message.
 */
abstract class NioLoop implements Runnable {

    /** A socket served by a loop: its channel and its writer, which the loop sets up on registration. */
    abstract static class Endpoint {
        final SocketChannel channel;
        final Writer writer;
        volatile SelectionKey key;

        Endpoint(SocketChannel channel, NioLoop loop, int maxBacklog) {
            this.channel = channel;
            this.writer = new Writer(channel, loop, maxBacklog);
        }

        /** Registered with the loop's selector: from now on it is called when ready. */
        void registered(SelectionKey key) {
            this.key = key;
            writer.registered(key);
        }

        /** The socket takes more: write the backlog, or drop the connection if writing failed. */
        void writable() {
            if (!writer.flush()) {
                drop();
            }
        }

        abstract void readable();

        /** The connection failed, the loop is going away, or it could not take the socket. */
        abstract void drop();
    }

    final Selector selector;
    final Thread thread;
    private final Queue<Endpoint> adopted = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    NioLoop(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Hands {@code endpoint} to this loop from any thread; it is registered on the loop's next turn. */
    void adopt(Endpoint endpoint) {
        adopted.add(endpoint);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    void stop() {
        stopped = true;
        selector.wakeup();
    }

    /** A key that is no endpoint's (the relay's listening socket) became ready. */
    void other(SelectionKey key) throws IOException {
    }

    private void registerAdopted() {
        Endpoint endpoint;
        while ((endpoint = adopted.poll()) != null) {
            try {
                endpoint.registered(endpoint.channel.register(selector, SelectionKey.OP_READ, endpoint));
            } catch (IOException e) {
                endpoint.drop();
            }
        }
    }

    @Override
    public final void run() {
        try {
            while (!stopped) {
                selector.select();
                registerAdopted();
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    try {
                        if (!(key.attachment() instanceof Endpoint e)) {
                            other(key);
                            continue;
                        }
                        if (key.isValid() && key.isWritable()) {
                            e.writable();
                        }
                        if (key.isValid() && key.isReadable()) {
                            e.readable();
                        }
                    } catch (CancelledKeyException e) {
                        // closed meanwhile
                    } catch (RuntimeException e) {
                        // one connection's failure (a malformed request, a handler's bug) must not stop its loop's others
                        if (key.attachment() instanceof Endpoint broken) {
                            broken.drop();
                        }
                    }
                }
                keys.clear();
                // sockets this thread adopted itself (accepted just now) are served without waiting for a wake-up
                registerAdopted();
            }
        } catch (IOException | ClosedSelectorException e) {
            // going away
        } finally {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Endpoint e) {
                    e.drop();
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }

    /**
     * Writes to a non-blocking socket from any thread: at once what the kernel takes, the rest kept
     * in a backlog that the loop's thread writes when the socket takes more (so no writer ever blocks).
     */
    static final class Writer {
        private final SocketChannel channel;
        private final NioLoop loop;
        private final int maxBacklog;
        private volatile SelectionKey key;
        private ByteBuffer backlog;
        private boolean failed;

        Writer(SocketChannel channel, NioLoop loop, int maxBacklog) {
            this.channel = channel;
            this.loop = loop;
            this.maxBacklog = maxBacklog;
        }

        void registered(SelectionKey key) {
            this.key = key;
        }

        /** Writes or queues {@code bytes}; false when the socket failed or the backlog would pass its maximum. */
        boolean write(byte[] bytes) {
            ByteBuffer src = ByteBuffer.wrap(bytes);
            synchronized (this) {
                if (failed) {
                    return false;
                }
                try {
                    if (backlog == null || backlog.position() == 0) {
                        channel.write(src);
                        if (!src.hasRemaining()) {
                            return true;
                        }
                    }
                } catch (IOException e) {
                    failed = true;
                    return false;
                }
                int needed = (backlog == null ? 0 : backlog.position()) + src.remaining();
                if (needed > maxBacklog) {
                    failed = true;
                    return false;
                }
                if (backlog == null || backlog.remaining() < src.remaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(8192, Math.max(needed, backlog == null ? 0
                            : backlog.capacity() * 2)));
                    if (backlog != null) {
                        backlog.flip();
                        bigger.put(backlog);
                    }
                    backlog = bigger;
                }
                backlog.put(src);
            }
            SelectionKey k = key;
            if (k != null) {
                try {
                    k.interestOpsOr(SelectionKey.OP_WRITE);
                } catch (CancelledKeyException e) {
                    return false;
                }
                if (Thread.currentThread() != loop.thread) {
                    loop.selector.wakeup();
                }
            }
            return true;
        }

        /** Writes what waits (the loop's thread, when the socket takes more); false when the socket failed. */
        boolean flush() {
            synchronized (this) {
                if (!failed && backlog != null) {
                    backlog.flip();
                    try {
                        channel.write(backlog);
                    } catch (IOException e) {
                        failed = true;
                    }
                    backlog.compact();
                }
                if (failed || backlog == null || backlog.position() == 0) {
                    key.interestOpsAnd(~SelectionKey.OP_WRITE);
                }
                return !failed;
            }
        }

        synchronized int backlogBytes() {
            return backlog == null ? 0 : backlog.position();
        }

        synchronized void fail() {
            failed = true;
        }
    }

    /** The pieces of a fragmented message, put together. */
    static final class Fragments {
        byte[] bytes = new byte[0];
        int length;
        boolean open;

        void start() {
            open = true;
            length = 0;
        }

        void append(byte[] b, int from, int to) {
            int n = to - from;
            if (bytes.length < length + n) {
                bytes = Arrays.copyOf(bytes, Math.max(4096, (length + n) * 2));
            }
            System.arraycopy(b, from, bytes, length, n);
            length += n;
        }
    }
}
