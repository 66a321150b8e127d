package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads in the log of a fresh server process (the exec jar, as shipped) after its first
 * requests, a client's mistakes among them (a wrong method, a path into WEB-INF): no warning or error when
 * nothing is wrong with the server, and no library's banner or advice. A test inside a
 * JVM of tests cannot show this: jOOQ prints its banner once per process, and the test classpath brings
 * logging settings of its own.
 */
@Tag("resilience")
class ServerLogTest {

    /**
     * The level column of the console format ({@code 2026-12-05T15:13:38.264Z  WARN 15732 --- [...]}), or a
     * warning of the JVM's own on standard error ({@code WARNING: A restricted method ...}).
     */
    private static final Pattern LEVEL_WARN_OR_ERROR = Pattern.compile("^(\\S+\\s+(WARN|ERROR) |WARNING: )");

    @TempDir
    Path dataDir;

    @Test
    void aCleanStartLogsNoWarningAndNoBanner() {
        try (ServerProcess server = new ServerProcess("log",
                List.of("chat.data-dir=" + dataDir, "chat.security.bcrypt-cost=4"), Map.of(), List.of()).start()) {
            ChatApi api = new ChatApi(server.baseUrl());
            ChatApi.Account owner = api.signUp("owner");
            api.createRoom(owner.token(), "log-" + UUID.randomUUID().toString().substring(0, 8));
            // a client's mistakes are the client's: answered, not warned about in the operator's log
            assertThat(api.get("/api/auth/login", null).status()).as("GET on a POST-only path").isEqualTo(405);
            assertThat(api.get("/WEB-INF/web.xml", null).status()).as("a path into WEB-INF").isEqualTo(404);

            String log = server.output();
            assertThat(log).as("the server's log after a sign-up (the first queries)").contains("Started ChatServerApplication");
            assertThat(log).as("jOOQ's tip of the day in the server's log").doesNotContain("jOOQ tip of the day");
            assertThat(log).as("jOOQ's ASCII-art banner in the server's log").doesNotContain("@@@@@@@@@@@@@@@@");
            assertThat(log.lines().filter(line -> LEVEL_WARN_OR_ERROR.matcher(line).find()).toList())
                    .as("warnings and errors in the log of a clean start and its first requests").isEmpty();
        }
    }
}
