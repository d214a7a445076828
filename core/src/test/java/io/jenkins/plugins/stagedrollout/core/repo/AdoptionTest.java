package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25: a hand-made production directory taken over into the snapshot layout, read by the real dnf before and after. */
class AdoptionTest {

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;

    private final List<String> log = new ArrayList<>();
    private RepositoryEngine engine;
    private Path production;

    @BeforeEach
    void handMadeProduction() {
        engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withOutputSink(log::add));
        production = root.resolve("production/el9/x86_64");
        RpmFixtures.write(production, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(production, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of());
        Tools.createrepo(production);
        RpmFixtures.write(root.resolve("testing/el9/x86_64"), "egi-tool", "1.1", "1.el9", "noarch");
    }

    private List<String> dnf() {
        return Tools.dnfList(production, dnfCache.resolve("c" + System.nanoTime()));
    }

    @Test
    void theDirectoryBecomesTheFirstSnapshotAsItIsAndDnfReadsTheSamePackages() throws IOException {
        List<String> before = dnf();
        String digest = TreeDigest.of(production);

        PromotionResult adopted = engine.adopt("production", "el9", "x86_64");

        assertThat(adopted.changed()).isTrue();
        assertThat(adopted.message()).isEqualTo("Adopted production/el9/x86_64: its 2 package(s) and metadata are snapshot " + adopted.snapshotId()
                + ", served from now on.");
        assertThat(adopted.selectedNevras()).containsExactly("bdii-6.0.1-1.el9.noarch", "egi-tool-1.0-1.el9.noarch");
        assertThat(Files.isSymbolicLink(production)).isTrue();
        assertThat(Files.readSymbolicLink(production)).isEqualTo(Path.of(".snapshots/x86_64/" + adopted.snapshotId()));
        assertThat(TreeDigest.of(root.resolve("production/el9/.snapshots/x86_64/" + adopted.snapshotId()))).isEqualTo(digest);
        assertThat(dnf()).isEqualTo(before).containsExactly("bdii-6.0.1-1.el9.noarch", "egi-tool-1.0-1.el9.noarch");
        assertThat(log).anyMatch(line -> line.matches("Adopted production/el9/x86_64 as snapshot \\S+; the served path was missing for \\d+ µs "
                + "between the two renames"));
        assertThat(engine.snapshots("production", "el9", "x86_64")).singleElement()
                .satisfies(info -> assertThat(info.state()).isEqualTo(SnapshotInfo.State.SERVED));

        PromotionResult again = engine.adopt("production", "el9", "x86_64");
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).isEqualTo("Nothing to do: production/el9/x86_64 is served from snapshots already (snapshot "
                + adopted.snapshotId() + ").");

        // the adopted stage changes like any other from now on, and rolls back to what was adopted
        engine.promote("testing", "production", "el9", "x86_64", PackageSelection.of("egi-tool"));
        assertThat(dnf()).containsExactly("bdii-6.0.1-1.el9.noarch", "egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");
        engine.rollbackToPrevious("production", "el9", "x86_64");
        assertThat(dnf()).isEqualTo(before);
    }

    @Test
    void aDirectoryWhoseMetadataDisagreesWithItsFilesIsRefusedAndLeftAlone() throws IOException {
        RpmFixtures.write(production, "argus", "1.7", "1.el9", "noarch");
        assertThatThrownBy(() -> engine.adopt("production", "el9", "x86_64")).isInstanceOf(RepositoryException.class)
                .hasMessage("The directory of production/el9/x86_64 (" + production + ") cannot be adopted as it is: 1 RPM file(s) are not in its "
                        + "metadata (argus-1.7-1.el9.noarch.rpm). Fix: Adopt takes over a flat directory of RPMs whose metadata lists each of them: "
                        + "run 'createrepo_c " + production + "' there first.");
        assertThat(Files.isDirectory(production) && !Files.isSymbolicLink(production)).isTrue();
        assertThat(root.resolve("production/el9/.snapshots")).doesNotExist();

        assertThatThrownBy(() -> engine.adopt("production", "el8", "x86_64")).isInstanceOf(RepositoryException.class)
                .hasMessage("There is no directory " + root.resolve("production/el8/x86_64") + " to adopt as production/el8/x86_64. Fix: Check the "
                        + "stage, OS and architecture; an empty stage needs no adoption (promote into it).");
    }
}
