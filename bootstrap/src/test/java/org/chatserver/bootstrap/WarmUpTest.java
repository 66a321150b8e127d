package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code chat.warm-up.rounds}: before the node reports ready, a throwaway copy of the server in the same
 * JVM serves the training workload. What an operator would notice if it went wrong: a node that reports
 * ready before it is warm, warm-up users or messages in the real database, an operator's setting (here
 * the database URL as a system property, and a log level) taken over by the throwaway server, files
 * left in the temporary folder, or a node that never gets ready because its warm-up failed.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmUpTest {

    /**
     * application.yml sets it to error. A logger the warm-up's workload gives nothing to log (it sends no wrong
     * method): Tomcat's request parser, at debug, printed a stack trace for each connection the workload closed.
     */
    private static final String CLIENT_ERRORS = "org.springframework.web.servlet.PageNotFound";

    @TempDir
    Path dataDir;

    @Test
    void theNodeIsReadyOnlyAfterAThrowawayServerServedTheWorkloadAndNothingOfItIsLeft(CapturedOutput output) {
        // an operator's database as a system property: the throwaway server must not see it
        String databaseUrl = "jdbc:sqlite:" + dataDir.resolve("chat.db") + "?foreign_keys=true";
        String before = System.setProperty("spring.datasource.url", databaseUrl);
        // and one the throwaway server has no setting of its own for: its workload would find nothing at /health
        String contextPathBefore = System.setProperty("server.servlet.context-path", "/operator");
        AtomicInteger deliveredWhenReady = new AtomicInteger(-1);
        try (ConfigurableApplicationContext context = start(readiness(deliveredWhenReady),
                "chat.warm-up.rounds=1",
                // an operator's log level where application.yml has another: the throwaway server must not reset it
                "logging.level." + CLIENT_ERRORS + "=debug")) {
            WarmUp warmUp = context.getBean(WarmUp.class);
            // thirty users, each posting twenty messages that the twenty-nine others receive
            int everyCopy = WarmUp.ROOM_SIZE * WarmUp.MESSAGES_PER_USER * (WarmUp.ROOM_SIZE - 1);
            assertThat(warmUp.delivered()).as("messages the throwaway server delivered").isEqualTo(everyCopy);
            assertThat(deliveredWhenReady).as("the warm-up had finished when readiness went up").hasValue(everyCopy);

            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForObject("select count(*) from users", Long.class))
                    .as("users in the real database").isZero();
            assertThat(db.queryForObject("select count(*) from messages", Long.class))
                    .as("messages in the real database").isZero();
            assertThat(warmUp.lastDataDirectory()).as("the throwaway server's data directory").isNotNull();
            assertThat(Files.exists(warmUp.lastDataDirectory())).as("the throwaway data directory is deleted").isFalse();
        } finally {
            restore("spring.datasource.url", before);
            restore("server.servlet.context-path", contextPathBefore);
        }
        assertThat(LoggerFactory.getLogger(CLIENT_ERRORS).isDebugEnabled())
                .as("the operator's log level after the warm-up").isTrue();
        assertThat(output.getAll()).as("the node's log after the throwaway server closed").contains("Warm-up done in");
    }

    @Test
    void aWarmUpWhoseWorkloadFailsIsOneLineInTheLog(CapturedOutput output) {
        // a throwaway server that serves nothing where clients look for it: the workload's first request fails
        WarmUp warmUp = new WarmUp(1, List.of("server.servlet.context-path=/elsewhere"));
        warmUp.run(null);
        assertThat(warmUp.delivered()).isZero();
        assertThat(linesFrom("Warm-up failed after", output))
                .startsWith("Warm-up failed after")
                .contains("reporting ready without it: chat.warm-up: the workload's GET /health answered 404 instead of 200")
                .doesNotContain("\tat ");
        assertThat(Files.exists(warmUp.lastDataDirectory())).as("the throwaway data directory is deleted").isFalse();
    }

    @Test
    void aThrowawayServerThatCannotStartIsOneLineInTheLogNotAFailedNode(CapturedOutput output) {
        WarmUp warmUp = new WarmUp(1, List.of("chat.data-dir=/proc/no-warm-up-here"));
        warmUp.run(null);
        assertThat(warmUp.delivered()).isZero();
        assertThat(linesFrom("Warm-up failed after", output))
                .contains("reporting ready without it: chat.data-dir")
                .doesNotContain("\tat ");
        assertThat(output.getAll()).as("Spring Boot's report of a node that failed to start")
                .doesNotContain("APPLICATION FAILED TO START").doesNotContain("Application run failed");
        assertThat(Files.exists(warmUp.lastDataDirectory())).as("the throwaway data directory is deleted").isFalse();
    }

    @Test
    void noWarmUpUnlessRoundsAreSet(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(event -> { })) {
            assertThat(context.getBean(WarmUp.class).lastDataDirectory()).as("no throwaway server started").isNull();
        }
        try (ConfigurableApplicationContext context = start(event -> { }, "chat.warm-up.rounds=0")) {
            assertThat(context.getBean(WarmUp.class).lastDataDirectory()).as("no throwaway server started").isNull();
        }
        assertThat(output.getAll()).doesNotContain("Warm-up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "21", "three"})
    void aRoundCountOutOfRangeStopsStartUpNamingTheProperty(String rounds, CapturedOutput output) {
        assertThatThrownBy(() -> start(event -> { }, "chat.warm-up.rounds=" + rounds))
                .hasStackTraceContaining("chat.warm-up.rounds");
        assertThat(linesFrom("APPLICATION FAILED TO START", output)).contains("chat.warm-up.rounds")
                .doesNotContain("\tat ");
    }

    /** The captured output from the first line containing {@code text} on (empty if none does). */
    private static String linesFrom(String text, CapturedOutput output) {
        String all = output.getAll();
        int at = all.indexOf(text);
        return at < 0 ? "" : all.substring(at);
    }

    /** Notes, when readiness goes up, how many messages the warm-up had delivered by then. */
    private static ApplicationListener<ApplicationEvent> readiness(AtomicInteger deliveredWhenReady) {
        return event -> {
            if (event instanceof AvailabilityChangeEvent<?> change && change.getState() == ReadinessState.ACCEPTING_TRAFFIC
                    && event.getSource() instanceof ApplicationContext context) {
                deliveredWhenReady.set(context.getBean(WarmUp.class).delivered());
            }
        };
    }

    private ConfigurableApplicationContext start(ApplicationListener<ApplicationEvent> listener,
                                                 String... properties) {
        String[] args = Stream.concat(Stream.of("server.port=0", "management.server.port=0",
                        "chat.security.bcrypt-cost=4", "chat.data-dir=" + dataDir), Stream.of(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServerApplication.class).listeners(listener).run(args);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
