package org.chatserver.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The hexagon's rules, for any root package, so that each can be run against a deliberate
 * violation as well as against the real code.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static ArchRule domainDependsOnlyOnTheJdk(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .as("the domain depends on java.* only");
    }

    static ArchRule applicationDependsOnlyOnDomainAndJdk(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", root + ".domain..", root + ".application..")
                .as("the application depends on the domain and java.* only");
    }

    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().assignedFrom(adapterModules(root))
                .should().notDependOnEachOther()
                .as("adapters do not depend on each other");
    }

    /**
     * {@code adapter.wire} holds the JSON shapes that REST and WebSocket both send: a library the
     * inbound adapters share, not an adapter, so it may lean on nothing but the core's values and
     * in-port records, the failures the out-ports declare (to tell a client which of them it met) and
     * the annotations that describe JSON.
     */
    static ArchRule wireShapesDependOnTheCoreAndAnnotationsOnly(String root) {
        DescribedPredicate<JavaClass> portFailures = JavaClass.Predicates.resideInAPackage(root + ".application.port.out..")
                .and(JavaClass.Predicates.assignableTo(RuntimeException.class))
                .as("a failure an out-port declares");
        return classes().that().resideInAPackage(root + ".adapter." + SHARED_WIRE + "..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..", root + ".domain..",
                        root + ".application.port.in..", root + ".adapter." + SHARED_WIRE + "..",
                        "com.fasterxml.jackson.annotation..", "io.swagger.v3.oas.annotations..").or(portFailures))
                .as("the shared wire shapes depend on the core, the ports' failures and JSON annotations only");
    }

    /**
     * One slice per adapter module. Most are {@code adapter.<name>}; the families of
     * interchangeable adapters are {@code adapter.<family>.<name>} ({@code storage.fs},
     * {@code storage.s3}, {@code fanout.local}, {@code fanout.redis}, {@code throttle.local},
     * {@code throttle.redis}, {@code presence.local}, {@code presence.redis}, {@code notification.webhook}), and those must not lean on
     * each other either.
     */
    private static SliceAssignment adapterModules(String root) {
        String prefix = root + ".adapter.";
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (!pkg.startsWith(prefix)) {
                    return SliceIdentifier.ignore();
                }
                String[] parts = pkg.substring(prefix.length()).split("\\.");
                if (parts[0].equals(SHARED_WIRE)) {
                    // the shared wire shapes: see wireShapesDependOnTheCoreAndAnnotationsOnly
                    return SliceIdentifier.ignore();
                }
                boolean family = FAMILIES.contains(parts[0]) && parts.length > 1;
                return SliceIdentifier.of(family ? parts[0] + "." + parts[1] : parts[0]);
            }

            @Override
            public String getDescription() {
                return "adapter modules under " + prefix;
            }
        };
    }

    private static final java.util.Set<String> FAMILIES = java.util.Set.of("storage", "fanout", "throttle", "presence", "notification");
    private static final String SHARED_WIRE = "wire";

    static ArchRule adaptersUsePortsNotServices(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.service..")
                .as("adapters use ports, never the services behind them");
    }

    /**
     * A use case speaks domain values and the records of its own port: what the core needs from
     * the outside world is the service's business, not its callers'.
     */
    static ArchRule inPortsDoNotDependOnOutPorts(String root) {
        return noClasses().that().resideInAPackage(root + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.port.out..")
                .as("in-ports do not depend on out-ports");
    }

    static ArchRule portsDoNotDependOnServices(String root) {
        return noClasses().that().resideInAPackage(root + ".application.port..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.service..")
                .as("ports do not depend on the services that implement or use them");
    }

    static ArchRule onlyBootstrapSeesBootstrap(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
                .as("nothing but bootstrap depends on bootstrap");
    }

    static List<ArchRule> all(String root) {
        return List.of(domainDependsOnlyOnTheJdk(root), applicationDependsOnlyOnDomainAndJdk(root),
                adaptersDoNotDependOnEachOther(root), wireShapesDependOnTheCoreAndAnnotationsOnly(root),
                adaptersUsePortsNotServices(root),
                inPortsDoNotDependOnOutPorts(root), portsDoNotDependOnServices(root), onlyBootstrapSeesBootstrap(root));
    }
}
