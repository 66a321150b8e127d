package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

class SettingChoicesCheckTest {

    /** A type added to AdapterWiring and not to the check would be refused at start-up, whatever its value. */
    @Test
    void theChoicesAreExactlyTheOnesTheAdapterWiringKnows() {
        Map<String, TreeSet<String>> wired = new TreeMap<>();
        Stream.<AnnotatedElement>concat(Stream.of(AdapterWiring.class.getDeclaredClasses()),
                        Stream.of(AdapterWiring.class.getDeclaredMethods()))
                .map(element -> element.getAnnotation(ConditionalOnProperty.class))
                .filter(condition -> condition != null)
                .forEach(condition -> wired.computeIfAbsent(condition.name()[0], name -> new TreeSet<>())
                        .add(condition.havingValue()));
        Map<String, TreeSet<String>> checked = new TreeMap<>();
        SettingChoicesCheck.TYPES.forEach((property, choices) -> checked.put(property, new TreeSet<>(choices)));

        assertThat(checked).isEqualTo(wired);
    }

    @Test
    void aChoiceIsTakenAsTheConditionsTakeItAndAnythingElseIsRefused() {
        SettingChoicesCheck.checkType("chat.fanout.type", "Redis", List.of("local", "redis"));
        SettingChoicesCheck.checkType("chat.fanout.type", null, List.of("local", "redis"));
        assertThatThrownBy(() -> SettingChoicesCheck.checkType("chat.fanout.type", "", List.of("local", "redis")))
                .hasMessage("chat.fanout.type must be one of local, redis, not ''");
    }

    @Test
    void aProfileCountsAsDefinedOnlyByAFileOfItsOwnName() {
        List<String> loaded = List.of(
                "Config resource 'class path resource [application-production.yml]' via location 'optional:classpath:/'",
                "Config resource 'file [config/application-eu-west.properties]' via location 'optional:file:./config/'",
                "Config resource 'class path resource [application.yml]' via location 'optional:classpath:/'");
        String[] names = {"application"};

        assertThat(SettingChoicesCheck.definedByAFile("production", names, loaded)).isTrue();
        assertThat(SettingChoicesCheck.definedByAFile("eu-west", names, loaded)).isTrue();
        assertThat(SettingChoicesCheck.definedByAFile("prodution", names, loaded)).isFalse();
        assertThat(SettingChoicesCheck.definedByAFile("prod", names, loaded)).as("a prefix of a defined one").isFalse();
        assertThat(SettingChoicesCheck.definedByAFile("eu", names, loaded)).as("a prefix of a defined one").isFalse();
    }
}
