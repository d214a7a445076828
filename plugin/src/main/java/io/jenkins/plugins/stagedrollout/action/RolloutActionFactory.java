package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.util.Collection;
import jenkins.model.TransientActionFactory;

/**
 * One rollout page for each rollout of a build, made when the build's actions are asked for: the page keeps nothing,
 * the build keeps the {@link BuildRollout}. Lookups of other kinds of actions skip this factory.
 */
@Extension
public final class RolloutActionFactory extends TransientActionFactory<Run> {

    @Override
    public Class<Run> type() {
        return Run.class;
    }

    @Override
    public Class<RolloutAction> actionType() {
        return RolloutAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Run target) {
        return BuildRollout.all(target).stream().map(RolloutAction::new).toList();
    }
}
