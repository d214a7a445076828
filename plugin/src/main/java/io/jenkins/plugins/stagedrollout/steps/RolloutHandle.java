package io.jenkins.plugins.stagedrollout.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.io.Serializable;

/**
 * What {@code stagedRollout} hands to the steps in its block: which rollout of the build they work on.
 * Only the id travels through the Pipeline program (a plain class: the program's serialization predates
 * records); the rollout itself is the build's {@link BuildRollout}.
 */
public final class RolloutHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String rolloutId;

    public RolloutHandle(String rolloutId) {
        this.rolloutId = rolloutId;
    }

    public String rolloutId() {
        return rolloutId;
    }

    public BuildRollout rolloutOf(Run<?, ?> run) throws AbortException {
        return BuildRollout.of(run, rolloutId)
                .orElseThrow(
                        () -> new AbortException(Messages.RolloutHandle_Missing(rolloutId, run.getFullDisplayName())));
    }
}
