package io.jenkins.plugins.stagedrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.RolloutListener;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.POSTHyperlinkNote;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def answers = waitForEarlyAdopters teams: ['ea-NGI_IT-INFN-T1'], minAccepts: 1}: invites the teams by
 * mail and waits, like {@code input}, without a thread or an executor, until the manager (or the automatic
 * rule) decides. Deadlines fire from a timer set on the core's next deadline, again after a restart.
 * ACCEPT returns the rollout as a plain Map; REJECT fails the step with the reason; ABORTED aborts the build.
 */
public final class WaitForEarlyAdoptersStep extends Step {

    private static final Logger LOGGER = Logger.getLogger(WaitForEarlyAdoptersStep.class.getName());

    private final List<String> teams;
    private Integer minAccepts;

    @DataBoundConstructor
    public WaitForEarlyAdoptersStep(List<String> teams) {
        List<String> kept = new ArrayList<>();
        if (teams != null) {
            for (String t : teams) {
                String s = Util.fixEmptyAndTrim(t);
                if (s != null) {
                    kept.add(s);
                }
            }
        }
        this.teams = List.copyOf(kept);
    }

    public List<String> getTeams() {
        return teams;
    }

    @CheckForNull
    public Integer getMinAccepts() {
        return minAccepts;
    }

