package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The build's training run ({@code -Ptraining-run}) is only as good as its workload: these start the
 * server with the {@code training} profile in-process and check that it really signed up, posted
 * over WebSocket and received every copy, so a change to the API that breaks the workload breaks
 * here and not silently in a cache trained on error answers. The profile's own build step proves
 * the JVM writes the cache and starts with it (it requires the cache in a second run).
 */
@ExtendWith(OutputCaptureExtension.class)
class TrainingRunTest {

    @TempDir
    Path dataDir;

    @Test
    void theTrainingProfileTalksToItselfTheWayClientsDo() {
        try (ConfigurableApplicationContext context = start("spring.profiles.active=training",
                "chat.training-run.rounds=1")) {
            // ten users, each posting twenty messages that the nine others receive over WebSocket
            assertThat(context.getBean(TrainingRun.class).delivered()).isEqualTo(10 * 20 * 9);
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForObject("select count(*) from messages", Long.class)).isEqualTo(200L);
            assertThat(db.queryForObject("select count(*) from users", Long.class)).isEqualTo(10L);
        }
    }

    @Test
    void anOrdinaryStartRunsNoTraining() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeanProvider(TrainingRun.class).getIfAvailable()).isNull();
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForObject("select count(*) from users", Long.class)).isZero();
        }
    }

    @Test
    void aBadRoundCountStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=training", "chat.training-run.rounds=0"))
                .hasStackTraceContaining("chat.training-run.rounds");
        assertThat(output.getAll()).contains("chat.training-run.rounds must be at least 1, not 0")
                .doesNotContain("\tat ").doesNotContain("Caused by:");
    }

    private ConfigurableApplicationContext start(String... properties) {
        String[] args = Stream.concat(Stream.of("server.port=0", "management.server.port=0",
                        "chat.security.bcrypt-cost=4", "chat.data-dir=" + dataDir), Stream.of(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServerApplication.class).run(args);
    }
}
