package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.SummaryReport;
import io.jenkins.plugins.stagedrollout.core.report.TeamAnswerLine;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The facade for hosts: one rollout, its event log file, mail and clock. Every command validates, appends its
 * events durably, then adopts the new state, then sends mail; a refused command changes neither state nor log.
 * A mail failure does not undo the recorded change; it is kept in {@link #deliveryProblems()} and logged.
 */
public final class RolloutService implements Closeable {
    private static final Logger LOG = Logger.getLogger(RolloutService.class.getName());

    private final EventLog log;
    private final RolloutEnvironment env;
    private final List<String> deliveryProblems = new ArrayList<>();
    private Rollout rollout;

    private RolloutService(EventLog log, RolloutEnvironment env, Rollout rollout) {
        this.log = log;
        this.env = env;
        this.rollout = rollout;
    }

    /** Starts a new rollout in a new (or empty) log file. */
    public static RolloutService open(Path logFile, RolloutEnvironment env, Actor actor, Release release, RolloutPolicy policy,
                                      ReleaseLinks links) {
        Transition t = RolloutCommands.open(actor, release, policy, links, env.clock().instant());
        if (!env.roster().managesStack(actor, release.stack())) {
            throw new RolloutException("User " + actor.userId() + " may not open a rollout of stack " + release.stack()
                    + ": only its managers or administrators may; ask a Staged Rollout Manager");
        }
        EventLog log = EventLog.open(logFile);
        if (!log.events().isEmpty()) {
            String existing = log.events().get(0).release();
            log.close();
            throw new RolloutException("Event log " + logFile + " already holds the rollout '" + existing
                    + "'; load it instead of opening a new one, or use another file");
        }
        log.append(t.events());
        return new RolloutService(log, env, t.after());
    }

    /** Rebuilds the rollout from its log after a restart; a torn end is cut off and reported in {@link #recovery()}. */
    public static RolloutService load(Path logFile, RolloutEnvironment env) {
        if (!Files.isRegularFile(logFile)) {
            throw new EventLogException("Event log " + logFile + " does not exist; open the rollout first, or check the path", null);
        }
        EventLog log = EventLog.open(logFile);
        try {
            return new RolloutService(log, env, Rollout.replay(log.events()));
        } catch (RuntimeException e) {
            log.close();
            throw new EventLogException("Event log " + logFile + " does not replay: " + e.getMessage()
                    + "; restore it from a backup, nothing was changed", e);
        }
    }

    public synchronized Rollout rollout() {
        return rollout;
    }

    public synchronized RolloutView view() {
        return rollout.view();
    }

    public synchronized Optional<Instant> nextDeadline() {
        return rollout.nextDeadline();
    }

    public Optional<String> recovery() {
        return log.recovery();
    }

    /** Every recorded event, oldest first: the rollout's history. */
    public List<Event> events() {
        return log.events();
    }

    public Path logFile() {
        return log.file();
    }

    public synchronized List<String> deliveryProblems() {
        return List.copyOf(deliveryProblems);
    }

    /** See {@link Rollout#checkPromotion}: call before moving packages, then {@link #recordRepositoryChange}. */
    public synchronized void checkPromotion(String fromStage, String toStage, List<String> stages) {
        rollout.checkPromotion(fromStage, toStage, stages);
    }

    /** See {@link Rollout#checkWithdrawal}: call before taking packages out of a stage, then {@link #recordRepositoryChange}. */
    public synchronized void checkWithdrawal(String stage, List<String> stages) {
        rollout.checkWithdrawal(stage, stages);
    }

    /** See {@link Rollout#checkTestedPackages}: the NEVRAs a promotion into production would move, before it moves them. */
    public synchronized void checkTestedPackages(List<String> nevras) {
        rollout.checkTestedPackages(nevras);
    }

    public RolloutView bindPackageSet(Actor actor, PackageSet packages) {
        return run(ctx -> RolloutCommands.bindPackageSet(rollout, ctx, actor, packages));
    }

    public RolloutView startStagedRollout(Actor actor, String note) {
        return run(ctx -> RolloutCommands.startStagedRollout(rollout, ctx, actor, note));
    }

    public RolloutView recordRepositoryChange(Actor actor, String from, String to, String detail) {
        return run(ctx -> RolloutCommands.recordRepositoryChange(rollout, ctx, actor, from, to, detail));
    }

    public RolloutView invite(Actor actor, Collection<TeamId> teams) {
        return run(ctx -> RolloutCommands.invite(rollout, ctx, actor, teams));
    }

    public RolloutView answer(Actor actor, TeamId team, AnswerKind kind, String comment) {
        return run(ctx -> RolloutCommands.answer(rollout, ctx, actor, team, kind, comment, "web"));
    }

    /** An answer from a page that showed package set {@code seenDigest}: refused if the set has changed since. */
    public RolloutView answer(Actor actor, TeamId team, AnswerKind kind, String comment, String seenDigest) {
        return run(ctx -> RolloutCommands.answer(rollout, ctx, actor, team, kind, comment, "web", seenDigest));
    }

    /** A reply written by a person, e.g. mail text {@code accept NGI_IT-INFN-T1}. */
    public RolloutView answerFromText(Actor actor, String text) {
        return run(ctx -> RolloutCommands.answerFromText(rollout, ctx, actor, text, "text"));
    }

    /** A mail reply from {@code actor}; the same Message-ID twice records one answer. */
    public RolloutView answerByMail(Actor actor, AnswerText answer, String messageId) {
        return run(ctx -> RolloutCommands.answerByMail(rollout, ctx, actor, answer, messageId));
    }

    /** Whether the mail with this Message-ID has already given an answer here. */
    public synchronized boolean hasMailAnswer(String messageId) {
        return RolloutCommands.hasMailAnswer(rollout, messageId);
    }

    public RolloutView extendAnswerDeadline(Actor actor, int workingDays) {
        return run(ctx -> RolloutCommands.extendAnswerDeadline(rollout, ctx, actor, workingDays));
    }

    /** A new quorum ({@code minAccepts}) before the soak starts; starts the soak at once if already met. */
    public RolloutView changeQuorum(Actor actor, int minAccepts) {
        return run(ctx -> RolloutCommands.changeQuorum(rollout, ctx, actor, minAccepts));
    }

    public RolloutView extendSoak(Actor actor, int days) {
        return run(ctx -> RolloutCommands.extendSoak(rollout, ctx, actor, days));
    }

    public RolloutView fileReport(Actor actor, EaReport report) {
        return run(ctx -> RolloutCommands.fileReport(rollout, ctx, actor, report));
    }

    public RolloutView decide(Actor actor, Decision decision, String reason) {
        return run(ctx -> RolloutCommands.decide(rollout, ctx, actor, decision, reason));
    }

    public RolloutView abort(Actor actor, String reason) {
        return run(ctx -> RolloutCommands.abort(rollout, ctx, actor, reason));
    }

    /** Fires whatever is due now (reminders, escalations, soak end, automatic decision). Call at {@link #nextDeadline()}. */
    public RolloutView tick() {
        return run(ctx -> RolloutCommands.tick(rollout, ctx));
    }

    /** The summary of all answers and reports so far. */
    public synchronized SummaryReport summary() {
        Rollout r = rollout;
        List<TeamAnswerLine> answers = r.view().teams().stream().map(t -> new TeamAnswerLine(t.team(), t.status(), t.comment())).toList();
        return new SummaryReport(r.release(), r.packageDigest(), r.packages().map(PackageSet::nevras).orElse(List.of()),
                r.view().outcome(), r.reason().orElse(null), answers, r.reports());
    }

    private synchronized RolloutView run(Function<RolloutContext, Transition> command) {
        Transition t = command.apply(env.context());
        if (t.changed()) {
            log.append(t.events());
            rollout = t.after();
            for (Notification n : Notifications.of(t, env.roster())) {
                deliver(n);
            }
        }
        return rollout.view();
    }

    private void deliver(Notification n) {
        try {
            env.notifier().send(n);
        } catch (RuntimeException e) {
            String problem = env.clock().instant() + " " + n.getClass().getSimpleName() + " to " + n.recipients() + ": " + e.getMessage();
            deliveryProblems.add(problem);
            LOG.log(Level.WARNING, "Staged rollout mail not delivered: " + problem, e);
        }
    }

    @Override
    public synchronized void close() {
        log.close();
    }
}
