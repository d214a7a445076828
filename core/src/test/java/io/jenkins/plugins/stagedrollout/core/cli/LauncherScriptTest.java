package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: the root script {@code staged-rollout-repo} builds again when a source or a pom.xml is newer than its last
 * build. Run with sh on a copy of the checkout's shape whose {@code mvnw} and {@code java} only record that they ran;
 * file times are set with touch -d, nothing waits.
 */
class LauncherScriptTest {

    @TempDir
    Path checkout;

    private Path source;

    @BeforeEach
    void checkoutWithRecordingTools() throws IOException {
        Path script = Path.of("..", "staged-rollout-repo").toAbsolutePath().normalize();
        Files.copy(script, checkout.resolve("staged-rollout-repo"));
        executable(checkout.resolve("mvnw"), "#!/bin/sh\nmkdir -p core/target/classes/io\necho 'lib.jar' > core/target/runtime-classpath.txt\n"
                + "echo build >> builds.log\n");
        executable(checkout.resolve("bin/java"), "#!/bin/sh\necho \"java $*\"\n");
        source = checkout.resolve("core/src/main/java/Engine.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Engine {}\n");
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("core/pom.xml"), "<project/>\n");
        touch("2026-01-01 00:00", source, checkout.resolve("pom.xml"), checkout.resolve("core/pom.xml"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void touch(String when, Path... files) {
        for (Path file : files) {
            assertThat(Tools.run("touch", "-d", when, file.toString()).exit()).isZero();
        }
    }

    private Tools.Result launch() {
        return Tools.run(List.of("env", "PATH=" + checkout.resolve("bin") + ":/usr/bin:/bin", "sh", checkout.resolve("staged-rollout-repo").toString(),
                "snapshots", "--help"));
    }

    private long builds() throws IOException {
        Path log = checkout.resolve("builds.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void buildsFirstThenOnlyWhenASourceOrAPomIsNewer() throws IOException {
        Tools.Result first = launch();
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).isEqualTo("java -cp " + checkout.toRealPath() + "/core/target/classes:lib.jar "
                + "io.jenkins.plugins.stagedrollout.core.cli.RepoCli snapshots --help\n");
        assertThat(builds()).isEqualTo(1);

        launch();
        assertThat(builds()).as("nothing changed").isEqualTo(1);

        touch("2099-01-01 00:00", source);
        launch();
        assertThat(builds()).as("a source newer than the build (git pull)").isEqualTo(2);
        launch();
        assertThat(builds()).as("its date is still after the last build").isEqualTo(3);

        touch("2026-01-01 00:00", source);
        launch();
        assertThat(builds()).isEqualTo(3);
        touch("2099-01-02 00:00", checkout.resolve("pom.xml"));
        launch();
        assertThat(builds()).as("the parent pom").isEqualTo(4);
    }
}
