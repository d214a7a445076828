package io.jenkins.plugins.stagedrollout.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's rooms and who may call whom, read bottom to top (docs in CONTRIBUTING.md): the ground packages use no
 * other, each package only those below it, and nothing of Jenkins anywhere, so that the core builds and is tested
 * where the Jenkins repository is out of reach and runs unchanged on any agent.
 */
class CoreArchitectureTest {

    private static final String CORE = "io.jenkins.plugins.stagedrollout.core";

    /** Each package and the packages it may use; a package not listed here fails the test until it is placed. */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("closure", Set.of());
        MAY_USE.put("schedule", Set.of());
        MAY_USE.put("release", Set.of());
        MAY_USE.put("repo", Set.of("closure"));
        MAY_USE.put("team", Set.of("release"));
        MAY_USE.put("cli", Set.of("repo", "closure"));
        MAY_USE.put("report", Set.of("release", "team"));
        MAY_USE.put("install", Set.of("release", "repo"));
        MAY_USE.put("notify", Set.of("release", "team", "install"));
        MAY_USE.put("rollout", Set.of("release", "team", "schedule", "report", "notify"));
        MAY_USE.put("mailreply", Set.of("release", "team", "notify", "rollout"));
    }

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void everyPackageHasItsPlaceInTheTable() {
        Set<String> packages = core.stream()
                .map(c -> c.getPackageName().substring(CORE.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(MAY_USE.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        for (Map.Entry<String, Set<String>> room : MAY_USE.entrySet()) {
            String[] others = MAY_USE.keySet().stream()
                    .filter(p -> !p.equals(room.getKey()) && !room.getValue().contains(p))
                    .map(p -> CORE + "." + p + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(CORE + "." + room.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because(room.getKey() + " may use only " + room.getValue())
                    .check(core);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void noJenkinsClassAnywhere() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("the core builds without the Jenkins repository and runs on any agent")
                .check(core);
    }
}
