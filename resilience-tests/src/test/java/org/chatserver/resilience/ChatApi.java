package org.chatserver.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST side of the wire contract, as a client speaks it, against one server address. */
final class ChatApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A request that gets no answer within this is a hang, which no outage excuses. */
    static final Duration HANG = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int THROTTLED = 429;

    private final String base;

    ChatApi(String base) {
        this.base = base;
    }

    record Answer(int status, String body, Optional<String> retryAfter, Duration took) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }
    }

    record Account(String username, String token) {
    }

    /** Signs up a fresh user, waiting out a signup throttle if the server has one. */
    Account signUp(String prefix) {
        String username = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Answer answer = post("/api/auth/signup", credentials(username), null);
            if (answer.status() == 200) {
                return new Account(username, answer.json().path("access_token").asString());
            }
            if (answer.status() != THROTTLED || Instant.now().isAfter(deadline)) {
                throw new AssertionError("signup answered " + answer.status() + ": " + answer.body());
            }
            Machine.sleep(Duration.ofSeconds(Long.parseLong(answer.retryAfter().orElse("1"))));
        }
    }

    static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"correct horse battery\"}";
    }

    long createRoom(String token, String name) {
        Answer answer = post("/api/rooms", "{\"name\":\"" + name + "\"}", token);
        if (answer.status() != 200) {
            throw new AssertionError("creating room " + name + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("id").asLong();
    }

    /** Every message of a room, oldest first, paging back from the newest. */
    List<JsonNode> history(String token, long roomId) {
        List<JsonNode> newestFirst = new ArrayList<>();
        Long before = null;
        while (true) {
            Answer page = get("/api/messages/" + roomId + "?limit=200" + (before == null ? "" : "&before=" + before),
                    token);
            if (page.status() != 200) {
                throw new AssertionError("history answered " + page.status() + ": " + page.body());
            }
            List<JsonNode> items = new ArrayList<>();
            page.json().forEach(items::add);
            if (items.isEmpty()) {
                return newestFirst.reversed();
            }
            for (int i = items.size() - 1; i >= 0; i--) {
                newestFirst.add(items.get(i));
            }
            before = items.getFirst().path("message_id").asLong();
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A multipart upload of one small file, as the app sends it. */
    Answer upload(String token, String filename, String contentType, byte[] content) {
        String boundary = "resilience-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/api/upload-file", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(HANG);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        Instant started = Instant.now();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                    Duration.between(started, Instant.now()));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " got no answer (" + e + ") after "
                    + Duration.between(started, Instant.now()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
