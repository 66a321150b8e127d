package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What an operator sees when starting the server. */
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
    void productionRefusesToStartWithoutASigningKey() {
        assertThatThrownBy(() -> start("spring.profiles.active=production", "chat.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("chat.db"),
                "chat.storage.type=fs", "chat.storage.fs.root=" + dataDir.resolve("files")))
                .hasStackTraceContaining("chat.security.signing-key");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBadSettingStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("chat.data-dir=" + dataDir, "chat.auth.username-free-failures=0"))
                .isInstanceOf(RuntimeException.class);
        // what the operator reads: Boot's failure report names the property and its value
        assertThat(output.getAll()).containsAnyOf("chat.auth.username-free-failures", "chat.auth.usernameFreeFailures")
                .contains("must be greater than or equal to 1");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        // as command-line arguments, so they win over the profile's files as an operator's would
        String[] args = Stream.concat(Stream.of("server.port=0", "chat.security.bcrypt-cost=4"), Stream.of(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServerApplication.class).run(args);
    }
}
