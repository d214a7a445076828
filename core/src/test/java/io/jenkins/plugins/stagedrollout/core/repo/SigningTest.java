package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** repomd.xml signed with a real gpg key; gpg itself checks the detached signature afterwards. */
class SigningTest {

    @TempDir
    Path root;
    @TempDir
    Path gpgHome;

    @BeforeEach
    void generateKey() throws IOException {
        Tools.generateSigningKey(gpgHome, "Staged Rollout Test <repo@example.org>");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
    }

    @Test
    void repomdIsSignedWithTheGivenKey() {
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root),
                EngineOptions.defaults().withSigning(SigningOptions.of(gpgHome, "repo@example.org")));

        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));

        Path repodata = root.resolve("testing/el9/x86_64/repodata");
        Tools.Result verified = Tools.run("gpg", "--homedir", gpgHome.toString(), "--batch", "--verify",
                repodata.resolve("repomd.xml.asc").toString(), repodata.resolve("repomd.xml").toString());
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("Good signature from \"Staged Rollout Test <repo@example.org>\"");
    }

    @Test
    void unknownKeyFailsAndPublishesNothing() throws IOException {
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root),
                EngineOptions.defaults().withSigning(SigningOptions.of(gpgHome, "nobody@example.org")));

        RepositoryException error = catchThrowableOfType(RepositoryException.class,
                () -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool")));

        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.TOOL_FAILURE);
        assertThat(error.getMessage()).startsWith("gpg failed with exit code 2 (").contains("nobody@example.org");
        assertThat(root.resolve("testing/el9/x86_64")).doesNotExist();
        assertThat(root.resolve("testing")).doesNotExist();
    }
}
