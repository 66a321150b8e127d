package org.chatserver.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /api/rooms/{id}/join} and {@code …/leave} (API.md, Membership): the {@code user-stream}
 * scenario makes its users members of their rooms before they connect, since {@code /ws/user}
 * carries the rooms one is a member of and joins none by itself.
 */
final class MembershipHttp {

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;

    MembershipHttp(HttpClient client, URI base, Duration timeout) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
    }

    void join(String token, long room) throws IOException, InterruptedException {
        call("join", token, room);
    }

    void leave(String token, long room) throws IOException, InterruptedException {
        call("leave", token, room);
    }

    private void call(String what, String token, long room) throws IOException, InterruptedException {
        String path = "/api/rooms/" + room + "/" + what;
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new ChatHttp.HttpFailure("POST " + path, answer.statusCode(), answer.body());
        }
    }
}
