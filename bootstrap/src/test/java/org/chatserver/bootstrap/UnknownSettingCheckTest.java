package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Which {@code chat.*} settings start-up refuses as unknown: a misspelt one, said with where it was written and
 * what was probably meant; never one the server reads, in any of the forms Spring binds, nor an environment
 * variable.
 */
class UnknownSettingCheckTest {

    private static final Set<ConfigurationPropertyName> KNOWN =
            UnknownSettingCheck.described(UnknownSettingCheckTest.class.getClassLoader());

    @TempDir
    Path folder;

    @Test
    void everyModulesSettingsAreDescribedIncludingTheAdapterChoices() {
        assertThat(KNOWN).extracting(ConfigurationPropertyName::toString).contains(
                "chat.data-dir", "chat.uploads.max-file-size", "chat.messages.max-batch", "chat.shutdown.drain",
                "chat.storage.s3.bucket", "chat.storage.fs.root", "chat.security.signing-key",
                "chat.fanout.redis.url", "chat.presence.redis.url", "chat.throttle.redis.url",
                "chat.notifications.webhook.url", "chat.media.max-pixels", "chat.websocket.frames-per-second",
                "chat.http.max-json-body", "chat.http.trusted-proxies", "chat.training-run.enabled");
        assertThat(KNOWN).extracting(ConfigurationPropertyName::toString)
                .containsAll(SettingChoicesCheck.TYPES.keySet());
    }

    @Test
    void aMisspeltSettingIsNamedWithWhereItWasWrittenAndWhatWasMeant() {
        StandardEnvironment environment = environment(new SimpleCommandLinePropertySource(
                "--chat.storage.typ=s3", "--chat.data-dir=/var/lib/chat"));

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN))
                .containsExactly("chat.storage.typ (command line; did you mean chat.storage.type?)");
    }

    @Test
    void aSettingInAFileIsNamedWithTheFileAndLine() throws IOException {
        Path file = Files.writeString(folder.resolve("application-production.yml"), """
                chat:
                  storage:
                    type: s3
                    s3:
                      bukket: photos
                """);
        StandardEnvironment environment = environment(new YamlPropertySourceLoader()
                .load("Config resource 'file [application-production.yml]'", new FileSystemResource(file)).getFirst());

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN)).singleElement().asString()
                .startsWith("chat.storage.s3.bukket (")
                .contains(file.getFileName() + "] - 5:15")
                .endsWith("did you mean chat.storage.s3.bucket?)");
    }

    @Test
    void aNameFarFromEveryKnownOneIsRefusedWithoutAGuess() {
        StandardEnvironment environment = environment(new MapPropertySource("systemProperties",
                Map.of("chat.completely.different", "1")));

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN))
                .containsExactly("chat.completely.different (Java system property)");
    }

    @Test
    void everyFormSpringBindsIsKnownAsAreListIndexesAndGroups() {
        StandardEnvironment environment = environment(new MapPropertySource("inlined", Map.of(
                "chat.uploads.maxFileSize", "5MB",
                "chat.uploads.max_file_size", "5MB",
                "chat.uploads.allowed-types[0]", "image/png",
                "chat.http.trusted-proxies[1]", "10.0.0.0/8",
                "chat.storage", "",
                "other.library.setting", "1")));

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN)).isEmpty();
    }

    @Test
    void environmentVariablesAndTheTestSuitesOwnNamesAreLeftAlone() {
        StandardEnvironment environment = environment(
                new SystemEnvironmentPropertySource("systemEnvironment",
                        Map.of("CHAT_SERVICE_HOST", "10.0.0.7", "CHAT_PORT", "tcp://10.0.0.7:80")),
                new MapPropertySource("systemProperties", Map.of("chat.test.postgres.url", "jdbc:postgresql://x/y")));

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN)).isEmpty();
    }

    @Test
    void aVariableALetterOrTwoFromASettingsIsWarnedOfAndOthersVariablesAreNot() {
        StandardEnvironment environment = environment(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "CHAT_STORAGE_TYP", "s3",
                "CHAT_STORAGE_S3_ACCESS_KY", "k",
                "CHAT_DATA_DIR", "/var/lib/chat",
                "CHAT_STORAGE_S3_SECRETKEY", "s",
                "CHAT_HTTP_TRUSTED_PROXIES_0", "10.0.0.0/8",
                "CHAT_SERVICE_HOST", "10.0.0.7",
                "CHAT_PORT_80_TCP_ADDR", "10.0.0.7",
                "CHAT_TEST_POSTGRES_URL", "jdbc:postgresql://x/y")));

        assertThat(UnknownSettingCheck.misspeltVariables(environment, KNOWN)).containsExactlyInAnyOrder(
                "Environment variable CHAT_STORAGE_TYP is no setting of this server and is ignored: did you mean "
                        + "CHAT_STORAGE_TYPE?",
                "Environment variable CHAT_STORAGE_S3_ACCESS_KY is no setting of this server and is ignored: did you "
                        + "mean CHAT_STORAGE_S3_ACCESS_KEY?");
    }

    @Test
    void withNoDescriptionOnTheClassPathNothingIsRefused() {
        StandardEnvironment environment = environment(new SimpleCommandLinePropertySource("--chat.anything=1"));

        assertThat(UnknownSettingCheck.unknown(environment, Set.of())).isEmpty();
    }

    @Test
    void aNameSetInSeveralPlacesIsSaidOnceFromTheOneInEffect() {
        StandardEnvironment environment = environment(
                new SimpleCommandLinePropertySource("--chat.storage.typ=s3"),
                new MapPropertySource("systemProperties", Map.of("chat.storage.typ", "fs")));

        assertThat(UnknownSettingCheck.unknown(environment, KNOWN))
                .containsExactly("chat.storage.typ (command line; did you mean chat.storage.type?)");
    }

    private static StandardEnvironment environment(org.springframework.core.env.PropertySource<?>... sources) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().forEach(s -> environment.getPropertySources().remove(s.getName()));
        List.of(sources).forEach(environment.getPropertySources()::addLast);
        return environment;
    }
}
