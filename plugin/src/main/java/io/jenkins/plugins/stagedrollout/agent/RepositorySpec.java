package io.jenkins.plugins.stagedrollout.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.SigningOptions;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the stage repositories are and how the engine runs, as plain strings that travel to the agent
 * ({@link StageLayout} and {@link EngineOptions} hold paths and a sink, which are not serializable) and are
 * kept in {@code build.xml} (so a plain class, not a record: XStream cannot set the fields of records).
 */
public final class RepositorySpec implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(30);

    private final String root;
    private final String template;
    private final ArrayList<String> stages;
    private final String createrepoCommand;
    private final int snapshotsToKeep;
    private final boolean sqliteDatabases;

    @CheckForNull
    private final String gpgHome;

    @CheckForNull
    private final String signingKeyId;

    /** Only the id: the key itself is read from the credentials store for each operation, never kept here. */
    @CheckForNull
    private final String signingKeyCredentialsId;

    /** Null in records written before the dependency check: the core's defaults. */
    @CheckForNull
    private final DependencySpec dependencies;

    /** gz, xz, bz2 or zstd; null (and in older records): what the host's createrepo_c writes by default. */
    @CheckForNull
    private final String metadataCompression;

    /**
     * @param sqliteDatabases         also write the sqlite databases (for yum 3 clients)
     * @param gpgHome                 GnuPG home on the agent holding the signing key, or null
     * @param signingKeyId            key id, fingerprint or e-mail of the signing key in {@code gpgHome}
     * @param signingKeyCredentialsId id of a secret file credential holding the secret key, or null; used
     *                                instead of {@code gpgHome} and {@code signingKeyId}, never with them
     * @param dependencies            which promotions check dependencies, against which base repositories
     * @param metadataCompression     how createrepo_c compresses metadata (gz, xz, bz2, zstd), or null for its default
     */
    public RepositorySpec(
            String root,
            String template,
            List<String> stages,
            String createrepoCommand,
            int snapshotsToKeep,
            boolean sqliteDatabases,
            @CheckForNull String gpgHome,
            @CheckForNull String signingKeyId,
            @CheckForNull String signingKeyCredentialsId,
            @CheckForNull DependencySpec dependencies,
            @CheckForNull String metadataCompression) {
        this.root = root;
        this.template = template;
        this.stages = new ArrayList<>(stages);
        this.createrepoCommand = createrepoCommand;
        this.snapshotsToKeep = snapshotsToKeep;
        this.sqliteDatabases = sqliteDatabases;
        this.gpgHome = gpgHome;
        this.signingKeyId = signingKeyId;
        this.signingKeyCredentialsId = signingKeyCredentialsId;
        this.dependencies = dependencies;
        this.metadataCompression = metadataCompression;
    }

    public String root() {
        return root;
    }

    /** The ordered stages; the last is production, the one before it testing. */
    public List<String> stages() {
        return List.copyOf(stages);
    }

    @CheckForNull
    public String signingKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** Whether the engine signs each snapshot's repomd.xml: with the credential, or with a GnuPG home and key id. */
    public boolean signsMetadata() {
        return signingKeyCredentialsId != null || (gpgHome != null && signingKeyId != null);
    }

    /** Built on the agent, so paths are the agent's own. */
    public StageLayout layout() {
        return StageLayout.of(Path.of(root), template, stages);
    }

    public EngineOptions engineOptions(Consumer<String> output) {
        EngineOptions options = EngineOptions.defaults()
                .withCreaterepoCommand(createrepoCommand)
                .withSnapshotsToKeep(snapshotsToKeep)
                .withToolTimeout(TOOL_TIMEOUT)
                .withSqliteDatabases(sqliteDatabases)
                .withOutputSink(output)
                .withMetadataCompression(metadataCompression);
        if (dependencies != null) {
            options = options.withDependencies(dependencies.toOptions());
        }
        if (signingKeyId != null && gpgHome != null) {
            options = options.withSigning(SigningOptions.of(Path.of(gpgHome), signingKeyId));
        }
        return options;
    }

    public RepositorySpec withRoot(String newRoot) {
        return new RepositorySpec(
                newRoot,
                template,
                stages,
                createrepoCommand,
                snapshotsToKeep,
                sqliteDatabases,
                gpgHome,
                signingKeyId,
                signingKeyCredentialsId,
                dependencies,
                metadataCompression);
    }
}