    /** A new quorum for the rollout, recorded like a manager's change; null keeps the rollout's quorum. */
    @DataBoundSetter
    public void setMinAccepts(Integer minAccepts) {
        this.minAccepts = minAccepts;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, teams, minAccepts);
    }

    /** After a change made on the page or by mail, the waiting step looks at the rollout again at once. */
    @Extension
    public static final class WakeOnChange extends RolloutListener {
        @Override
        public void onChangedByPeople(BuildRollout rollout) {
            wakeUp(rollout.run(), rollout.rolloutId());
        }
    }

    /** The waiting step of the build's rollout, if any, re-evaluates on the timer. */
    public static void wakeUp(Run<?, ?> run, String rolloutId) {
        if (!(run instanceof FlowExecutionOwner.Executable executable)) {
            return;
        }
        try {
            FlowExecutionOwner owner = executable.asFlowExecutionOwner();
            if (owner == null) {
                return;
            }
            FlowExecution flow = owner.get();
            for (StepExecution e : flow.getCurrentExecutions(true).get()) {
                // The waiting id is volatile and null until the step has started: compare from the given id.
                if (e instanceof Execution wait && rolloutId.equals(wait.rolloutId)) {
                    Timer.get().execute(wait::reevaluate);
                }
            }
        } catch (Exception x) {
            // The step re-evaluates at its next deadline anyway.
            LOGGER.log(Level.WARNING, "Could not wake the waiting step of " + run, x);
        }
    }

    public static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final ArrayList<String> teams;

        @CheckForNull
        private final Integer minAccepts;

        @CheckForNull
        private volatile String rolloutId;

        private volatile boolean invited;

        private volatile boolean finished;

        private transient volatile ScheduledFuture<?> timer;

        Execution(StepContext context, List<String> teams, @CheckForNull Integer minAccepts) {
            super(context);
            this.teams = new ArrayList<>(teams);
            this.minAccepts = minAccepts;
        }

        @Override
        public boolean start() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            BuildRollout rollout = getContext().get(RolloutHandle.class).rolloutOf(run);
            if (teams.isEmpty()) {
                throw new AbortException(Messages.WaitForEarlyAdoptersStep_NoTeams());
            }
            rolloutId = rollout.rolloutId();
            node.addAction(new PauseAction(Messages.WaitForEarlyAdoptersStep_PauseCause()));
            // Inviting sends mail: not on the CPS VM thread.
            Timer.get().execute(this::inviteThenWait);
            return false;
        }

        private void inviteThenWait() {
            try {
                TaskListener listener = getContext().get(TaskListener.class);
                BuildRollout rollout = rollout();
                // Changed only when it differs: run again after a restart, this is a no-op.
                if (minAccepts != null && minAccepts != rollout.minAccepts()) {
                    rollout.changeQuorum(minAccepts);
                }
                try {
                    rollout.inviteMissing(teams);
                } catch (RuntimeException e) {
                    throw new AbortException(e.getMessage());
                }
                synchronized (this) {
                    invited = true;
                }
                getContext().saveState();
                printLinks(rollout, listener.getLogger());
                for (String problem : rollout.deliveryProblems()) {
                    listener.error(problem);
                }
            } catch (Exception x) {
                synchronized (this) {
                    if (finished) {
                        // Decided or aborted on the page while the invitations went out: the step has its outcome.
                        return;
                    }
                    finished = true;
                }
                endPause();
                getContext().onFailure(x);
                return;
            }
            reevaluate();
        }

        private void printLinks(BuildRollout rollout, PrintStream log) {
            String base = '/' + rollout.url();
            log.println(Messages.WaitForEarlyAdoptersStep_Waiting(
                    rollout.title(), HyperlinkNote.encodeTo(base, Messages.WaitForEarlyAdoptersStep_PageLink())));
            for (String team : teams) {
                String answer = base + "answer?team=" + Util.rawEncode(team) + "&answer=";
                log.println(team + ": "
                        + POSTHyperlinkNote.encodeTo(answer + "accept", Messages.WaitForEarlyAdoptersStep_Accept())
                        + " or "
                        + POSTHyperlinkNote.encodeTo(answer + "reject", Messages.WaitForEarlyAdoptersStep_Reject()));
            }
        }

        /** Fires what is due, then ends the wait if the rollout is decided, else sleeps until the next deadline. */
        synchronized void reevaluate() {
            if (finished) {
                return;
            }
            try {
                BuildRollout rollout = rollout();
                rollout.tick();
                RolloutState state = rollout.state();
                if (state.terminal()) {
                    finish(rollout, state);
                } else {
                    schedule(rollout.nextDeadline());
                }
            } catch (Exception x) {
                LOGGER.log(Level.WARNING, "Could not re-evaluate the rollout wait", x);
                schedule(Optional.of(RolloutClock.now().plusSeconds(60)));
            }
        }

        private BuildRollout rollout() throws Exception {
            return new RolloutHandle(rolloutId).rolloutOf(getContext().get(Run.class));
        }

        private void schedule(Optional<Instant> deadline) {
            ScheduledFuture<?> old = timer;
            if (old != null) {
                old.cancel(false);
            }
            if (deadline.isPresent()) {
                timer = Timer.get()
                        .schedule(this::reevaluate, RolloutClock.millisUntil(deadline.get()), TimeUnit.MILLISECONDS);
            }
        }

        /** Completes the step exactly once: {@code finished} is set first, so the outcome must reach the context. */
        private void finish(BuildRollout rollout, RolloutState state) {
            finished = true;
            endPause();
            try {
                RolloutView view = rollout.view();
                TaskListener listener = getContext().get(TaskListener.class);
                listener.getLogger()
                        .println(Messages.WaitForEarlyAdoptersStep_Outcome(rollout.title(), view.outcome()));
                if (state == RolloutState.ACCEPTED) {
                    getContext().onSuccess(pipelineValue(view.toPlainMap()));
                } else if (state == RolloutState.REJECTED) {
                    getContext()
                            .onFailure(new AbortException(
                                    Messages.WaitForEarlyAdoptersStep_Rejected(rollout.title(), view.reason())));
                } else {
                    String by = view.decidedBy() == null ? "SYSTEM" : view.decidedBy();
                    getContext()
                            .onFailure(new FlowInterruptedException(
                                    Result.ABORTED, new CauseOfInterruption.UserInterruption(by)));
                }
            } catch (Exception x) {
                getContext().onFailure(x);
            }
        }

        /**
         * The same values in ArrayList and LinkedHashMap: the program state serializes them, and sandboxed
         * scripts call methods on them, both of which are proven with these JDK classes.
         */
        static Object pipelineValue(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), pipelineValue(v)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(pipelineValue(v)));
                return copy;
            }
            return value;
        }

        private void endPause() {
            try {
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) {
                    PauseAction.endCurrentPause(node);
                }
            } catch (Exception x) {
                LOGGER.log(Level.FINE, "Could not end the pause", x);
            }
        }

        @Override
        public void onResume() {
            // Deadlines that passed while Jenkins was down fire now; later ones get a new timer.
            if (invited) {
                Timer.get().execute(this::reevaluate);
            } else {
                Timer.get().execute(this::inviteThenWait);
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            boolean completed;
            synchronized (this) {
                completed = finished;
                finished = true;
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            if (!completed) {
                endPause();
                getContext().onFailure(cause);
            }
        }

        @Override
        public String getStatus() {
            return finished ? "finished" : "waiting for Early Adopters of rollout " + rolloutId;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "waitForEarlyAdopters";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WaitForEarlyAdoptersStep_DisplayName();
        }

        /** RolloutHandle: outside {@code stagedRollout} the step fails at once, naming the missing block. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class, RolloutHandle.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object t = namedArgs.get("teams");
            return t == null ? null : t.toString();
        }
    }
}
