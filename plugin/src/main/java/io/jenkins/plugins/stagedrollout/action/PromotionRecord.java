package io.jenkins.plugins.stagedrollout.action;

import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

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

    public PromotionRecord(
            String nodeName,
            RepositorySpec spec,
            List<String> patterns,
            String from,
            String to,
            String os,
            String arch,
            String snapshotId) {
        this.nodeName = nodeName;
        this.spec = spec;
        this.patterns = new ArrayList<>(patterns);
        this.from = from;
        this.to = to;
        this.os = os;
        this.arch = arch;
        this.snapshotId = snapshotId;
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
}
