package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stages whose metadata is xz or bzip2 (written by createrepo_c with --general-compress-type) or zstd (what createrepo_c
 * 1.0 and later write by default; here createrepo_c's output recompressed by {@link ZstdRepodata}, as Debian 12's
 * createrepo_c 0.17.3 writes no zstd), through a whole promote / withdraw / rollback / undo cycle: verified and
 * dependency-checked by the engine, read by dnf after every step.
 */
class CompressedMetadataTest {

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;
    @TempDir
    Path bin;

    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-tool", "1.1", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-daemon", 3, "2.0", "5.el9", "x86_64");
    }

    static Stream<Arguments> compressions() {
        return Stream.of(Arguments.of("xz", ".xml.xz"), Arguments.of("bz2", ".xml.bz2"), Arguments.of("zstd, recompressed", ".xml.zst"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressions")
    void promoteWithdrawRollbackUndoAsDnfSeesThem(String compression, String suffix) throws IOException {
        EngineOptions options = EngineOptions.defaults().withSnapshotsToKeep(5).withOutputSink(log::add);
        options = compression.startsWith("zstd") ? options.withCreaterepoCommand(ZstdRepodata.createrepoCommand(bin).toString())
                : options.withMetadataCompression(compression);
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), options);

        PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(first.selectedNevras()).as("read from the new %s metadata", suffix).containsExactly("egi-tool-1.0-1.el9.noarch");
        assertServed(suffix, "egi-tool-1.0-1.el9.noarch");

        PromotionResult second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("egi-daemon, egi-tool-1.1*"));
        assertThat(second.selectedNevras()).containsExactlyInAnyOrder("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.1-1.el9.noarch");
        assertServed(suffix, "egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");

        PromotionResult withdrawn = engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(withdrawn.packagesRemoved()).containsExactly("egi-daemon-2.0-5.el9.x86_64.rpm");
        assertServed(suffix, "egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");

        engine.rollback("testing", "el9", "x86_64", first.snapshotId());
        assertServed(suffix, "egi-tool-1.0-1.el9.noarch");

        PromotionResult daemon = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertServed(suffix, "egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch");
        PromotionResult undone = engine.undo("testing", "el9", "x86_64", daemon.snapshotId(), daemon.replacedSnapshotId(),
                PackageSelection.of(daemon.packagesAdded()));
        assertThat(undone.snapshotId()).isEqualTo(first.snapshotId());
        assertServed(suffix, "egi-tool-1.0-1.el9.noarch");

        // first, second, the withdrawal's; the undone promotion's snapshot is gone with the undo
        assertThat(engine.snapshots("testing", "el9", "x86_64")).extracting(SnapshotInfo::packageCount).containsExactly(1, 3, 2);
        assertThat(log).anyMatch(line -> line.contains("dependency check"));
    }

    @Test
    void aCreaterepoThatCannotWriteTheCompressionIsNamedAndNothingIsPublished() throws IOException {
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withMetadataCompression("zstd"));
        String before = TreeDigest.of(root);

        RepositoryException error = catchThrowableOfType(RepositoryException.class,
                () -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool")));

        // Debian 12's createrepo_c 0.17.3; createrepo_c 1.0 and later write zstd.
        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.TOOL_FAILURE);
        assertThat(error.problem()).startsWith("createrepo_c failed with exit code 1 (").contains("--general-compress-type=zstd")
                .contains("Unknown/Unsupported compression type \"zstd\"")
                .endsWith("\nThis createrepo_c (createrepo_c) cannot write metadata compressed with zstd.");
        assertThat(error.fix()).isEqualTo("Set the metadata compression to one this createrepo_c writes (createrepo_c before 1.0 writes gz,"
                + " xz and bz2; zstd needs createrepo_c 1.0 or later), or leave it unset for createrepo_c's default; the served repository is"
                + " unchanged.");
        assertThat(TreeDigest.of(root)).isEqualTo(before);
    }

    @Test
    void aSettingThatIsNoCompressionIsRefusedNamingThoseThatWork() {
        RepositoryException error = catchThrowableOfType(RepositoryException.class, () -> EngineOptions.defaults().withMetadataCompression("lzma"));

        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(error.getMessage()).isEqualTo("The metadata compression 'lzma' is not one of gz, xz, bz2, zstd. Fix: Give one of gz, xz,"
                + " bz2, zstd, or nothing to write what the host's createrepo_c writes by default.");
        assertThat(EngineOptions.defaults().withMetadataCompression(" ").metadataCompression()).isEmpty();
    }

    /** The served repository's primary, filelists and other metadata carry the suffix, and dnf reads exactly these packages. */
    private void assertServed(String suffix, String... nevras) throws IOException {
        Path served = root.resolve("testing/el9/x86_64");
        RepodataReader.Repomd repomd = RepodataReader.readRepomd(served);
        assertThat(repomd.hrefs()).hasSize(3).allMatch(href -> href.endsWith(suffix));
        assertThat(RepodataReader.readPrimary(served, repomd.primaryHref()).values()).containsExactlyInAnyOrder(nevras);
        assertThat(Tools.dnfList(served, dnfCache.resolve("c" + System.nanoTime()))).containsExactly(nevras);
    }
}
