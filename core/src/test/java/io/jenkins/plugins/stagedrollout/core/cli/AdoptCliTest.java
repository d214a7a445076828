package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 25: {@code adopt} and {@code diff} on the command line. */
class AdoptCliTest {

    @TempDir
    Path root;

    @Test
    void adoptTakesTheDirectoryOverOnceThenHasNothingToDo() throws IOException {
        Path production = root.resolve("production/el9/x86_64");
        RpmFixtures.write(production, "egi-tool", "1.0", "1.el9", "noarch");
        Tools.createrepo(production);
        String[] adopt = {"adopt", "-q", "--stage", "production", "--os", "el9", "--arch", "x86_64"};

        CliRun adopted = CliRun.at(root, adopt);
        assertThat(adopted.exit()).as(adopted.err()).isZero();
        String id = Files.readSymbolicLink(production).getFileName().toString();
        assertThat(adopted.out()).isEqualTo("Adopted production/el9/x86_64: its 1 package(s) and metadata are snapshot " + id + ", served from now on.\n");

        CliRun again = CliRun.at(root, adopt);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to do: production/el9/x86_64 is served from snapshots already (snapshot " + id + ").\n");

        CliRun shown = CliRun.at(root, "snapshots", "--show", id, "--stage", "production", "--os", "el9", "--arch", "x86_64");
        assertThat(shown.out()).endsWith(", 1 package(s)\negi-tool-1.0-1.el9.noarch\n").startsWith("Snapshot " + id + " of production/el9/x86_64: served, ");

        CliRun nothing = CliRun.at(root, "adopt", "--stage", "testing", "--os", "el9", "--arch", "x86_64");
        assertThat(nothing.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(nothing.err()).isEqualTo("staged-rollout-repo: There is no directory " + root.resolve("testing/el9/x86_64") + " to adopt as "
                + "testing/el9/x86_64. Fix: Check the stage, OS and architecture; an empty stage needs no adoption (promote into it).\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"adopt", "diff"})
    void theNewCommandsHaveHelp(String command) {
        CliRun help = CliRun.run(command, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: staged-rollout-repo " + command).contains("Exit codes: 0 done (changed or nothing to do)");
    }
}
