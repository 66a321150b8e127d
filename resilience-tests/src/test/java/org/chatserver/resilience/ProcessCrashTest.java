package org.chatserver.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server (SQLite, one process) killed with SIGKILL and stopped with SIGTERM while
 * messages stream, and started again on the same data: clients reconnect and resend what was not
 * acknowledged, and nothing acknowledged is lost or duplicated.
 */
@Tag("resilience")
class ProcessCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void killAndTerminateMidStreamLoseNoAcknowledgedMessageAndDuplicateNone() {
        try (ServerProcess server = new ServerProcess("embedded",
                List.of("chat.data-dir=" + dataDir, "chat.security.bcrypt-cost=4"), Map.of(), List.of()).start()) {
            ChatApi api = new ChatApi(server.baseUrl());
            ChatApi.Account owner = api.signUp("owner");
            long room = api.createRoom(owner.token(), "crash-" + UUID.randomUUID().toString().substring(0, 8));
            try (ChatTraffic traffic = new ChatTraffic(room)) {
                for (int i = 0; i < 3; i++) {
                    traffic.addSender("sender" + i, server.baseUrl(), api.signUp("sender").token());
                }
                for (int i = 0; i < 2; i++) {
                    traffic.addReceiver("receiver" + i, server.baseUrl(), api.signUp("receiver").token());
                }
                traffic.awaitConnected(Duration.ofSeconds(120));
                traffic.startSending();
                traffic.awaitAcked(30, Duration.ofSeconds(120));

                server.kill();
                long ackedAtKill = traffic.acked();
                server.start();
                traffic.awaitAcked(30, Duration.ofSeconds(180));

                server.terminate();
                long ackedAtTerm = traffic.acked();
                server.start();
                traffic.awaitAcked(30, Duration.ofSeconds(180));

                traffic.settle(Duration.ofSeconds(180));
                Map<String, Long> counts = traffic.verify(api.history(owner.token(), room));
                System.out.printf("resilience: kill -9 at %d acked, SIGTERM at %d acked: %s%n", ackedAtKill,
                        ackedAtTerm, counts);
            }
        }
    }
}
