package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job's "Staged Rollouts" page: the rollouts of its recent builds, newest first, with state and outcome; the
 * same through the remote API ({@code <job>/staged-rollouts/api/json}), for scripts and dashboards.
 */
@ExportedBean
public final class RolloutHistoryAction implements Action {

    /** Only recent builds are looked at: loading every build of a long-lived job would be slow. */
    static final int RECENT_BUILDS = 50;

    private final Job<?, ?> job;

    RolloutHistoryAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public Api getApi() {
        return new Api(this);
    }

    @Exported(inline = true)
    public List<RolloutAction> getRollouts() {
        List<RolloutAction> out = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(RECENT_BUILDS)) {
            out.addAll(run.getActions(RolloutAction.class));
        }
        return out;
    }

    @Override
    public String getIconFileName() {
        return "symbol-people";
    }

    @Override
    public String getDisplayName() {
        return Messages.RolloutHistoryAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "staged-rollouts";
    }

    /** Shown only on jobs whose last build ran a staged rollout, so other jobs stay uncluttered. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        /** Other lookups of actions on jobs (dashboard columns, ...) skip this factory and load no build. */
        @Override
        public Class<RolloutHistoryAction> actionType() {
            return RolloutHistoryAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> last = target.getLastBuild();
            if (last == null || BuildRollout.all(last).isEmpty()) {
                return List.of();
            }
            return List.of(new RolloutHistoryAction(target));
        }
    }
}
