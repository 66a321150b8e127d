package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The search loop's lean GET client against a scripted HTTP/1.1 peer on loopback: each kind of body, the
 * request it sends, and a new connection where the server closes one.
 */
class KeepAliveGetsTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> connectionsSeen = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread serving;

    /** Answers the i-th request (over all connections) with {@code answers.get(i)}; "CLOSE" drops the connection. */
    private URI serve(List<String> answers) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> {
            int answered = 0;
            int connection = 0;
            try {
                while (answered < answers.size()) {
                    try (Socket s = server.accept()) {
                        connection++;
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        OutputStream out = s.getOutputStream();
                        while (answered < answers.size()) {
                            StringBuilder request = new StringBuilder();
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                request.append(line).append('\n');
                            }
                            if (request.isEmpty()) {
                                break;
                            }
                            requests.add(request.toString());
                            connectionsSeen.add(connection);
                            String answer = answers.get(answered++);
                            if (answer.equals("CLOSE")) {
                                break;
                            }
                            out.write(answer.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            if (answer.contains("Connection: close")) {
                                break;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the test closed the server
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            serving.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void reads_sized_and_chunked_bodies_over_one_connection_and_sends_the_token() throws Exception {
        URI base = serve(List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"results\":\"é\"}",
                "HTTP/1.1 401 \r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"de\r\nB;x=y\r\ntail\":\"no\"}\r\n0\r\n\r\n"));
        try (KeepAliveGets gets = new KeepAliveGets(base, Duration.ofSeconds(5))) {
            ChatHttp.TimedBody first = gets.get("/api/search?q=caf%C3%A9&limit=20", "tok-1");
            ChatHttp.TimedBody second = gets.get("/api/search?q=x", null);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("{\"results\":\"é\"}");
            assertThat(first.nanos()).isPositive();
            assertThat(second.status()).isEqualTo(401);
            assertThat(second.body()).isEqualTo("{\"detail\":\"no\"}");
        }
        assertThat(requests.get(0)).startsWith("GET /api/search?q=caf%C3%A9&limit=20 HTTP/1.1\n")
                .contains("Authorization: Bearer tok-1\n");
        assertThat(requests.get(1)).doesNotContain("Authorization");
        assertThat(connectionsSeen).containsExactly(1, 1);
    }

    @Test
    void opens_a_new_connection_after_connection_close_and_after_the_server_dropped_an_idle_one() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        URI base = serve(List.of("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", ok, "CLOSE", ok));
        List<Integer> statuses = new ArrayList<>();
        try (KeepAliveGets gets = new KeepAliveGets(base, Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                statuses.add(gets.get("/health", null).status());
            }
        }
        assertThat(statuses).containsExactly(200, 200, 200);
        // the third GET met a dropped connection and was sent again on a new one
        assertThat(connectionsSeen).containsExactly(1, 2, 2, 3);
    }

    @Test
    void an_answer_cut_short_is_an_error_not_a_short_body() throws Exception {
        URI base = serve(List.of("HTTP/1.1 200 OK\r\nContent-Length: 50\r\nConnection: close\r\n\r\nonly this"));
        try (KeepAliveGets gets = new KeepAliveGets(base, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> gets.get("/x", null)).isInstanceOf(IOException.class)
                    .hasMessageContaining("9 of 50");
        }
    }
}
