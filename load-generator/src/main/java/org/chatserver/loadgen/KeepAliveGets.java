package org.chatserver.loadgen;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Timed GETs over one kept-alive plain HTTP/1.1 connection, blocking, one request at a time: what a measuring
 * loop needs and nothing else. {@code java.net.http.HttpClient} costs the tool about as much CPU per search as
 * the server spends answering it (docs/benchmark.md, search), and on two cores shared by the tool, the server
 * and the database, that CPU is taken from what is measured.
 *
 * <p>Reads a {@code Content-Length} or chunked body; opens a new connection when the server said
 * {@code Connection: close} (Tomcat does after 100 requests on one) or closed an idle one (then the GET is
 * sent once more: it changes nothing). Not for {@code https} (use {@link ChatHttp}).
 */
final class KeepAliveGets implements AutoCloseable {

    private static final int MAX_HEADER_LINE = 8192;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** Whether it can talk to {@code base}: plain {@code http} only. */
    static boolean serves(URI base) {
        return "http".equalsIgnoreCase(base.getScheme());
    }

    KeepAliveGets(URI base, Duration timeout) {
        if (!serves(base)) {
            throw new IllegalArgumentException("plain http only, was " + base);
        }
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** One GET, timed from sending the request (and connecting, when needed) to the whole body read. */
    ChatHttp.TimedBody get(String pathAndQuery, String bearerToken) throws IOException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept: application/json\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n")
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        boolean reused = socket != null;
        try {
            return exchange(request, start);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            // the server closed the idle connection between two requests: once more on a new one
            return exchange(request, start);
        }
    }

    private ChatHttp.TimedBody exchange(byte[] request, long start) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = in.readNBytes(Math.toIntExact(length));
            if (body.length < length) {
                throw new EOFException("the body ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            // neither: the body runs to the end of the connection
            body = in.readAllBytes();
            closeAfter = true;
        }
        long nanos = System.nanoTime() - start;
        if (closeAfter) {
            close();
        }
        return new ChatHttp.TimedBody(status, nanos, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                // trailers, if any, up to the empty line
                while (!line().isEmpty()) {
                    // skipped
                }
                return body.toByteArray();
            }
            byte[] data = in.readNBytes(chunk);
            if (data.length < chunk) {
                throw new EOFException("a chunk ended after " + data.length + " of " + chunk + " bytes");
            }
            body.write(data);
            line();
        }
    }

    /** One line without its CRLF; EOFException when the connection ends first. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended inside an answer");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("a header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        socket = s;
        out = s.getOutputStream();
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
        socket = null;
        out = null;
        in = null;
    }
}
