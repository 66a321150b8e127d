package org.chatserver.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Refuses, before any bean is made, a setting that chooses among a few values when it names none of them, with one
 * sentence naming the setting and its choices:
 * <ul>
 * <li>a {@code chat.*.type} that {@link AdapterWiring} does not know ({@code chat.fanout.type=bogus} otherwise failed
 * deep in the start, naming a missing bean and no property);</li>
 * <li>a switch ({@link #SWITCHES}) that is neither {@code true} nor {@code false};</li>
 * <li>an active profile that no configuration file defines: a misspelt {@code production} ("prodution") otherwise
 * started the embedded default without a word, on its own memory for fan-out and presence and its own folder for
 * files, beside nodes that share Redis and S3.</li>
 * </ul>
 */
public final class SettingChoicesCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String PROFILES = "spring.profiles.active";

    /** Each {@code chat.*.type} and the values {@link AdapterWiring}'s conditions know (SettingChoicesCheckTest keeps them in step). */
    static final Map<String, List<String>> TYPES = Map.of(
            "chat.fanout.type", List.of("local", "redis"),
            "chat.storage.type", List.of("fs", "s3"),
            "chat.presence.type", List.of("local", "redis"),
            "chat.notifications.type", List.of("none", "webhook"),
            "chat.throttle.type", List.of("local", "redis"));

    /**
     * Settings that turn something on or off, said as {@code true} or {@code false}: Spring would also take {@code on},
     * {@code yes} or {@code 1}, and refuse anything else naming a type conversion rather than the choices.
     */
    static final List<String> SWITCHES = List.of("chat.access-log.enabled");
    private static final List<String> ON_OFF = List.of("true", "false");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        TYPES.forEach((property, choices) -> checkType(property, environment.getProperty(property), choices));
        SWITCHES.forEach(property -> checkType(property, environment.getProperty(property), ON_OFF));
        checkProfiles(environment);
    }

    static void checkType(String property, String value, List<String> choices) {
        // as the conditions compare: "Redis" chooses redis
        if (value != null && choices.stream().noneMatch(choice -> choice.equalsIgnoreCase(value.strip()))) {
            throw new IllegalStateException(property + " must be one of " + String.join(", ", choices) + ", not '"
                    + value + "'");
        }
    }

    private static void checkProfiles(ConfigurableEnvironment environment) {
        List<String> sources = StreamSupport.stream(environment.getPropertySources().spliterator(), false)
                .map(PropertySource::getName).toList();
        String[] configNames = environment.getProperty("spring.config.name", "application").split(",");
        List<String> undefined = new ArrayList<>();
        for (String profile : environment.getActiveProfiles()) {
            // "default" is Spring's name for no profile at all: the embedded default, which needs no file of its own
            if (!profile.equals("default") && !definedByAFile(profile, configNames, sources)) {
                undefined.add(profile);
            }
        }
        if (!undefined.isEmpty()) {
            throw new IllegalStateException(PROFILES + " names " + (undefined.size() == 1 ? "a profile" : "profiles")
                    + " that no configuration file defines: " + String.join(", ", undefined) + ". This server's "
                    + "profile is production (no profile is the embedded default); a profile of your own needs its "
                    + "file, e.g. application-" + undefined.getFirst().toLowerCase(Locale.ROOT)
                    + ".yml in ./config");
        }
    }

    /** Whether a file of the profile's own was loaded ("application-production.yml", from any location). */
    static boolean definedByAFile(String profile, String[] configNames, List<String> propertySourceNames) {
        Pattern file = Pattern.compile("[\\[/\\\\](?:" + String.join("|", Arrays.stream(configNames)
                .map(name -> Pattern.quote(name.strip())).toList()) + ")-" + Pattern.quote(profile)
                + "\\.(?:ya?ml|properties)\\b");
        return propertySourceNames.stream().anyMatch(name -> file.matcher(name).find());
    }
}
