package io.jenkins.plugins.stagedrollout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call whom in the plugin (CONTRIBUTING.md, "How the plugin is built"): the rollout model under everything,
 * the steps and the pages on top, no circle between packages, Stapler's requests only in the pages' faces, and the
 * core beneath free of Jenkins.
 */
class PluginArchitectureTest {

    private static final String PLUGIN = "io.jenkins.plugins.stagedrollout";
    /** Stapler's request, response and its current-request lookup; its annotations are fine anywhere. */
    private static final String REQUESTS =
            "org\\.kohsuke\\.stapler\\.(Stapler|StaplerRequest2?|StaplerResponse2?|HttpResponses?)";

    private static JavaClasses plugin;
    private static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        plugin = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/stagedrollout/core/"))
                .importPackages(PLUGIN);
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PLUGIN + ".core");
    }

    @Test
    void noCircleBetweenThePluginsPackages() {
        slices().matching(PLUGIN + ".(*)..").should().beFreeOfCycles().check(plugin);
    }

    @Test
    void nothingBelowTheStepsNamesAStep() {
        noClasses()
                .that()
                .resideOutsideOfPackage(PLUGIN + ".steps..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(PLUGIN + ".steps..")
                .because("steps use the model; a change reaches a waiting step through RolloutListener")
                .check(plugin);
    }

    @Test
    void onlyThePageItselfNamesTheRolloutPage() {
        noClasses()
                .that()
                .resideOutsideOfPackage(PLUGIN + ".action..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(PLUGIN + ".action..")
                .because("steps, the index and the mail reader talk to the model, BuildRollout")
                .check(plugin);
    }

    @Test
    void theModelKnowsNoPageNoStepAndNoStapler() {
        noClasses()
                .that()
                .resideInAPackage(PLUGIN + ".rollout..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.kohsuke.stapler..",
                        PLUGIN + ".action..",
                        PLUGIN + ".dashboard..",
                        PLUGIN + ".mailreply..",
                        PLUGIN + ".settlement..",
                        PLUGIN + ".steps..")
                .check(plugin);
    }

    @Test
    void requestsAndResponsesOnlyInThePagesFaces() {
        noClasses()
                .that()
                .resideOutsideOfPackages(PLUGIN + ".action..", PLUGIN + ".dashboard..", PLUGIN + ".config..")
                .should()
                .dependOnClassesThat()
                .haveNameMatching(REQUESTS)
                .because("the model, the steps, the mail reader and the agent callables are used without a request")
                .check(plugin);
    }

    @Test
    void theCoreBeneathImportsNothingOfJenkins() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("the core is built and tested where the Jenkins repository is out of reach")
                .check(core);
    }
}
