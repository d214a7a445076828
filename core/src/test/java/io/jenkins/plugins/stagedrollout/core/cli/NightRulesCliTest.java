package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RootSettings;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool at night: the root's settings, a signed stage stays signed, the stage order, the change log. */
class NightRulesCliTest {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path root;
    @TempDir
    Path gpgHome;
    @TempDir
    Path keys;

    /** {@code command --root ROOT -q --os el9 --arch x86_64 args...} */
    private CliRun cli(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "-q", "--os", "el9", "--arch", "x86_64"));
        all.addAll(List.of(args));
        return CliRun.at(root, all.toArray(String[]::new));
    }

    private String served(String stage) throws IOException {
        return Files.readSymbolicLink(root.resolve(stage + "/el9/x86_64")).getFileName().toString();
    }

    @BeforeEach
    void packages() {
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-other", "1.0", "1.el9", "noarch");
    }

    private void settings(int keep, boolean signed) {
        new RootSettings("{stage}/{os}/{arch}", List.of("untested", "testing", "production"), keep,
                Map.of("el9/x86_64", List.of("/srv/mirror/el9/BaseOS")), "gz", signed ? "repo@example.org" : null, signed).writeTo(root);
    }

    @Test
    void anOptionThatContradictsTheRootsSettingsIsRefusedUnlessOverridden() {
        settings(10, false);

        CliRun refused = cli("withdraw", "--stage", "testing", "--keep", "2", "egi-tool");

        assertThat(refused.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).isEqualTo("staged-rollout-repo: --keep 2 contradicts the repository's settings: " + root.resolve(".staged-rollout.json")
                + " says 10. Fix: Leave --keep out to use the repository's setting, or add --override-settings to use 2 for this call (the file "
                + "stays as it is).\n");
        CliRun bases = cli("promote", "--from", "untested", "--to", "testing", "--base-repo", "el9/x86_64=/srv/other", "egi-tool");
        assertThat(bases.err()).startsWith("staged-rollout-repo: --base-repo el9/x86_64=/srv/other contradicts the repository's settings: "
                + root.resolve(".staged-rollout.json") + " says el9/x86_64=/srv/mirror/el9/BaseOS. Fix:");
        CliRun compression = cli("promote", "--from", "untested", "--to", "testing", "--metadata-compression", "xz", "egi-tool");
        assertThat(compression.err()).startsWith("staged-rollout-repo: --metadata-compression xz contradicts the repository's settings: "
                + root.resolve(".staged-rollout.json") + " says gz. Fix:");
        CliRun signing = cli("promote", "--from", "untested", "--to", "testing", "--gpg-home", gpgHome.toString(), "--gpg-key", "k", "egi-tool");
        assertThat(signing.err()).isEqualTo("staged-rollout-repo: Signing (--gpg-home, --gpg-key, --gpg-key-file) contradicts the repository's "
                + "settings: " + root.resolve(".staged-rollout.json") + " says its stages are unsigned. Fix: Leave the signing options out, or add "
                + "--override-settings to sign anyway (Jenkins then needs the key for every later change of that stage).\n");

        CliRun overridden = cli("promote", "--from", "untested", "--to", "testing", "--keep", "2", "--base-repo", "el9/x86_64=" + root.resolve("untested/el9/x86_64"),
                "--override-settings", "--no-check-earlier-stages", "egi-tool");
        assertThat(overridden.exit()).as(overridden.err()).isZero();
        assertThat(RootSettings.read(root).orElseThrow().keep()).isEqualTo(10);
    }

    @Test
    void optionsNotGivenComeFromTheRootsSettings() throws IOException {
        new RootSettings("{os}/{arch}/{stage}", List.of("candidate", "testing", "production"), 1, Map.of(), "gz", null, false).writeTo(root);
        RpmFixtures.write(root.resolve("el9/x86_64/candidate"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("el9/x86_64/candidate"), "egi-other", "1.0", "1.el9", "noarch");

        assertThat(cli("promote", "--from", "candidate", "--to", "testing", "egi-tool").exit()).isZero();
        CliRun second = cli("promote", "--from", "candidate", "--to", "testing", "egi-other");

        assertThat(second.exit()).as(second.err()).isZero();
        Path served = root.resolve("el9/x86_64/testing");
        assertThat(Files.isSymbolicLink(served)).isTrue();
        assertThat(Files.list(root.resolve("el9/x86_64/.snapshots/testing")).filter(p -> !p.getFileName().toString().startsWith(".")))
                .as("keep 1 from the file").hasSize(1);
        assertThat(Files.readString(served.resolve("repodata/repomd.xml"))).contains("primary.xml.gz");
    }

    @Test
    void aSignedStageStaysSigned() throws IOException {
        Tools.generateSigningKey(gpgHome, "Staged Rollout Test <repo@example.org>");
        settings(5, true);
        String[] noBases = {"--override-settings", "--no-check-earlier-stages"};
        assertThat(cli("promote", "--from", "untested", "--to", "testing", "--gpg-home", gpgHome.toString(), "--no-check-earlier-stages", "egi-tool")
                .exit()).as("the key id comes from the settings").isZero();
        Path asc = root.resolve("testing/el9/x86_64/repodata/repomd.xml.asc");
        assertThat(asc).exists();
        String signed = served("testing");

        CliRun refused = cli("withdraw", "--stage", "testing", "egi-tool");

        assertThat(refused.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).isEqualTo("staged-rollout-repo: testing/el9/x86_64 is signed (snapshot " + signed + " has repodata/repomd.xml.asc, "
                + "key repo@example.org) and this change has no signing key: its new snapshot would be unsigned. Fix: Give the key: --gpg-home DIR "
                + "--gpg-key repo@example.org, or --gpg-key-file FILE with the armored secret key exported from the Jenkins signing credential (in "
                + "Jenkins: configure that credential). To publish it unsigned anyway: --unsigned --reason TEXT.\n");
        assertThat(served("testing")).isEqualTo(signed);
        assertThat(cli("withdraw", "--stage", "testing", "--unsigned", "egi-tool").exit()).as("--unsigned needs a reason").isEqualTo(ExitCode.BAD_INPUT);

        Path keyFile = keys.resolve("key.asc");
        Tools.Result exported = Tools.run("gpg", "--homedir", gpgHome.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--export-secret-keys", "--armor", "--output", keyFile.toString(), "repo@example.org");
        assertThat(exported.exit()).as(exported.out()).isZero();
        CliRun withKeyFile = cli("promote", "--from", "untested", "--to", "testing", "--gpg-key-file", keyFile.toString(), noBases[1], "egi-other");
        assertThat(withKeyFile.exit()).as(withKeyFile.err()).isZero();
        Tools.Result verified = Tools.run("gpg", "--homedir", gpgHome.toString(), "--batch", "--verify", asc.toString(),
                root.resolve("testing/el9/x86_64/repodata/repomd.xml").toString());
        assertThat(verified.out()).contains("Good signature from \"Staged Rollout Test <repo@example.org>\"");

        CliRun unsigned = cli("withdraw", "--stage", "testing", "--unsigned", "--reason", "key on leave, ticket 42", "egi-tool");
        assertThat(unsigned.exit()).as(unsigned.err()).isZero();
        assertThat(asc).doesNotExist();
        List<String> changes = cli("changes", "--stage", "testing").out().lines().toList();
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).matches("\\S+Z by " + USER + " \\(cli\\): Promoted 1 package\\(s\\) from untested to testing/el9/x86_64 .*\\.");
        assertThat(changes.get(2)).matches("\\S+Z by " + USER + " \\(cli\\): Withdrew 1 package\\(s\\) from testing/el9/x86_64 \\(snapshot \\S+\\)\\. "
                + "Why: key on leave, ticket 42 \\[unsigned\\]");
    }

    @Test
    void promotionsOffTheStageOrderNeedOutOfOrderWithAReason() {
        CliRun skipping = cli("promote", "--from", "untested", "--to", "production", "egi-tool");
        assertThat(skipping.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(skipping.err()).isEqualTo("staged-rollout-repo: Promoting from untested to production skips testing: the stages go untested -> "
                + "testing -> production. Fix: Promote one stage at a time (untested -> testing, testing -> production), or add --out-of-order "
                + "--reason TEXT to do it anyway (kept in the change log).\n");
        CliRun noReason = cli("promote", "--from", "untested", "--to", "production", "--out-of-order", "egi-tool");
        assertThat(noReason.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noReason.err()).startsWith("--out-of-order needs --reason TEXT: say why the stage order is not kept.\n");

        CliRun allowed = cli("promote", "--from", "untested", "--to", "production", "--out-of-order", "--reason", "security fix, CVE-2026-1",
                "egi-tool");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        CliRun backwards = cli("promote", "--from", "production", "--to", "testing", "egi-tool");
        assertThat(backwards.err()).startsWith("staged-rollout-repo: Promoting from production to testing goes backwards: the stages go untested -> "
                + "testing -> production. Fix:");
        assertThat(cli("changes", "--stage", "production").out()).matches("\\S+Z by " + USER + " \\(cli\\): Promoted 1 package\\(s\\) from untested "
                + "to production/el9/x86_64 \\(snapshot \\S+\\)\\. Why: security fix, CVE-2026-1 \\[out of order\\]\n");
    }
}
