package io.jenkins.plugins.stagedrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.settlement.ReleaseWithdrawal;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code stagedRollout(stack: 'UMD-4', component: 'bdii-site', version: '1.0.1-1', os: 'el9', arch: 'x86_64') {...}}:
 * opens the rollout of one release, names the build after its ticket title, hands the rollout to the steps
 * in the block, and turns the outcome into the build result.
 */
public final class StagedRolloutStep extends Step {

    private final String stack;
    private final String component;
    private final String version;
    private String os;
    private String arch;
    private String releaseNotes;
    private String installation;
    private String fixedBugs;
    private String documentation;
    private String reportCollection;
    private Integer minAccepts;
    private Integer answerWorkingDays;
    private Integer soakMinDays;
    private Integer soakMaxDays;
    private boolean autoDecide;

    @DataBoundConstructor
    public StagedRolloutStep(String stack, String component, String version) {
        this.stack = Util.fixEmptyAndTrim(stack);
        this.component = Util.fixEmptyAndTrim(component);
        this.version = Util.fixEmptyAndTrim(version);
    }

    public String getStack() {
        return stack;
    }

    public String getComponent() {
        return component;
    }

    public String getVersion() {
        return version;
    }

    public String getOs() {
        return os;
    }

    @DataBoundSetter
    public void setOs(String os) {
        this.os = Util.fixEmptyAndTrim(os);
    }

    public String getArch() {
        return arch;
    }

    @DataBoundSetter
    public void setArch(String arch) {
        this.arch = Util.fixEmptyAndTrim(arch);
    }

    public String getReleaseNotes() {
        return releaseNotes;
    }

    @DataBoundSetter
    public void setReleaseNotes(String releaseNotes) {
        this.releaseNotes = Util.fixEmptyAndTrim(releaseNotes);
    }

    public String getInstallation() {
        return installation;
    }

    @DataBoundSetter
    public void setInstallation(String installation) {
        this.installation = Util.fixEmptyAndTrim(installation);
    }

    public String getFixedBugs() {
        return fixedBugs;
    }

    @DataBoundSetter
    public void setFixedBugs(String fixedBugs) {
        this.fixedBugs = Util.fixEmptyAndTrim(fixedBugs);
    }

    public String getDocumentation() {
        return documentation;
    }

    @DataBoundSetter
    public void setDocumentation(String documentation) {
        this.documentation = Util.fixEmptyAndTrim(documentation);
    }

    public String getReportCollection() {
        return reportCollection;
    }

    @DataBoundSetter
    public void setReportCollection(String reportCollection) {
        this.reportCollection = Util.fixEmptyAndTrim(reportCollection);
    }

    public Integer getMinAccepts() {
        return minAccepts;
    }

    @DataBoundSetter
    public void setMinAccepts(Integer minAccepts) {
        this.minAccepts = minAccepts;
    }

    public Integer getAnswerWorkingDays() {
        return answerWorkingDays;
    }

    @DataBoundSetter
    public void setAnswerWorkingDays(Integer answerWorkingDays) {
        this.answerWorkingDays = answerWorkingDays;
    }

    public Integer getSoakMinDays() {
        return soakMinDays;
    }

    @DataBoundSetter
    public void setSoakMinDays(Integer soakMinDays) {
        this.soakMinDays = soakMinDays;
    }

    public Integer getSoakMaxDays() {
        return soakMaxDays;
    }

    @DataBoundSetter
    public void setSoakMaxDays(Integer soakMaxDays) {
        this.soakMaxDays = soakMaxDays;
    }

    public boolean isAutoDecide() {
        return autoDecide;
    }

    /** Accept by itself when quorum, soak and positive reports allow and nobody rejected (default: the manager decides). */
    @DataBoundSetter
    public void setAutoDecide(boolean autoDecide) {
        this.autoDecide = autoDecide;
    }

    /** The rollout's rules: global defaults, overridden by this step's values. The core checks the ranges. */
    RolloutPolicy policy() {
        return StagedRolloutConfiguration.get()
                .toPolicy(minAccepts, answerWorkingDays, soakMinDays, soakMaxDays, autoDecide);
    }

