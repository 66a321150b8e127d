package org.chatserver.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * <p>The environment's variables are not refused, since variables named {@code CHAT_*} that are no setting are
 * common there (Kubernetes gives every pod {@code CHAT_SERVICE_HOST} and {@code CHAT_PORT} for a service named chat):
 * one that is a letter or two from a setting's variable is warned of instead ({@code CHAT_STORAGE_TYP}). Names under
 * {@code chat.test} are the test suite's own (DEVELOPERS.md) and are not checked.
 */
public final class UnknownSettingCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final ConfigurationPropertyName CHAT = ConfigurationPropertyName.of("chat");
    private static final ConfigurationPropertyName TESTS = ConfigurationPropertyName.of("chat.test");
    /** A known name this close to an unknown one (in single-character edits) is offered as what was meant. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;
    /** An unknown variable this close to a setting's is warned of; farther ones are taken for others' variables. */
    private static final int MAX_VARIABLE_DISTANCE = 2;
    private static final String VARIABLES = "CHAT_";
    private static final String TEST_VARIABLES = "CHAT_TEST_";

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
        // logging is set up by now: Spring Boot's listener for this event comes first
        Log log = LogFactory.getLog(UnknownSettingCheck.class);
        misspeltVariables(event.getEnvironment(), known).forEach(log::warn);
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

    /**
     * Each {@code CHAT_*} environment variable that is no setting's but a letter or two from one, said as a warning: it
     * is ignored, and the setting it was meant for keeps its default.
     */
    static List<String> misspeltVariables(ConfigurableEnvironment environment, Set<ConfigurationPropertyName> known) {
        // as Spring binds them: chat.data-dir is CHAT_DATADIR or CHAT_DATA_DIR, a list's or a map's entries below it
        Map<String, String> variables = new LinkedHashMap<>();
        for (ConfigurationPropertyName name : known) {
            String underscored = SettingFailureAnalyzer.environmentName(name.toString());
            variables.put(underscored, underscored);
            variables.put(name.toString().replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT), underscored);
        }
        List<String> warnings = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof SystemEnvironmentPropertySource enumerable)) {
                continue;
            }
            for (String written : enumerable.getPropertyNames()) {
                String variable = written.toUpperCase(Locale.ROOT);
                if (!variable.startsWith(VARIABLES) || variable.startsWith(TEST_VARIABLES)
                        || variables.keySet().stream().anyMatch(v -> variable.equals(v) || variable.startsWith(v + "_"))) {
                    continue;
                }
                closest(variable, variables, MAX_VARIABLE_DISTANCE).ifPresent(meant -> warnings.add("Environment "
                        + "variable " + written + " is no setting of this server and is ignored: did you mean " + meant
                        + "?"));
            }
        }
        return warnings;
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
        Map<String, String> names = new HashMap<>();
        known.forEach(k -> names.put(k.toString(), k.toString()));
        return closest(name.toString().toLowerCase(Locale.ROOT), names, MAX_SUGGESTION_DISTANCE);
    }

    /**
     * What was probably meant by {@code written}: of the forms a known name is written in (each mapped to the name as
     * it is shown), the one fewest edits away, at most {@code maxDistance}, the first shown name of those as close.
     */
    private static Optional<String> closest(String written, Map<String, String> shownByForm, int maxDistance) {
        return shownByForm.entrySet().stream()
                .map(form -> Map.entry(form.getValue(), distance(written, form.getKey())))
                .filter(e -> e.getValue() <= maxDistance)
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
