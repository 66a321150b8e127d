package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded server with its data folder and its upload spool on a small file system of their
 * own, which the test fills to the last byte while messages stream: uploads and signups are refused
 * with 507 and a detail (not 500), readiness goes DOWN, and once space is freed everything resumes
 * with nothing acknowledged lost or duplicated. And a data folder that cannot be written stops
 * start-up with one line naming {@code chat.data-dir}.
 */
@Tag("resilience")
class DiskFullTest {

    private static final int INSUFFICIENT_STORAGE = 507;
    private static final int ENOUGH_SIGNUPS_TO_NEED_SPACE = 500;

    @Test
    void aFullDiskRefusesWritesWith507AndLosesNothing() {
        try (SmallDisk disk = SmallDisk.mount(48)) {
            Path data = folder(disk.path().resolve("data"));
            Path spool = folder(disk.path().resolve("tmp"));
            try (ServerProcess server = new ServerProcess("disk-full",
                    List.of("chat.data-dir=" + data, "chat.security.bcrypt-cost=4", "chat.health.min-free-disk=4MB"),
                    Map.of(), List.of("-Djava.io.tmpdir=" + spool)).start()) {
                ChatApi api = new ChatApi(server.baseUrl());
                ChatApi.Account owner = api.signUp("owner");
                long room = api.createRoom(owner.token(), "disk-" + UUID.randomUUID().toString().substring(0, 8));
                try (ChatTraffic traffic = new ChatTraffic(room)) {
                    for (int i = 0; i < 2; i++) {
                        traffic.addSender("sender" + i, server.baseUrl(), api.signUp("sender").token());
                        traffic.addReceiver("receiver" + i, server.baseUrl(), api.signUp("receiver").token());
                    }
                    traffic.awaitConnected(Duration.ofSeconds(120));
                    traffic.startSending();
                    traffic.awaitAcked(20, Duration.ofSeconds(120));

                    long logLinesBefore = server.output().lines().count();
                    disk.fill();
                    ChatApi.Answer upload = api.upload(owner.token(), "notes.txt", "text/plain",
                            "a few words".getBytes(StandardCharsets.UTF_8));
                    assertThat(upload.status()).as(upload.body()).isEqualTo(INSUFFICIENT_STORAGE);
                    assertThat(upload.detail()).endsWith("is full; this cannot be saved until space is freed");

                    ChatApi.Answer signup = firstRefusedSignup(api);
                    assertThat(signup.status()).as(signup.body()).isEqualTo(INSUFFICIENT_STORAGE);
                    assertThat(signup.detail())
                            .isEqualTo("The server's database is full; this cannot be saved until space is freed");
                    server.awaitReadiness(503);
                    long ackedWhileFull = traffic.acked();
                    Machine.sleep(Duration.ofSeconds(2));
                    ackedWhileFull = traffic.acked() - ackedWhileFull;

                    disk.free();
                    long logLinesWhileFull = server.output().lines().count() - logLinesBefore;
                    server.awaitReadiness(200);
                    traffic.awaitAcked(20, Duration.ofSeconds(180));
                    assertThat(api.upload(owner.token(), "notes.txt", "text/plain",
                            "a few words".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

                    traffic.settle(Duration.ofSeconds(180));
                    Map<String, Long> counts = traffic.verify(api.history(owner.token(), room));
                    System.out.printf("resilience: disk full: %d messages acknowledged in 2 s while full, %d log lines"
                            + " while full; %s%n", ackedWhileFull, logLinesWhileFull, counts);
                }
            }
        }
    }

    @Test
    void startingOnADataFolderThatCannotBeWrittenStopsWithOneLineNamingIt() {
        try (SmallDisk readOnly = SmallDisk.mountReadOnly();
             ServerProcess server = new ServerProcess("read-only",
                     List.of("chat.data-dir=" + readOnly.path(), "chat.security.bcrypt-cost=4"), Map.of(), List.of())) {
            server.launch();
            int exitCode = server.awaitExit();

            assertThat(exitCode).isNotZero();
            assertThat(server.output()).containsPattern("chat\\.data-dir " + readOnly.path()
                    + " cannot be written by user \\S+ \\(.*Read-only file system.*\\): ")
                    .doesNotContain("\tat ").doesNotContain("Caused by");
        }
    }

    private static ChatApi.Answer firstRefusedSignup(ChatApi api) {
        for (int i = 0; i < ENOUGH_SIGNUPS_TO_NEED_SPACE; i++) {
            ChatApi.Answer answer = api.post("/api/auth/signup",
                    ChatApi.credentials("full" + UUID.randomUUID().toString().substring(0, 8)), null);
            if (answer.status() != 200) {
                return answer;
            }
        }
        throw new AssertionError(ENOUGH_SIGNUPS_TO_NEED_SPACE + " signups succeeded on a full disk");
    }

    private static Path folder(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