    /** The core validates every name and says how to fix a bad one. */
    Release release() {
        return Release.of(stack, component, version, os, arch);
    }

    /** Release notes, installation, fixed bugs, documentation, report collection; nulls for the absent ones. */
    String[] links() {
        return new String[] {releaseNotes, installation, fixedBugs, documentation, reportCollection};
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Settling after the block (outcome to build result; on REJECT the withdrawal from the stages, which runs
     * createrepo_c on agents and can take a while) happens off the CPS VM thread. The callback marks the block as
     * ended in this execution, which lives in the saved program, so a controller stopped before settling is done
     * settles again in {@link #onResume()}: Jenkins calls it for every running step, block steps included, after
     * a restart. Settling twice is harmless: withdrawals already done are recorded in the {@link BuildRollout}.
     */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient StagedRolloutStep step;

        @CheckForNull
        private volatile String rolloutId;

        private volatile boolean blockEnded;

        /**
         * What the block returned. Not kept across a restart: it may be any value of the script, and one that cannot
         * be serialized would stop the whole program from being saved; after a restart the block returns null.
         */
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "null after a restart.")
        @CheckForNull
        private transient volatile Object blockResult;

        /** What the block threw: Pipeline keeps failures in the program state anyway. */
        @CheckForNull
        private volatile Throwable blockFailure;

        /** The running block; kept in the program state, so that Stop cancels it after a restart too. */
        @CheckForNull
        private volatile BodyExecution body;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "No settling runs at load.")
        private transient volatile boolean settling;

        Execution(StagedRolloutStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Release release;
            RolloutPolicy policy;
            try {
                release = step.release();
                policy = step.policy();
            } catch (RolloutException | IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            BuildRollout rollout = BuildRollout.open(run, release, step.links(), policy);
            rolloutId = rollout.rolloutId();
            run.setDisplayName(release.ticketTitle());
            listener.getLogger()
                    .println(Messages.StagedRolloutStep_Opened(release.ticketTitle(), rollout.absoluteUrl()));
            body = getContext()
                    .newBodyInvoker()
                    .withContext(new RolloutHandle(rolloutId))
                    .withCallback(new BlockEnd(this))
                    .start();
            return false;
        }

        /**
         * The build's Stop button: the block is cancelled and ends through {@link BlockEnd}, so that the rollout is
         * aborted and its packages withdrawn before the step fails, instead of the step ending at once and leaving the
         * release in testing. Once the block has ended the settling under way finishes by itself.
         */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            BodyExecution running = body;
            if (running != null && !blockEnded) {
                running.cancel(cause);
            } else if (running == null) {
                getContext().onFailure(cause);
            }
        }

        /** On the CPS VM thread: records the end of the block, then settles once the program saying so is saved. */
        void blockEnded(@CheckForNull Object result, @CheckForNull Throwable failure) {
            blockResult = result;
            blockFailure = failure;
            blockEnded = true;
            settling = true;
            // Settling may mail the outcome and run createrepo_c on an agent: not on the CPS VM thread.
            getContext().saveState().addListener(this::settle, Timer.get());
        }

        @Override
        public void onResume() {
            if (blockEnded) {
                Timer.get().execute(this::settle);
            }
        }

        /** A safe restart waits for the settling (a restart anyway is handled by {@link #onResume()}). */
        @Override
        public boolean blocksRestart() {
            return settling;
        }

        @Override
        public String getStatus() {
            return settling ? "settling rollout " + rolloutId : blockEnded ? "block ended" : "running the block";
        }

        private void settle() {
            settling = true;
            try {
                settleOutcome();
            } finally {
                settling = false;
            }
        }

