package org.chatserver.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before any bean is made, a {@code chat.*} setting that no part of the server reads: a misspelt name
 * ({@code chat.storage.typ=s3}) was ignored without a word, and the node ran on the default it was meant to replace.
 *
 * <p>The names the server reads are those every jar describes in {@value #METADATA}: Spring Boot's configuration
 * processor writes them from each module's {@code @ConfigurationProperties}, and bootstrap's
 * {@code additional-spring-configuration-metadata.json} adds the few read otherwise (the adapters' {@code type}s).
 * A name is compared as Spring binds it ({@code accessKey}, {@code access_key} and {@code access-key} are one); a
 * name below a map's or list's setting is that setting's.
 *
 * <p>Not checked: the environment's variables, since variables named {@code CHAT_*} that are no setting are common
 * there (Kubernetes gives every pod {@code CHAT_SERVICE_HOST} and {@code CHAT_PORT} for a service named chat) and a
 * misspelt one cannot be told from them; and {@code chat.test.*}, the test suite's own (DEVELOPERS.md).
 */
public final class UnknownSettingCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final ConfigurationPropertyName CHAT = ConfigurationPropertyName.of("chat");
    private static final ConfigurationPropertyName TESTS = ConfigurationPropertyName.of("chat.test");
    /** A known name this close to an unknown one (in single-character edits) is offered as what was meant. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    /** Start-up refused: {@code chat.*} settings that no part of the server reads, each with where it was set. */
    static final class UnknownSettings extends IllegalStateException {

        UnknownSettings(List<String> settings) {
            super((settings.size() == 1 ? "A setting" : settings.size() + " settings")
                    + " this server does not know: " + String.join("; ", settings));
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Set<ConfigurationPropertyName> known = described(event.getSpringApplication().getClassLoader());
        List<String> unknown = unknown(event.getEnvironment(), known);
        if (!unknown.isEmpty()) {
            throw new UnknownSettings(unknown);
        }
    }

    /** Every {@code chat.*} name the jars on the class path describe; empty when none does (then nothing is refused). */
    static Set<ConfigurationPropertyName> described(ClassLoader classLoader) {
        Set<ConfigurationPropertyName> names = new HashSet<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                        ConfigurationPropertyName name = ConfigurationPropertyName.of(property.path("name").asString());
                        if (CHAT.isAncestorOf(name)) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + METADATA + " from the class path", e);
        }
        return names;
    }

    /** Each {@code chat.*} setting that none of {@code known} reads, as it was written and where, with a guess. */
    static List<String> unknown(ConfigurableEnvironment environment, Set<ConfigurationPropertyName> known) {
        if (known.isEmpty()) {
            return List.of();
        }
        // the first source of a name is the one in effect: a name set in several places is said once, from there
        Map<ConfigurationPropertyName, String> found = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String written : enumerable.getPropertyNames()) {
                ConfigurationPropertyName name = ConfigurationPropertyName.adapt(written, '.');
                if (CHAT.isAncestorOf(name) && !TESTS.isAncestorOf(name) && !TESTS.equals(name)
                        && !reads(known, name)) {
                    found.putIfAbsent(name, written + " (" + where(source, written)
                            + suggestion(known, name).map(s -> "; did you mean " + s + "?").orElse("") + ")");
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Whether a described setting reads the name: itself, one below it (a map's key, a list's index), or a group of them. */
    private static boolean reads(Set<ConfigurationPropertyName> known, ConfigurationPropertyName name) {
        return known.stream().anyMatch(k -> k.equals(name) || k.isAncestorOf(name) || name.isAncestorOf(k));
    }

    private static String where(PropertySource<?> source, String written) {
        Origin origin = OriginLookup.getOrigin(source, written);
        if (origin != null) {
            return origin.toString();
        }
        if (source instanceof CommandLinePropertySource) {
            return "command line";
        }
        if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
            return "Java system property";
        }
        return source.getName();
    }

    private static Optional<String> suggestion(Set<ConfigurationPropertyName> known, ConfigurationPropertyName name) {
        String written = name.toString().toLowerCase(Locale.ROOT);
        return known.stream()
                .map(ConfigurationPropertyName::toString)
                .map(k -> Map.entry(k, distance(written, k)))
                .filter(e -> e.getValue() <= MAX_SUGGESTION_DISTANCE)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** Single-character insertions, deletions and substitutions that turn one name into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
