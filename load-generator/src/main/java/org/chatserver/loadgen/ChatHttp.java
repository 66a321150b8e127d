package org.chatserver.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls of the wire contract this tool needs, tolerant of both our server and the
 * original one where they differ (tokens on sign-up, duplicate room names).
 */
public final class ChatHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The chat server's default {@code management.server.port}; its actuator answers there only. */
    static final int MANAGEMENT_PORT = 8081;

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;

    public ChatHttp(HttpClient client, URI base, Duration timeout) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** An HTTP answer that was not what the contract promises. */
    /** Said with a 429: our server's per-user limits, and how the benchmarks start it (docs/benchmark.md). */
    static final String TOO_MANY = " (our server limits each user's posts over REST and new rooms: start it with"
            + " --chat.limits.rest-posts-per-second=100000 --chat.limits.rest-post-burst=100000"
            + " --chat.limits.rooms-per-hour=100000 --chat.limits.room-burst=100000, as docs/benchmark.md does)";

    public static final class HttpFailure extends IOException {
        private final int status;

        HttpFailure(String call, int status, String body) {
            super(call + " answered " + status + (body == null || body.isBlank() ? ""
                    : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body))
                    + (status == 429 ? TOO_MANY : ""));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Timing of one call, for scenarios that measure the server's answer time. */
    public record Timed(int status, long nanos) {
    }

    /**
     * Signs a user up and returns an access token. Our server answers the tokens right away; the
     * original answers only a message, and a user left from an earlier run already exists: log in then.
     */
    public String signUpOrLogIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/auth/signup", Map.of("username", username, "password", password), null);
        if (answer.statusCode() == 200) {
            JsonNode body = parse(answer.body());
            JsonNode token = body.get("access_token");
            if (token != null && token.isString()) {
                return token.asString();
            }
        } else if (answer.statusCode() != 400) {
            throw new HttpFailure("POST /api/auth/signup", answer.statusCode(), answer.body());
        }
        return logIn(username, password);
    }

    public String logIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/auth/login", Map.of("username", username, "password", password), null);
        if (answer.statusCode() != 200) {
            throw new HttpFailure("POST /api/auth/login", answer.statusCode(), answer.body());
        }
        JsonNode token = parse(answer.body()).get("access_token");
        if (token == null || !token.isString()) {
            throw new HttpFailure("POST /api/auth/login (no access_token)", answer.statusCode(), answer.body());
        }
        return token.asString();
    }

    /** Creates a room, or finds the one already named so (our server answers 409 to a duplicate name). */
    public long createOrFindRoom(String token, String name) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/rooms", Map.of("name", name), token);
        if (answer.statusCode() == 200) {
            return parse(answer.body()).get("id").asLong();
        }
        if (answer.statusCode() != 409 && answer.statusCode() != 400) {
            throw new HttpFailure("POST /api/rooms", answer.statusCode(), answer.body());
        }
        HttpResponse<String> list = get("/api/rooms?limit=500", token);
        if (list.statusCode() != 200) {
            throw new HttpFailure("GET /api/rooms", list.statusCode(), list.body());
        }
        for (JsonNode room : parse(list.body())) {
            if (room.path("name").asString("").toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return room.get("id").asLong();
            }
        }
        throw new HttpFailure("POST /api/rooms (name taken, but not among the rooms listed)", answer.statusCode(),
                answer.body());
    }

    /** A page of a room's messages: {@code query} like {@code ?after=12&limit=200}; oldest first. */
    public List<JsonNode> messages(String token, long room, String query) throws IOException, InterruptedException {
        String path = "/api/messages/" + room + query;
        HttpResponse<String> answer = get(path, token);
        if (answer.statusCode() != 200) {
            throw new HttpFailure("GET " + path, answer.statusCode(), answer.body());
        }
        List<JsonNode> items = new ArrayList<>();
        parse(answer.body()).forEach(items::add);
        return items;
    }

    /**
     * Posts a message over REST ({@code POST /api/rooms/{room}/messages}, API.md "Post a message") and
     * returns the stored message's id; our server answers only once the post is committed.
     */
    public long postMessage(String token, long room, String content, String clientId)
            throws IOException, InterruptedException {
        String path = "/api/rooms/" + room + "/messages";
        HttpResponse<String> answer = post(path, Map.of("content", content, "client_id", clientId), token);
        if (answer.statusCode() != 200) {
            throw new HttpFailure("POST " + path, answer.statusCode(), answer.body());
        }
        JsonNode id = parse(answer.body()).get("message_id");
        if (id == null || !id.isIntegralNumber()) {
            throw new HttpFailure("POST " + path + " (no message_id)", answer.statusCode(), answer.body());
        }
        return id.asLong();
    }

    /** One GET, timed from request to the whole body read. */
    public Timed timedGet(String path, String token) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(path, token);
        return new Timed(answer.statusCode(), System.nanoTime() - start);
    }

    /** A timed GET with its body. */
    public record TimedBody(int status, long nanos, String body) {
    }

    /** One GET, timed from request to the whole body read, with the body. */
    public TimedBody timedGetBody(String path, String token) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(path, token);
        return new TimedBody(answer.statusCode(), System.nanoTime() - start, answer.body());
    }

    /** One login, timed; status 200 is a success. */
    public Timed timedLogIn(String username, String password) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = post("/api/auth/login", Map.of("username", username, "password", password), null);
        return new Timed(answer.statusCode(), System.nanoTime() - start);
    }

    /** One multipart upload of {@code content} as the part {@code file}, timed; the body is kept for its detail. */
    public TimedAnswer timedUpload(String path, String fileName, String contentType, byte[] content, String token)
            throws IOException, InterruptedException {
        return timedUpload(path, fileName, contentType, content, token, 0);
    }

    /**
     * As {@link #timedUpload(String, String, String, byte[], String)}, sending the body no faster than
     * {@code bytesPerSecond} (0: as fast as loopback takes it), evenly, as a client behind an uplink of
     * that speed would: the server sees the same bytes, spread over the time a real upload takes.
     */
    public TimedAnswer timedUpload(String path, String fileName, String contentType, byte[] content, String token,
                                   long bytesPerSecond) throws IOException, InterruptedException {
        String boundary = "lg-" + Long.toHexString(System.nanoTime());
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(bytesPerSecond <= 0 ? HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))
                        : paced(bytesPerSecond, head, content, tail)).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new TimedAnswer(answer.statusCode(), System.nanoTime() - start, answer.body(),
                answer.headers().firstValue("Retry-After").orElse(null));
    }

    private static HttpRequest.BodyPublisher paced(long bytesPerSecond, byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        byte[] body = all.toByteArray();
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new PacedInputStream(body, bytesPerSecond)), body.length);
    }

    /** Hands out its bytes in 16 KiB pieces, each no earlier than the rate allows. */
    private static final class PacedInputStream extends java.io.InputStream {

        private static final int PIECE = 16 * 1024;
        private final byte[] body;
        private final long bytesPerSecond;
        private final long start = System.nanoTime();
        private int position;

        PacedInputStream(byte[] body, long bytesPerSecond) {
            this.body = body;
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (position >= body.length) {
                return -1;
            }
            long due = start + position * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("upload interrupted");
                }
            }
            int n = Math.min(Math.min(length, PIECE), body.length - position);
            System.arraycopy(body, position, into, offset, n);
            position += n;
            return n;
        }
    }

    /** A timed call with what it answered. */
    public record TimedAnswer(int status, long nanos, String body, String retryAfter) {
    }

    /**
     * Heap in use as the server's actuator reports it, or -1 when it has none (the original server).
     * The actuator answers on the management port (8081 by default, this host only), not the API's.
     */
    public long heapUsedBytes() {
        try {
            URI metrics = URI.create("http://" + base.getHost() + ":" + MANAGEMENT_PORT
                    + "/actuator/metrics/jvm.memory.used?tag=area:heap");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(metrics).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return -1;
            }
            for (JsonNode m : parse(answer.body()).path("measurements")) {
                if ("VALUE".equals(m.path("statistic").asString(""))) {
                    return (long) m.path("value").asDouble();
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> post(String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) throws IOException {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IOException("not JSON: " + (body.length() > 200 ? body.substring(0, 200) : body), e);
        }
    }
}
