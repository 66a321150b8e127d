package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The relay with a store ({@code relay --store}): every message it acks is already a committed row, in id order,
 * and one it cannot store is neither acked nor delivered. Over real sockets, read back from the SQLite file with a
 * connection of the test's own.
 */
class RelayStoreTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private static WebSocket connect(Relay relay, String room, String user, RelayTest.Inbox inbox) {
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + relay.port() + "/ws/chat/" + room + "?token=relay." + user),
                        inbox)
                .join();
    }

    private static void post(WebSocket ws, String content, String clientId) {
        ws.sendText("{\"type\":\"message\",\"content\":\"" + content + "\",\"client_id\":\"" + clientId + "\"}", true)
                .join();
    }

    /** The rows of the store, "room/id sender: content", in key order. */
    private static List<String> rows(Path db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select room_id, id, sender, content from messages order by room_id, id")) {
            while (r.next()) {
                rows.add(r.getLong(1) + "/" + r.getLong(2) + " " + r.getString(3) + ": " + r.getString(4));
            }
        }
        return rows;
    }

    @Test
    void everyAckedMessageIsAlreadyACommittedRowInIdOrder() throws Exception {
        Path db = folder.resolve("relay.db");
        try (Relay relay = Relay.start("127.0.0.1", 0, 2, db)) {
            assertThat(relay.stores()).isTrue();
            RelayTest.Inbox aliceInbox = new RelayTest.Inbox();
            RelayTest.Inbox bobInbox = new RelayTest.Inbox();
            WebSocket alice = connect(relay, "stored", "alice", aliceInbox);
            WebSocket bob = connect(relay, "stored", "bob", bobInbox);
            long room = aliceInbox.next().get("room_id").asLong();
            bobInbox.next();

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                post(alice, "hello " + i + " \\\"quoted\\\" é", "c-" + i);
                JsonNode ack = aliceInbox.next();
                assertThat(ack.get("type").asString()).as("the answer to post %d", i).isEqualTo("ack");
                long id = ack.get("message_id").asLong();
                assertThat(id).isEqualTo(i);
                expected.add(room + "/" + id + " alice: hello " + i + " \\\"quoted\\\" é");
                // the ack came after the commit: the row is there for any other connection to read at once
                assertThat(rows(db)).as("the store when the ack of post %d arrived", i).containsExactlyElementsOf(expected);
                assertThat(bobInbox.next().get("message_id").asLong()).isEqualTo(id);
            }
            alice.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            bob.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Test
    void aMessageThatCannotBeStoredIsAnsweredWithAnErrorAndReachesNoOne() throws Exception {
        Path db = folder.resolve("relay.db");
        try (Relay relay = Relay.start("127.0.0.1", 0, 1, db)) {
            RelayTest.Inbox aliceInbox = new RelayTest.Inbox();
            RelayTest.Inbox bobInbox = new RelayTest.Inbox();
            WebSocket alice = connect(relay, "broken", "alice", aliceInbox);
            WebSocket bob = connect(relay, "broken", "bob", bobInbox);
            aliceInbox.next();
            bobInbox.next();
            post(alice, "kept", "c-1");
            assertThat(aliceInbox.next().get("message_id").asLong()).isEqualTo(1);
            assertThat(bobInbox.next().get("message").asString()).isEqualTo("kept");

            // the store breaks underneath the relay
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("drop table messages");
            }
            post(alice, "lost", "c-2");
            JsonNode answer = aliceInbox.next();
            assertThat(answer.get("type").asString()).isEqualTo("error");
            assertThat(answer.get("message").asString()).startsWith("not stored: ").contains("messages");
            assertThat(bobInbox.frames.poll(300, TimeUnit.MILLISECONDS)).as("what the other member got").isNull();
            alice.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            bob.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Test
    void aStoreThatAlreadyExistsIsRefusedWithTheReason() throws Exception {
        Path db = Files.writeString(folder.resolve("old.db"), "");
        assertThatThrownBy(() -> Relay.start("127.0.0.1", 0, 1, db)).isInstanceOf(IOException.class)
                .hasMessageContaining("already exists").hasMessageContaining("new store each time");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = LoadGenerator.run(new String[] {"relay", "--port=0", "--store=" + db},
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("the relay could not start").contains("already exists");
    }
}
