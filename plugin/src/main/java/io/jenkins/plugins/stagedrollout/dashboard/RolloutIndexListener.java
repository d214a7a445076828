package io.jenkins.plugins.stagedrollout.dashboard;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import hudson.model.listeners.RunListener;

/** Keeps the index of rollouts in step with jobs and builds: deleted ones leave it, renamed or moved ones move. */
public final class RolloutIndexListener {

    private RolloutIndexListener() {}

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
