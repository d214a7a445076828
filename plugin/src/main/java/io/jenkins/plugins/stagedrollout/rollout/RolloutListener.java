package io.jenkins.plugins.stagedrollout.rollout;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears that a rollout changed, so that what shows or waits on it follows without the rollout knowing who listens:
 * the dashboard's index keeps its entry, and the waiting step looks again after a change made by people. A listener's
 * failure is logged and never fails the change, which is already recorded in the rollout's log.
 */
public abstract class RolloutListener implements ExtensionPoint {

    private static final Logger LOGGER = Logger.getLogger(RolloutListener.class.getName());

    /** After every recorded change, whoever made it (the Pipeline, a timer, a person). */
    public void onChanged(BuildRollout rollout) {}

    /**
     * After a change made by a person on the page or by mail (an answer, a report, a decision, an extension): not
     * after the Pipeline's own commands, which would wake the waiting step from its own evaluation.
     */
    public void onChangedByPeople(BuildRollout rollout) {}

    static void fireChanged(BuildRollout rollout) {
        fire(rollout, l -> l.onChanged(rollout));
    }

    static void fireChangedByPeople(BuildRollout rollout) {
        fire(rollout, l -> l.onChangedByPeople(rollout));
    }

    private static void fire(BuildRollout rollout, Consumer<RolloutListener> call) {
        for (RolloutListener l : ExtensionList.lookup(RolloutListener.class)) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, l + " failed on a change of " + rollout, e);
            }
        }
    }
}
