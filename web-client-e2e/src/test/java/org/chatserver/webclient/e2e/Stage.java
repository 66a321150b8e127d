package org.chatserver.webclient.e2e;

import com.microsoft.playwright.Browser;

/** What a browser test class plays on: a running server and the run's Chromium, warmed up on it. */
record Stage(ChatServer server, Browsers.Launched browsers, boolean ownsServer) implements AutoCloseable {

    /** A server for this class alone (stopped with the stage): plain names, restarts, or settings ({@code --key=value}). */
    static Stage withOwnServer(String... settings) {
        return start(ChatServer.startNew(settings), true);
    }

    /** The JVM-wide server that tests with unique names share. */
    static Stage withSharedServer() {
        return start(ChatServer.shared(), false);
    }

    private static Stage start(ChatServer server, boolean owns) {
        Browsers.Launched browsers = Browsers.shared();
        Browsers.warmUp(browsers.browser(), server);
        return new Stage(server, browsers, owns);
    }

    Browser browser() {
        return browsers.browser();
    }

    /** Stops a server of the class's own; the browser stays for the next class. */
    @Override
    public void close() {
        if (ownsServer) {
            server.close();
        }
    }
}