        private void settleOutcome() {
            StepContext context = getContext();
            Object result = blockResult;
            Throwable failure = blockFailure;
            try {
                Run<?, ?> run = context.get(Run.class);
                TaskListener listener = context.get(TaskListener.class);
                BuildRollout rollout = new RolloutHandle(rolloutId).rolloutOf(run);
                RolloutState state = rollout.state();
                if (state == RolloutState.ACCEPTED) {
                    listener.getLogger().println(Messages.StagedRolloutStep_Accepted(rollout.title()));
                    finish(context, result, failure);
                } else if (state == RolloutState.REJECTED) {
                    withdrawAndFail(context, rollout, listener);
                } else if (state == RolloutState.ABORTED) {
                    if (withdraw(rollout, listener)) {
                        context.onFailure(failure != null ? failure : new FlowInterruptedException(Result.ABORTED));
                    }
                } else {
                    String why = failure instanceof FlowInterruptedException
                            ? Messages.StagedRolloutStep_BuildAborted()
                            : failure != null
                                    ? Messages.StagedRolloutStep_BlockFailed(String.valueOf(failure.getMessage()))
                                    : Messages.StagedRolloutStep_NoOutcome();
                    rollout.abortBySystem(why);
                    if (withdraw(rollout, listener)) {
                        context.onFailure(failure != null ? failure : new AbortException(why));
                    }
                }
            } catch (Exception x) {
                if (stopping(x)) {
                    LOGGER.log(Level.FINE, "Jenkins stops: the block settles after the restart", x);
                    return;
                }
                if (failure != null) {
                    x.addSuppressed(failure);
                }
                context.onFailure(x);
            }
        }

        private static void finish(StepContext context, @CheckForNull Object result, @CheckForNull Throwable failure) {
            if (failure != null) {
                context.onFailure(failure);
            } else {
                context.onSuccess(result);
            }
        }

        private static void withdrawAndFail(StepContext context, BuildRollout rollout, TaskListener listener) {
            String reason = rollout.view().reason();
            listener.getLogger().println(Messages.StagedRolloutStep_Rejected(rollout.title(), reason));
            if (withdrawQuietly(rollout, listener)) {
                context.onFailure(
                        new AbortException(Messages.StagedRolloutStep_RejectedResult(rollout.title(), reason)));
            }
        }

        /** An end without ACCEPT (aborted, stopped, failed block): the release leaves the stages it entered. */
        private static boolean withdraw(BuildRollout rollout, TaskListener listener) {
            if (!rollout.promotions().isEmpty()) {
                listener.getLogger()
                        .println(Messages.StagedRolloutStep_Withdrawing(
                                rollout.title(), rollout.state().name()));
            }
            return withdrawQuietly(rollout, listener);
        }

        /**
         * Withdraws what the rollout promoted; false when Jenkins stops meanwhile: the step then stays running in the
         * saved program and {@link #onResume()} withdraws what is left. A failed withdrawal is reported, with the tool
         * that finishes it by hand, and the step ends.
         */
        private static boolean withdrawQuietly(BuildRollout rollout, TaskListener listener) {
            try {
                new ReleaseWithdrawal(rollout, listener).run();
            } catch (Exception x) {
                if (stopping(x)) {
                    LOGGER.log(Level.FINE, "Jenkins stops during the withdrawal of " + rollout.title(), x);
                    return false;
                }
                listener.error(Messages.StagedRolloutStep_WithdrawFailed(String.valueOf(x.getMessage())));
            }
            return true;
        }

        /**
         * A failure caused by Jenkins stopping (the timer's threads interrupted, agents disconnected after the
         * program was saved) is no outcome: completing the step then would skip what is left to do after the restart.
         */
        private static boolean stopping(Exception x) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            return x instanceof InterruptedException || jenkins == null || jenkins.isTerminating();
        }
    }

    /** Hands the end of the block to the execution, which keeps it across a restart. */
    private static final class BlockEnd extends BodyExecutionCallback {

        private static final long serialVersionUID = 1L;

        private final Execution execution;

        BlockEnd(Execution execution) {
            this.execution = execution;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            execution.blockEnded(result, null);
        }

        @Override
        public void onFailure(StepContext context, Throwable failure) {
            execution.blockEnded(null, failure);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "stagedRollout";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.StagedRolloutStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public Set<? extends Class<?>> getProvidedContext() {
            return Set.of(RolloutHandle.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object component = namedArgs.get("component");
            Object version = namedArgs.get("version");
            return component == null || version == null ? null : component + " " + version;
        }
    }
}
