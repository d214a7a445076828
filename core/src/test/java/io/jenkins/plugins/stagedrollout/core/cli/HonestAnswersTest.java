package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25: what the tool answers at night when asked again, about what is missing, and what a snapshot holds. */
class HonestAnswersTest {

    private static final String[] TESTING = {"--stage", "testing", "--os", "el9", "--arch", "x86_64"};

    @TempDir
    Path root;

    @BeforeEach
    void packages() {
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.1", "1.el9", "noarch");
    }

    private CliRun cli(String... args) {
        return CliRun.at(root, args);
    }

    private static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private String promote(String pattern) throws IOException {
        CliRun promoted = cli("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", pattern);
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        return Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
    }

    @Test
    void aRepeatedWithdrawalIsNothingToDoAndAnUnknownPackageStaysRefused() throws IOException {
        promote("egi-tool");
        String[] withdraw = with(new String[] {"withdraw", "-q"}, with(TESTING, "egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(cli(withdraw).out()).startsWith("Withdrew 1 package(s) from testing/el9/x86_64 (snapshot ");
        String served = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).toString();

        CliRun again = cli(withdraw);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to do: testing/el9/x86_64 no longer holds egi-tool-1.0-1.el9.noarch.rpm.\n");
        assertThat(Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).toString()).isEqualTo(served);

        CliRun partly = cli(with(new String[] {"withdraw", "-q"}, with(TESTING, "egi-tool-1.0*", "egi-tool-1.1-1.el9.noarch")));
        assertThat(partly.exit()).isZero();
        assertThat(partly.out()).matches("Withdrew 1 package\\(s\\) from testing/el9/x86_64 \\(snapshot [0-9TZ.]+\\); no longer there: egi-tool-1.0\\*\\.\n"
                + "- egi-tool-1.1-1.el9.noarch.rpm\n");

        CliRun unknown = cli(with(new String[] {"withdraw", "-q"}, with(TESTING, "bdii")));
        assertThat(unknown.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknown.err()).startsWith("staged-rollout-repo: No package in testing/el9/x86_64 matches 'bdii'.");
    }

    @Test
    void snapshotsNameTheMissingRootOsOrArchitecture() throws IOException {
        promote("egi-tool-1.0*");
        CliRun noRoot = CliRun.at(root.resolve("nowhere"), with(new String[] {"snapshots"}, TESTING));
        assertThat(noRoot.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noRoot.err()).isEqualTo("staged-rollout-repo: The repository root " + root.resolve("nowhere") + " does not exist. Fix: Check --root.\n");

        CliRun noOs = cli("snapshots", "--stage", "testing", "--os", "el8", "--arch", "x86_64");
        assertThat(noOs.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noOs.err()).isEqualTo("staged-rollout-repo: testing/el8/x86_64 does not exist: there is no OS 'el8' in " + root.resolve("testing")
                + " (there: el9). Fix: Check the stage, OS and architecture; nothing was ever published there.\n");

        CliRun noArch = cli("snapshots", "--stage", "testing", "--os", "el9", "--arch", "aarch64");
        assertThat(noArch.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noArch.err()).startsWith("staged-rollout-repo: testing/el9/aarch64 does not exist: there is no architecture 'aarch64' in "
                + root.resolve("testing/el9") + " (there: x86_64).");

        CliRun noStage = cli("snapshots", "--stage", "production", "--os", "el9", "--arch", "x86_64");
        assertThat(noStage.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noStage.err()).startsWith("staged-rollout-repo: production/el9/x86_64 does not exist: there is no stage 'production' in " + root
                + " (there: testing, untested).");
    }

    @Test
    void aPlainDirectorySourceStageIsReadWhereItIs() throws IOException {
        CliRun source = cli("snapshots", "--stage", "untested", "--os", "el9", "--arch", "x86_64");
        assertThat(source.exit()).as(source.err()).isZero();
        assertThat(source.out()).isEqualTo("untested/el9/x86_64 is a plain directory of 2 package(s), as a source stage usually is: promotions read "
                + "its packages where they are, so it has no snapshots.\n");

        RpmFixtures.write(root.resolve("testing/el9/x86_64"), "egi-tool", "0.9", "1.el9", "noarch");
        CliRun served = cli(with(new String[] {"snapshots"}, TESTING));
        assertThat(served.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(served.err()).isEqualTo("staged-rollout-repo: The served path of testing/el9/x86_64 (" + root.resolve("testing/el9/x86_64")
                + ") is a plain directory, not a link to a snapshot, so it cannot be switched atomically. Fix: Take it over first with the command"
                + " 'adopt' (its content becomes the first snapshot; clients keep finding a repository).\n");
    }

    @Test
    void showListsASnapshotsPackagesAndDiffWhatChanged() throws IOException {
        String first = promote("egi-tool-1.0*");
        String second = promote("egi-tool-1.1*");
        cli(with(new String[] {"withdraw", "-q"}, with(TESTING, "egi-tool-1.0*")));
        String third = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();

        CliRun shown = cli(with(new String[] {"snapshots", "--show", second}, TESTING));
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).matches("Snapshot " + second + " of testing/el9/x86_64: withdrawn, created \\S+, last served \\S+, 2 package\\(s\\)\n"
                + "egi-tool-1.0-1.el9.noarch\negi-tool-1.1-1.el9.noarch\n");

        CliRun diff = cli(with(new String[] {"diff"}, with(TESTING, first, third)));
        assertThat(diff.exit()).as(diff.err()).isZero();
        assertThat(diff.out()).isEqualTo("+ egi-tool-1.1-1.el9.noarch\n- egi-tool-1.0-1.el9.noarch\n");
        assertThat(cli(with(new String[] {"diff"}, with(TESTING, third, third))).out()).isEqualTo("Snapshots " + third + " and " + third
                + " hold the same packages.\n");

        CliRun unknown = cli(with(new String[] {"snapshots", "--show", "20200101T000000.000Z"}, TESTING));
        assertThat(unknown.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknown.err()).isEqualTo("staged-rollout-repo: No retained snapshot '20200101T000000.000Z' in testing/el9/x86_64. Retained: "
                + String.join(", ", List.of(first, second, third)) + ". Fix: Pick one of the retained snapshots (command 'snapshots').\n");
    }

    @Test
    void acceptedUnmetRequirementsBlockOnlyThePromotionsThatAddOthers() throws IOException {
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("libldap.so.2()(64bit)"));
        RpmFixtures.write(untested, "argus", 0, "1.7", "1.el9", "noarch", List.of(), List.of("libfoo.so.1()(64bit)"));
        CliRun allowed = cli("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "--allow-broken-deps",
                "--reason", "openldap is in every site's BaseOS", "bdii");
        assertThat(allowed.exit()).as(allowed.err()).isZero();

        CliRun unrelated = cli("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0*");
        assertThat(unrelated.exit()).as(unrelated.err()).isZero();
        assertThat(unrelated.out()).matches("(?s)Promoted 1 package\\(s\\) from untested to testing/el9/x86_64 \\(snapshot [0-9TZ.]+\\); 1 unmet "
                + "requirement\\(s\\) accepted before\\.\n.*");
        String user = System.getProperty("user.name");
        assertThat(unrelated.err()).contains("1 unmet requirement(s) of testing/el9/x86_64 were accepted before and stay accepted:\n"
                + "  bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit) (allowed by " + user
                + ": openldap is in every site's BaseOS)");

        CliRun adding = cli("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "argus");
        assertThat(adding.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(adding.err()).startsWith("staged-rollout-repo: The promotion into testing/el9/x86_64 would leave 1 requirement(s) that nothing "
                + "meets, so dnf could not install those packages:\n  argus-1.7-1.el9.noarch requires libfoo.so.1()(64bit): nothing provides "
                + "libfoo.so.1()(64bit) Fix: ").doesNotContain("bdii");

        String served = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        CliRun shown = cli(with(new String[] {"snapshots", "--show", served}, TESTING));
        assertThat(shown.out()).endsWith("bdii-6.0.1-1.el9.noarch\negi-tool-1.0-1.el9.noarch\nAccepted unmet requirements (1):\n"
                + "  bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit) (allowed by " + user
                + ": openldap is in every site's BaseOS)\n");

        // withdrawn, the package takes its debt along: the next snapshot keeps none
        cli(with(new String[] {"withdraw", "-q"}, with(TESTING, "bdii")));
        String after = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        assertThat(cli(with(new String[] {"snapshots", "--show", after}, TESTING)).out()).doesNotContain("Accepted");
    }
}
