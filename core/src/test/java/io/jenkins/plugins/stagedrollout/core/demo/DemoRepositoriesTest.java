package io.jenkins.plugins.stagedrollout.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's repositories: three real RPMs in untested, the older bdii-site served by testing and production. */
class DemoRepositoriesTest {

    @TempDir
    Path parent;

    @Test
    void releaseWaitsInUntestedWhileTheOlderVersionIsInProduction() throws IOException {
        Path root = parent.resolve("repos");
        DemoRepositories.create(root);

        try (Stream<Path> untested = Files.list(root.resolve("untested/el9/x86_64"))) {
            assertThat(untested.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(DemoRepositories.RELEASE, DemoRepositories.PRODUCTION_BEFORE, "argus-pap-1.7.4-1.el9.noarch.rpm");
        }
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults());
        assertThat(engine.packages("testing", "el9", "x86_64")).containsExactly(DemoRepositories.PRODUCTION_BEFORE);
        assertThat(engine.packages("production", "el9", "x86_64")).containsExactly(DemoRepositories.PRODUCTION_BEFORE);
    }

    @Test
    void anExistingRootIsLeftAlone() throws IOException {
        Path root = Files.createDirectories(parent.resolve("repos"));
        Files.writeString(root.resolve("keep"), "mine");

        assertThatThrownBy(() -> DemoRepositories.create(root)).hasMessageContaining("exists already");
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left).containsExactly(root.resolve("keep"));
        }
    }
}
