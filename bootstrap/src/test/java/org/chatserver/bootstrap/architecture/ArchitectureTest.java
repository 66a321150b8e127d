package org.chatserver.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the real production classes of every module (bootstrap's classpath holds them all), and
 * proves each rule can fail by running it over classes in {@code violations} that break it.
 */
class ArchitectureTest {

    private static final String ROOT = "org.chatserver";
    private static final String VIOLATIONS = "org.chatserver.bootstrap.architecture.violations";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::isNotATestJar)
            .importPackages(ROOT);

    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(VIOLATIONS);

    /** In a reactor build the modules arrive as jars; their test-jars hold fakes and contract tests, not production code. */
    private static boolean isNotATestJar(com.tngtech.archunit.core.importer.Location location) {
        return !location.contains("-tests.jar");
    }

    @Test
    void everyModuleIsPresent() {
        // a rule over an empty set passes vacuously: make sure the import really saw the code
        Stream.of(".domain", ".application.port.in", ".application.port.out",
                        ".application.port.in.auth", ".application.port.in.user", ".application.port.in.room",
                        ".application.port.in.message", ".application.port.in.attachment",
                        ".application.port.out.auth", ".application.port.out.user", ".application.port.out.room",
                        ".application.port.out.message", ".application.port.out.attachment",
                        ".application.service.auth", ".application.service.user", ".application.service.room",
                        ".application.service.message", ".application.service.attachment",
                        ".adapter.rest", ".adapter.security", ".adapter.persistence", ".adapter.storage.fs",
                        ".adapter.storage.s3", ".adapter.websocket", ".adapter.fanout.local", ".adapter.fanout.redis",
                        ".adapter.throttle.local", ".adapter.throttle.redis",
                        ".adapter.media", ".adapter.wire",
                        ".bootstrap")
                .forEach(pkg -> assertThat(PRODUCTION.containPackage(ROOT + pkg)).as(pkg).isTrue());
    }

    static Stream<Arguments> rules() {
        return Stream.<Function<String, ArchRule>>of(
                        ArchitectureRules::domainDependsOnlyOnTheJdk,
                        ArchitectureRules::applicationDependsOnlyOnDomainAndJdk,
                        ArchitectureRules::adaptersDoNotDependOnEachOther,
                        ArchitectureRules::wireShapesDependOnTheCoreAndAnnotationsOnly,
                        ArchitectureRules::adaptersUsePortsNotServices,
                        ArchitectureRules::inPortsDoNotDependOnOutPorts,
                        ArchitectureRules::portsDoNotDependOnServices,
                        ArchitectureRules::onlyBootstrapSeesBootstrap)
                .map(rule -> Arguments.of(rule.apply(ROOT).getDescription(), rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holdsForTheRealCode(String description, Function<String, ArchRule> rule) {
        rule.apply(ROOT).check(PRODUCTION);
    }

    @ParameterizedTest(name = "{0} can fail")
    @MethodSource("rules")
    void failsOnADeliberateViolation(String description, Function<String, ArchRule> rule) {
        EvaluationResult result = rule.apply(VIOLATIONS).evaluate(BROKEN);

        assertThat(result.hasViolation()).as("rule '%s' caught its violation", description).isTrue();
    }

    @Test
    void adaptersMayShareTheWireShapes() {
        JavaClasses sharing = new ClassFileImporter().importPackages(VIOLATIONS + ".adapter.three",
                VIOLATIONS + ".adapter.wire");

        EvaluationResult result = ArchitectureRules.adaptersDoNotDependOnEachOther(VIOLATIONS).evaluate(sharing);

        assertThat(result.hasViolation()).as("an adapter using the shared wire shapes is no violation").isFalse();
    }

    @Test
    void adaptersOfOneFamilyCountAsSeparateModules() {
        JavaClasses storageOnly = new ClassFileImporter().importPackages(VIOLATIONS + ".adapter.storage");

        EvaluationResult result = ArchitectureRules.adaptersDoNotDependOnEachOther(VIOLATIONS).evaluate(storageOnly);

        assertThat(result.hasViolation()).as("s3 leaning on fs is caught").isTrue();
    }
}
