package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What an operator sees when starting the server. A refused start-up says what to fix in a
 * sentence naming the property, and prints no stack trace (into the build log either).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultNeedsNothingAndKeepsItsKey() throws Exception {
        Path nested = dataDir.resolve("not/yet/there");
        String key;
        try (ConfigurableApplicationContext context = start("chat.data-dir=" + nested)) {
            assertThat(nested.resolve("chat.db")).exists();
            // writers queue for SQLite's single connection instead of sleeping in its busy handler
            assertThat(context.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize()).isEqualTo(1);
            assertThat(nested.resolve("signing.key")).exists();
            key = Files.readString(nested.resolve("signing.key"));
        }
        try (ConfigurableApplicationContext ignored = start("chat.data-dir=" + nested)) {
            assertThat(Files.readString(nested.resolve("signing.key"))).isEqualTo(key);
        }
    }

    @Test
    void theDatabaseAndItsJournalFilesAreReadableByTheOwnerOnly() throws Exception {
        try (ConfigurableApplicationContext context = start("chat.data-dir=" + dataDir)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            // a write, so that SQLite has its write-ahead log and shared-memory index open
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> signup = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/auth/signup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"owner\",\"password\":\"correct horse\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(signup.statusCode()).as(signup.body()).isEqualTo(200);
            }
            for (String name : new String[] {"chat.db", "chat.db-wal", "chat.db-shm", "signing.key"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(name))))
                        .as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void productionRefusesToStartWithoutASigningKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db"),
                "chat.storage.type=fs", "chat.storage.fs.root=" + dataDir.resolve("files")))
                .hasStackTraceContaining("chat.security.signing-key");
        assertThat(output.getAll()).contains("chat.security.signing-key is required");
        assertNoStackTrace(output);
    }

    @Test
    void aBadSettingStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.auth.username-free-failures=0"))
                .isInstanceOf(RuntimeException.class);
        // what the operator reads: Boot's failure report names the property and its value
        assertThat(output.getAll())
                .contains("chat.auth.username-free-failures must be greater than or equal to 1.")
                .contains("Correct chat.auth.username-free-failures (environment variable CHAT_AUTH_USERNAME_FREE_FAILURES)");
        assertNoStackTrace(output);
    }

    @Test
    void anEditWindowOfNoTimeStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.messages.edit-window=0s"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.messages.edit-window must be longer than or equal to 1 second");
        assertNoStackTrace(output);
    }

    @Test
    void aRefreshRetryWindowOutOfRangeStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.auth.refresh-retry-window=11m"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.auth.refresh-retry-window must be shorter than or equal to 10 minutes");
        assertNoStackTrace(output);
    }

    @Test
    void aRefreshTokenTtlShorterThanTheAccessTokensStopsStartUpNamingBoth(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.auth.refresh-token-ttl=15s",
                "chat.auth.access-token-ttl=60s")).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll())
                .contains("chat.auth.refresh-token-ttl must not be shorter than chat.auth.access-token-ttl")
                .doesNotContain("refreshTokenTtlAtLeastTheAccessTokens");
        assertNoStackTrace(output);
    }

    @Test
    void aGroupCommitBatchOutOfRangeStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.messages.max-batch=1001"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.messages.max-batch must be less than or equal to 1000")
                .doesNotContain("maxBatch");
        assertNoStackTrace(output);
    }

    @Test
    void noRoomForWaitingPostsStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.messages.max-waiting=0"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.messages.max-waiting must be greater than or equal to 1");
        assertNoStackTrace(output);
    }

    @Test
    void aNegativeTypingRoomSizeStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.typing.max-room-size=-1"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.typing.max-room-size must be greater than or equal to 0");
        assertNoStackTrace(output);
    }

    @Test
    void aPresenceRoomSizeOutOfRangeStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.presence.max-room-size=-1"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.presence.max-room-size must be between 0 and 10000");
        assertNoStackTrace(output);
    }

    @Test
    void aMisspeltProfileStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=prodution", "chat.data-dir=" + dataDir))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll())
                .contains("spring.profiles.active names a profile that no configuration file defines: prodution")
                .contains("Correct spring.profiles.active (environment variable SPRING_PROFILES_ACTIVE)")
                .doesNotContain("Started ChatServerApplication");
        assertNoStackTrace(output);
    }

    @Test
    void aMisspeltSettingStopsStartUpNamingItAndWhatWasMeant(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.storage.typ=s3"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll())
                .contains("A setting this server does not know: chat.storage.typ (command line; did you mean "
                        + "chat.storage.type?)")
                .contains("Correct or remove them and start again.")
                .doesNotContain("Started ChatServerApplication");
        assertNoStackTrace(output);
    }

    @Test
    void aMisspeltEnvironmentVariableIsWarnedOfAndStartUpGoesOn(CapturedOutput output) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new HashMap<>(environment.getSystemEnvironment());
        variables.put("CHAT_STORAGE_TYP", "s3");
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(ChatServerApplication.class)
                .environment(environment)
                .run("--server.port=0", "--chat.security.bcrypt-cost=4", "--chat.data-dir=" + dataDir)) {
            assertThat(output.getAll()).contains("WARN").contains("Environment variable CHAT_STORAGE_TYP is no "
                    + "setting of this server and is ignored: did you mean CHAT_STORAGE_TYPE?");
        }
    }

    @Test
    void theDefaultProfileNamedOutrightStartsTheEmbeddedDefault() throws Exception {
        try (ConfigurableApplicationContext context = start("spring.profiles.active=default",
                "chat.data-dir=" + dataDir)) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("default");
        }
    }

    @Test
    void anAdapterTypeNobodyKnowsStopsStartUpNamingItsChoices(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.fanout.type=bogus"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.fanout.type must be one of local, redis, not 'bogus'");
        assertNoStackTrace(output);
    }

    /** Spring would take {@code on} or {@code yes}, and refuse anything else naming a type conversion. */
    @Test
    void anAccessLogSwitchThatIsNeitherTrueNorFalseStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.access-log.enabled=sometimes"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.access-log.enabled must be one of true, false, not 'sometimes'");
        assertNoStackTrace(output);
    }

    @Test
    void aDataDirectoryThatIsAFileStopsStartUpSayingSo(CapturedOutput output) throws IOException {
        Path file = Files.writeString(dataDir.resolve("not-a-folder"), "");
        assertThatThrownBy(() -> start("chat.data-dir=" + file)).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.data-dir " + file + " is a file, not a folder")
                .doesNotContain("FileAlreadyExistsException");
        assertNoStackTrace(output);
    }

    @Test
    void aManagementPortInUseStopsStartUpNamingItsSetting(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "management.server.port=" + taken.getLocalPort()))
                    .isInstanceOf(RuntimeException.class);
            assertThat(output.getAll())
                    .contains("Port " + taken.getLocalPort() + " (management.server.port) is already in use")
                    .contains("or set management.server.port (environment variable MANAGEMENT_SERVER_PORT) to a free port");
        }
        assertNoStackTrace(output);
    }

    @Test
    void aNegativeFreeDiskThresholdStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.health.min-free-disk=-1MB"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.health.min-free-disk must not be negative, not -1048576B");
        assertNoStackTrace(output);
    }

    @Test
    void aNegativeUnreadIntervalStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.websocket.unread-interval=-1s"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.websocket.unread-interval must be between 0 and 1m");
        assertNoStackTrace(output);
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenStopsStartUpNamingIt(CapturedOutput output) throws Exception {
        // a file where a folder should be; a read-only mount, which needs root, is the resilience tests' case
        Path inTheWay = Files.writeString(dataDir.resolve("in-the-way"), "not a folder");
        Path wanted = inTheWay.resolve("data");

        assertThatThrownBy(() -> start("chat.data-dir=" + wanted)).hasStackTraceContaining("chat.data-dir");

        String report = output.getAll();
        assertThat(report).containsPattern("chat\\.data-dir \\S*in-the-way/data cannot be written by user \\S+ \\(.+\\): ")
                .contains("CHAT_DATA_DIR");
        assertNoStackTrace(output);
    }

    @Test
    void aManagementPortThatIsTheApisStopsStartUpNamingBoth(CapturedOutput output) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> startWith("server.port=" + port, "management.server.port=" + port,
                "chat.data-dir=" + dataDir)).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).as("what an operator reads after MANAGEMENT_SERVER_PORT=SERVER_PORT")
                .contains("management.server.port is the API's port (server.port)")
                .contains("MANAGEMENT_SERVER_PORT");
        assertNoStackTrace(output);
    }

    /** A Redis that does not answer is most often down, not misaddressed: the advice says to check both. */
    @Test
    void aRedisThatDoesNotAnswerStopsStartUpAskingToCheckItOrItsUrl(CapturedOutput output) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db"),
                "chat.security.signing-key=" + "k".repeat(44), "chat.storage.type=fs",
                "chat.storage.fs.root=" + dataDir.resolve("files"),
                "chat.fanout.redis.url=redis://127.0.0.1:" + closed)).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.fanout.redis.url: cannot connect to Redis at")
                .contains("Check that it answers at that address, or correct chat.fanout.redis.url (environment "
                        + "variable CHAT_FANOUT_REDIS_URL), and start again.");
        assertNoStackTrace(output);
    }

    /** Nodes that each fell back to a Redis of their own on localhost would split without a word. */
    @Test
    void productionWithoutARedisUrlStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db"),
                "chat.security.signing-key=" + "k".repeat(44), "chat.storage.type=fs",
                "chat.storage.fs.root=" + dataDir.resolve("files"))).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.fanout.redis.url must be set").contains("CHAT_FANOUT_REDIS_URL");
        assertNoStackTrace(output);
    }

    /**
     * A setting found wrong after other parts started (Redis clients, the connection pool) is still reported as its
     * one sentence: not after a dozen warnings that the web application "appears to have started a thread" it did not
     * stop, each with that thread's stack, which is all a failed start leaves of those parts.
     */
    @Test
    void aSettingRefusedAfterRedisConnectedIsReportedWithoutWarningsOfThreadsLeftBehind(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db"),
                "chat.security.signing-key=" + "k".repeat(44), "chat.fanout.redis.url=" + testRedis(),
                "chat.fanout.redis.channel-prefix=chat-test-startup:", "chat.throttle.redis.key-prefix=chat-test-startup:",
                "chat.presence.redis.key-prefix=chat-test-startup:", "chat.storage.s3.bucket=chat-files"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("chat.storage.s3.region").doesNotContain("appears to have started a thread");
        assertNoStackTrace(output);
    }

    @Test
    void productionWithoutADatabaseUrlStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "chat.security.signing-key=" + "k".repeat(44), "chat.storage.type=fs",
                "chat.storage.fs.root=" + dataDir.resolve("files"))).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("spring.datasource.url must be set").contains("SPRING_DATASOURCE_URL");
        assertNoStackTrace(output);
    }

    @Test
    void aDatabaseUrlThatIsNoJdbcUrlStopsStartUpNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir,
                "spring.datasource.url=postgres://chat:secret@127.0.0.1:5432/chat")).isInstanceOf(RuntimeException.class);
        assertThat(output.getAll()).contains("spring.datasource.url must be a JDBC URL")
                .contains("SPRING_DATASOURCE_URL").doesNotContain("secret");
        assertNoStackTrace(output);
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsStartUpNamingTheSettingsAndTheReason(CapturedOutput output)
            throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/chat?password=secret",
                "spring.datasource.username=chat", "spring.datasource.hikari.connection-timeout=1000"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output.getAll())
                .contains("Could not connect to the database at jdbc:postgresql://127.0.0.1:" + closed + "/chat as chat")
                .contains("refused")
                .contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")
                .doesNotContain("secret")
                // the failure report is the one ERROR: not also Tomcat's, with the whole bean chain before it
                .doesNotContain("Error starting Tomcat context");
        assertNoStackTrace(output);
    }

    /** The Redis the tests use: {@code -Dchat.test.redis.url}, env {@code CHAT_TEST_REDIS_URL}, else the local one. */
    private static String testRedis() {
        String url = System.getProperty("chat.test.redis.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("CHAT_TEST_REDIS_URL");
        }
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
    }

    /** A stack trace in the build log reads like a failing test; in production it hides the one line that matters. */
    private static void assertNoStackTrace(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Caused by:")
                .doesNotContainPattern("\\\\tat [a-z]");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return startWith(Stream.concat(Stream.of("server.port=0"), Stream.of(properties)).toArray(String[]::new));
    }

    /** As {@link #start}, on the ports the properties give. */
    private static ConfigurableApplicationContext startWith(String... properties) {
        // as command-line arguments, so they win over the profile's files as an operator's would
        String[] args = Stream.concat(Stream.of("chat.security.bcrypt-cost=4"), Stream.of(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServerApplication.class).run(args);
    }
}
