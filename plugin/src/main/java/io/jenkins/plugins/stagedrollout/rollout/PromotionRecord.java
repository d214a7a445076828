package io.jenkins.plugins.stagedrollout.rollout;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One repository change made inside a rollout, kept in {@code build.xml}: enough to undo it on the same
 * agent when the rollout is rejected (the node name is empty for the built-in node). A plain class, not a
 * record: XStream cannot set the fields of records.
 */
public final class PromotionRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String nodeName;
    private final RepositorySpec spec;
    private final ArrayList<String> patterns;
    private final String from;
    private final String to;
    private final String os;
    private final String arch;
    private final String snapshotId;
    /** File names the promotion added to the target; null in records written before they were kept. */
    @CheckForNull
    private final ArrayList<String> added;
    /** The snapshot the target served before the promotion; null when it served none (or in older records). */
    @CheckForNull
    private final String replacedSnapshotId;
    /** False in records written before {@link #replacedSnapshotId} was kept: those can only be withdrawn. */
    private final boolean replacedKnown;

    public PromotionRecord(
            String nodeName,
            RepositorySpec spec,
            List<String> patterns,
            String from,
            String to,
            String os,
            String arch,
            String snapshotId,
            List<String> added,
            @CheckForNull String replacedSnapshotId) {
        this.nodeName = nodeName;
        this.spec = spec;
        this.patterns = new ArrayList<>(patterns);
        this.from = from;
        this.to = to;
        this.os = os;
        this.arch = arch;
        this.snapshotId = snapshotId;
        this.added = new ArrayList<>(added);
        this.replacedSnapshotId = replacedSnapshotId;
        this.replacedKnown = true;
    }

    public String nodeName() {
        return nodeName;
    }

    public RepositorySpec spec() {
        return spec;
    }

    public List<String> patterns() {
        return List.copyOf(patterns);
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** The repository promoted into: the same agent, root, stage, OS and architecture is the same repository. */
    public String repositoryKey() {
        return nodeName + "|" + spec.root() + "|" + to + "|" + os + "|" + arch;
    }

    /** Whether the promotion changed the repository: it added packages (older records: assumed so). */
    public boolean changedIt() {
        return added == null || !added.isEmpty();
    }

    @CheckForNull
    public String replacedSnapshotId() {
        return replacedSnapshotId;
    }

    public boolean replacedKnown() {
        return replacedKnown;
    }

    /**
     * What the promotions into one repository brought into it, for a withdrawal: the file names they added (what was
     * there before stays); for records without them, the patterns the promotions selected.
     */
    public static List<String> brought(List<PromotionRecord> intoOneRepository) {
        Set<String> names = new LinkedHashSet<>();
        for (PromotionRecord p : intoOneRepository) {
            names.addAll(p.added == null ? p.patterns : p.added);
        }
        return List.copyOf(names);
    }
}
