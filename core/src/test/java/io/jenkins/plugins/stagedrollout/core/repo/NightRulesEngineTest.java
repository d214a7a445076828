package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's side of the repository host's rules: the root's settings, a signed stage stays signed, the change log. */
class NightRulesEngineTest {

    @TempDir
    Path root;
    @TempDir
    Path gpgHome;

    private final PackageSelection tool = PackageSelection.of("egi-tool");

    @BeforeEach
    void packages() {
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-other", "1.0", "1.el9", "noarch");
    }

    private EngineOptions signing() {
        Tools.generateSigningKey(gpgHome, "Staged Rollout Test <repo@example.org>");
        return EngineOptions.defaults().withSigning(SigningOptions.of(gpgHome, "repo@example.org"));
    }

    @Test
    void theEngineThatRecordsSettingsWritesThemOnItsFirstChangeAndWhenTheyDiffer() throws IOException {
        EngineOptions options = EngineOptions.defaults().withSnapshotsToKeep(7).withMetadataCompression("gz")
                .withDependencies(DependencyOptions.defaults().withCheckEarlierStages(false));
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), options).recordingSettings();
        assertThat(catchThrowableOfType(RepositoryException.class, () -> engine.promote("untested", "testing", "el9", "x86_64",
                PackageSelection.of("nothing-*")))).isNotNull();
        assertThat(RootSettings.file(root)).as("a refused change writes nothing").doesNotExist();

        engine.promote("untested", "testing", "el9", "x86_64", tool);

        assertThat(RootSettings.read(root)).contains(new RootSettings("{stage}/{os}/{arch}", List.of("untested", "testing", "production"), 7,
                Map.of(), "gz", null, false));
        assertThat(Files.readString(RootSettings.file(root))).isEqualTo("""
                {
                  "layout" : "{stage}/{os}/{arch}",
                  "stages" : [ "untested", "testing", "production" ],
                  "keep" : 7,
                  "baseRepositories" : { },
                  "metadataCompression" : "gz",
                  "signed" : false
                }""");
        RepositoryEngine.create(StageLayout.of(root), options.withSnapshotsToKeep(9)).promote("untested", "testing", "el9", "x86_64",
                PackageSelection.of("egi-other"));
        assertThat(RootSettings.read(root).orElseThrow().keep()).as("only the plugin's engine writes them").isEqualTo(7);
        RepositoryEngine.create(StageLayout.of(root), options.withSnapshotsToKeep(9)).recordingSettings()
                .withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-other"));
        assertThat(RootSettings.read(root).orElseThrow().keep()).isEqualTo(9);
    }

    @Test
    void aBrokenSettingsFileIsRefusedToReadersAndWrittenAgainByThePlugin() throws IOException {
        Files.writeString(RootSettings.file(root), "{\"layout\":");
        assertThat(catchThrowableOfType(RepositoryException.class, () -> RootSettings.read(root)).problem())
                .startsWith("The repository's settings " + RootSettings.file(root) + " cannot be read: ");

        RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withDependencies(DependencyOptions.defaults().withCheckEarlierStages(false)))
                .recordingSettings().promote("untested", "testing", "el9", "x86_64", tool);

        assertThat(RootSettings.read(root).orElseThrow().keep()).isEqualTo(5);
    }

    @Test
    void settingsWrittenByANewerWriterStillRead() throws IOException {
        Files.writeString(RootSettings.file(root), "{\"layout\":\"{os}/{arch}/{stage}\",\"stages\":[\"a\",\"b\"],\"keep\":3,\"future\":1}");
        assertThat(RootSettings.read(root)).contains(new RootSettings("{os}/{arch}/{stage}", List.of("a", "b"), 3, Map.of(), null, null, false));
    }

    @Test
    void aSignedStageIsNotChangedWithoutTheKeyUnlessAllowedUnsignedWithAReason() throws IOException {
        EngineOptions signed = signing();
        RepositoryEngine.create(StageLayout.of(root), signed.withDependencies(DependencyOptions.defaults().withCheckEarlierStages(false)))
                .recordingSettings().promote("untested", "testing", "el9", "x86_64", tool);
        String first = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        RepositoryEngine keyless = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults());

        RepositoryException refused = catchThrowableOfType(RepositoryException.class,
                () -> keyless.withdraw("testing", "el9", "x86_64", tool));

        assertThat(refused.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(refused.getMessage()).isEqualTo("testing/el9/x86_64 is signed (snapshot " + first + " has repodata/repomd.xml.asc, key "
                + "repo@example.org) and this change has no signing key: its new snapshot would be unsigned. Fix: Give the key: --gpg-home DIR "
                + "--gpg-key repo@example.org, or --gpg-key-file FILE with the armored secret key exported from the Jenkins signing credential "
                + "(in Jenkins: configure that credential). To publish it unsigned anyway: --unsigned --reason TEXT.");
        assertThat(root.resolve("testing/el9/x86_64/repodata/repomd.xml.asc")).exists();

        PromotionResult unsigned = keyless.by(new ChangeNote("alice", ChangeNote.CLI, "key lost, ticket 1234", true, false))
                .promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-other"));
        assertThat(root.resolve("testing/el9/x86_64/repodata/repomd.xml.asc")).doesNotExist();

        List<SnapshotInfo> snapshots = keyless.snapshots("testing", "el9", "x86_64");
        assertThat(snapshots.get(0).signed()).isTrue();
        assertThat(snapshots.get(0).change().via()).isEqualTo(ChangeNote.JENKINS);
        assertThat(snapshots.get(1).signed()).isFalse();
        assertThat(snapshots.get(1).change()).extracting(ChangeRecord::who, ChangeRecord::via, ChangeRecord::why, ChangeRecord::unsigned,
                ChangeRecord::snapshot, ChangeRecord::what).containsExactly("alice", "cli", "key lost, ticket 1234", true, unsigned.snapshotId(),
                unsigned.message());
    }

    @Test
    void aSignedStageIsNotRolledBackToAnUnsignedSnapshotUnlessAllowed() throws IOException {
        EngineOptions signed = signing().withDependencies(DependencyOptions.defaults().withCheckEarlierStages(false));
        RepositoryEngine keyless = RepositoryEngine.create(StageLayout.of(root), signed.withSigning(null));
        keyless.promote("untested", "testing", "el9", "x86_64", tool);
        String unsignedId = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        String signedId = RepositoryEngine.create(StageLayout.of(root), signed).promote("untested", "testing", "el9", "x86_64",
                PackageSelection.of("egi-other")).snapshotId();

        RepositoryException refused = catchThrowableOfType(RepositoryException.class, () -> keyless.rollbackToPrevious("testing", "el9", "x86_64"));

        assertThat(refused.getMessage()).isEqualTo("testing/el9/x86_64 is signed (snapshot " + signedId + ", key unknown (" + RootSettings.file(root)
                + " names none)) and snapshot " + unsignedId + " is not: serving it would make the stage unsigned. Fix: Pick a signed snapshot "
                + "(command 'snapshots'), or promote or withdraw with the key instead; to serve it unsigned anyway: --unsigned --reason TEXT.");
        RepositoryEngine allowed = keyless.by(new ChangeNote("bob", ChangeNote.CLI, "back to the last good one", true, false));
        assertThat(allowed.rollbackToPrevious("testing", "el9", "x86_64").snapshotId()).isEqualTo(unsignedId);
        assertThat(allowed.lastChange("testing", "el9", "x86_64").orElseThrow().describe())
                .matches("\\S+Z by bob \\(cli\\): Rolled testing/el9/x86_64 back to snapshot " + unsignedId
                        + " \\(0 package\\(s\\) back, 1 gone\\)\\. Why: back to the last good one \\[unsigned\\]");
    }

    @Test
    void anUnsignedOrOutOfOrderChangeNeedsAReason() {
        assertThat(catchThrowableOfType(RepositoryException.class, () -> new ChangeNote("alice", ChangeNote.CLI, " ", true, false)).getMessage())
                .isEqualTo("An unsigned change needs a reason. Fix: Say why, e.g. 'key lost, new key requested in ticket 1234'.");
    }

    @Test
    void anUndoToNeverPublishedLeavesNoChangeLogBehind() {
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root),
                EngineOptions.defaults().withDependencies(DependencyOptions.defaults().withCheckEarlierStages(false)));
        PromotionResult promoted = engine.promote("untested", "testing", "el9", "x86_64", tool);
        assertThat(engine.changes("testing", "el9", "x86_64")).hasSize(1);

        engine.undo("testing", "el9", "x86_64", promoted.snapshotId(), null, tool);

        assertThat(root.resolve("testing")).doesNotExist();
    }
}
