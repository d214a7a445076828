package io.jenkins.plugins.stagedrollout.settlement;

import hudson.FilePath;
import hudson.model.Node;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.agent.UndoCallable;
import io.jenkins.plugins.stagedrollout.agent.WithdrawCallable;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.PromotionRecord;
import io.jenkins.plugins.stagedrollout.signing.SigningKeyCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * Settles the repositories after any end of a rollout but ACCEPT (REJECT, an abort, a failed or stopped block): the
 * release leaves every stage it was promoted into, on the agent that promoted it. Each repository done is noted in
 * {@code build.xml} before the next is started, so settling again after a restart skips it.
 */
public final class ReleaseWithdrawal {

    private final BuildRollout rollout;
    private final TaskListener listener;

    public ReleaseWithdrawal(BuildRollout rollout, TaskListener listener) {
        this.rollout = rollout;
        this.listener = listener;
    }

    /** Takes the release out of every repository it entered; run again, it skips the repositories already done. */
    public void run() throws IOException, InterruptedException {
        for (List<PromotionRecord> into : byRepository(rollout.promotions()).values()) {
            settle(into);
        }
    }

    private static Map<String, List<PromotionRecord>> byRepository(List<PromotionRecord> promotions) {
        Map<String, List<PromotionRecord>> grouped = new LinkedHashMap<>();
        for (PromotionRecord p : promotions) {
            grouped.computeIfAbsent(p.repositoryKey(), k -> new ArrayList<>()).add(p);
        }
        return grouped;
    }

    private void settle(List<PromotionRecord> into) throws IOException, InterruptedException {
        PromotionRecord p = into.get(0);
        String repository = p.repositoryKey();
        if (rollout.isWithdrawnFrom(repository)) {
            listener.getLogger().println(Messages.ReleaseWithdrawal_AlreadyWithdrawn(p.to()));
            return;
        }
        List<PromotionRecord> changing =
                into.stream().filter(PromotionRecord::changedIt).toList();
        List<String> brought = PromotionRecord.brought(changing);
        if (brought.isEmpty()) {
            // Every package was there before this rollout promoted it: nothing of this rollout to take out.
            listener.getLogger().println(Messages.ReleaseWithdrawal_NothingBrought(p.to()));
            rollout.markWithdrawnFrom(repository);
            return;
        }
        Node node = p.nodeName().isEmpty() ? Jenkins.get() : Jenkins.get().getNode(p.nodeName());
        FilePath root = node == null ? null : node.createPath(p.spec().root());
        if (root == null) {
            listener.error(Messages.ReleaseWithdrawal_AgentOffline(p.nodeName(), p.to()));
            return;
        }
        rollout.checkWithdrawal(p.to(), p.spec().stages());
        PromotionResult r = root.act(callable(p, changing, brought));
        rollout.markWithdrawnFrom(repository);
        listener.getLogger().println(r.message());
        rollout.recordWithdrawal(p.to(), r.message());
    }

    /**
     * Serve again what the stage served before the first of the rollout's promotions, byte for byte, when nothing else
     * changed it since; records from before the replaced snapshot was kept can only withdraw.
     */
    private FilePath.FileCallable<PromotionResult> callable(
            PromotionRecord p, List<PromotionRecord> changing, List<String> brought) throws IOException {
        PromotionRecord first = changing.get(0);
        PromotionRecord last = changing.get(changing.size() - 1);
        byte[] key = SigningKeyCredentials.read(rollout.run(), p.spec());
        return first.replacedKnown()
                ? new UndoCallable(
                        p.spec(),
                        listener,
                        key,
                        p.to(),
                        p.os(),
                        p.arch(),
                        last.snapshotId(),
                        first.replacedSnapshotId(),
                        brought)
                : new WithdrawCallable(p.spec(), listener, key, brought, p.to(), p.os(), p.arch());
    }
}
