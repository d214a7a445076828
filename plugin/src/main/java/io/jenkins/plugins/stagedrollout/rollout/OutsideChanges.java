package io.jenkins.plugins.stagedrollout.rollout;

import hudson.FilePath;
import hudson.model.Node;
import io.jenkins.plugins.stagedrollout.agent.StageChangesCallable;
import io.jenkins.plugins.stagedrollout.core.repo.ChangeRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The stages a rollout promoted into that now serve something else than its last promotion there left, changed by
 * the command-line tool (the repository's change log says so): "changed outside any rollout". A stage another
 * rollout changed since is not listed (that change is in that rollout's history), nor one whose agent is offline.
 */
final class OutsideChanges {

    private static final Logger LOGGER = Logger.getLogger(OutsideChanges.class.getName());

    private OutsideChanges() {}

    /** One line per such stage: {@code testing/el9/x86_64 changed outside any rollout: <the last such change>}. */
    static List<String> find(List<PromotionRecord> promotions, Predicate<String> withdrawnFrom)
            throws InterruptedException {
        Map<String, PromotionRecord> last = new LinkedHashMap<>();
        promotions.forEach(p -> last.put(p.repositoryKey(), p));
        List<String> found = new ArrayList<>();
        for (PromotionRecord p : last.values()) {
            if (withdrawnFrom.test(p.repositoryKey()) || p.snapshotId() == null) {
                continue;
            }
            Node node = p.nodeName().isEmpty() ? Jenkins.get() : Jenkins.get().getNode(p.nodeName());
            FilePath root = node == null ? null : node.createPath(p.spec().root());
            if (root == null) {
                continue;
            }
            try {
                StageChangesCallable.StageChanges changes =
                        root.act(new StageChangesCallable(p.spec(), p.to(), p.os(), p.arch(), p.snapshotId()));
                if (!Objects.equals(changes.servedId(), p.snapshotId())
                        && !changes.outside().isEmpty()) {
                    ChangeRecord latest =
                            changes.outside().get(changes.outside().size() - 1);
                    found.add(p.to() + "/" + p.os() + "/" + p.arch() + " changed outside any rollout: "
                            + latest.describe());
                }
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.FINE, "Cannot read the changes of " + p.repositoryKey(), e);
            }
        }
        return List.copyOf(found);
    }
}
