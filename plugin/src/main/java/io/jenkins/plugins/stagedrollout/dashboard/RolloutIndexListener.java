package io.jenkins.plugins.stagedrollout.dashboard;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.RolloutListener;

/**
 * Keeps the index of rollouts in step with the rollouts, jobs and builds: a changed rollout's entry is replaced,
 * deleted jobs and builds leave it, renamed or moved ones move.
 */
public final class RolloutIndexListener {

    private RolloutIndexListener() {}

    /** The dashboard must not be wrong for long; a failure here never fails the change (the listeners log it). */
    @Extension
    public static final class Rollouts extends RolloutListener {

        @Override
        public void onChanged(BuildRollout rollout) {
            RolloutIndex.get().put(RolloutEntry.of(rollout));
        }
    }

    @Extension
    public static final class Items extends ItemListener {

        @Override
        public void onDeleted(Item item) {
            RolloutIndex.get().removeJob(item.getFullName());
        }

        @Override
        public void onLocationChanged(Item item, String oldFullName, String newFullName) {
            if (item instanceof Job) {
                RolloutIndex.get().moveJob(oldFullName, newFullName);
            }
        }
    }

    @Extension
    public static final class Runs extends RunListener<Run<?, ?>> {

        @Override
        public void onDeleted(@NonNull Run<?, ?> run) {
            RolloutIndex.get().removeBuild(run.getParent().getFullName(), run.getNumber());
        }
    }
}
