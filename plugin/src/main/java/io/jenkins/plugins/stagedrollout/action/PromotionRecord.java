package io.jenkins.plugins.stagedrollout.action;

import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import java.io.Serializable;
import java.util.List;

/**
 * One repository change made inside a rollout, kept in {@code build.xml}: enough to undo it on the same
 * agent when the rollout is rejected (the node name is empty for the built-in node).
 */
public record PromotionRecord(
        String nodeName,
        RepositorySpec spec,
        List<String> patterns,
        String from,
        String to,
        String os,
        String arch,
        String snapshotId)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PromotionRecord {
        patterns = List.copyOf(patterns);
    }
}
