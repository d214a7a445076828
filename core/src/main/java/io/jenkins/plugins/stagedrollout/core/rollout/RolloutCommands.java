package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.ReportFileName;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule of the process. Each command validates everything first and throws {@link RolloutException}
 * (changing nothing), then returns the events it causes, including follow-ups: a reject escalates, quorum starts
 * the soak, a completed set of positive reports accepts automatically when the policy allows.
 */
public final class RolloutCommands {
    private RolloutCommands() {
    }

    public static Transition open(Actor actor, Release release, RolloutPolicy policy, ReleaseLinks links, Instant now) {
        Guards.requireActor(actor);
        if (release == null || policy == null || links == null || links.answerPage() == null) {
            throw new RolloutException("Opening a rollout needs the release, the policy and links with the answer page URL;"
                    + " give all three");
        }
        Change.Opened opened = new Change.Opened(release, policy, links);
        Event e = new Event(1, now, actor.userId(), release.ticketTitle(), "none", true, opened);
        return new Transition(Rollout.initial(e), List.of(e));
    }

    public static Transition bindPackageSet(Rollout r, RolloutContext ctx, Actor actor, PackageSet packages) {
        Guards.require(r, Command.BIND_PACKAGE_SET);
        Guards.requireManager(r, ctx, actor, "bind the package set");
        if (packages == null) {
            throw new RolloutException("No package set given; pass the NEVRA list of the packages under test");
        }
        Draft d = new Draft(r, ctx.now());
        if (r.packages().map(p -> p.digest().equals(packages.digest())).orElse(false)) {
            return d.done();
        }
        List<Change.TeamDeadline> deadlines = r.teams().keySet().stream().map(t -> Timers.deadline(r, ctx, t, ctx.now())).toList();
        d.emit(actor, new Change.PackageSetBound(packages, deadlines));
        return d.done();
    }

    public static Transition startStagedRollout(Rollout r, RolloutContext ctx, Actor actor, String note) {
        Guards.require(r, Command.START_STAGED_ROLLOUT);
        Guards.requireManager(r, ctx, actor, "start the staged rollout");
        if (r.packages().isEmpty()) {
            throw new RolloutException("Cannot start the staged rollout of " + r.release() + ": no package set is bound;"
                    + " bind the NEVRA list of the packages first");
        }
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.StagedRolloutStarted(Guards.text(note, "note", false)));
        return d.done();
    }

    public static Transition recordRepositoryChange(Rollout r, RolloutContext ctx, Actor actor, String from, String to, String detail) {
        Guards.requireManager(r, ctx, actor, "record a repository change");
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.RepositoryChanged(Guards.text(from, "source repository", true), Guards.text(to, "target repository", true),
                Guards.text(detail, "detail", false)));
        return d.done();
    }

    public static Transition invite(Rollout r, RolloutContext ctx, Actor actor, Collection<TeamId> teams) {
        if (r.state() == RolloutState.REPORTING) {
            // A team invited now would have no soak left before the decision: the soak must make room for it first.
            throw new RolloutException("Cannot invite teams: " + r.release() + " is REPORTING (the soak ended "
                    + r.soakEnd().orElseThrow() + "), so a new team would have no time to run the update; extend the soak"
                    + " first (extend the soak by at least " + r.policy().soakMinDays() + " days: the rollout returns to"
                    + " SOAK), then invite the teams");
        }
        Guards.require(r, Command.INVITE);
        Guards.requireManager(r, ctx, actor, "invite teams");
        if (teams == null || teams.isEmpty()) {
            throw new RolloutException("No team to invite; name at least one team such as ea-NGI_IT-INFN-T1");
        }
        Set<TeamId> unique = new LinkedHashSet<>(teams);
        List<EarlyAdopterTeam> found = new ArrayList<>();
        for (TeamId t : unique) {
            EarlyAdopterTeam team = ctx.roster().team(t).orElseThrow(() -> new RolloutException("Team " + t
                    + " is unknown: it is not in the Early Adopter roster; add it to the roster or correct the id"));
            if (r.teams().containsKey(t)) {
                throw new RolloutException("Team " + t + " is already invited (deadline " + r.teams().get(t).deadline()
                        + "); to give it more time, extend the answer deadline");
            }
            found.add(team);
        }
        Draft d = new Draft(r, ctx.now());
        for (EarlyAdopterTeam t : found) {
            Change.TeamDeadline dl = Timers.deadline(r, ctx, t.id(), ctx.now());
            d.emit(actor, new Change.TeamInvited(t.id(), t.contacts(), dl.deadline(), dl.remindAt()));
        }
        return d.done();
    }

    public static Transition answer(Rollout r, RolloutContext ctx, Actor actor, TeamId team, AnswerKind kind, String comment, String via) {
        return answer(r, ctx, actor, team, kind, comment, via, null);
    }

    /**
     * As {@link #answer(Rollout, RolloutContext, Actor, TeamId, AnswerKind, String, String)}, refusing the answer when
     * {@code seenDigest} (the package set the person looked at, e.g. on the answer page) is no longer the current one.
     */
    public static Transition answer(Rollout r, RolloutContext ctx, Actor actor, TeamId team, AnswerKind kind, String comment,
                                    String via, String seenDigest) {
        Guards.require(r, Command.ANSWER);
        if (seenDigest != null && !seenDigest.equals(r.packageDigest())) {
            throw new RolloutException("The package set changed since the answer was prepared (sha256 " + abbreviate(seenDigest)
                    + ", now " + abbreviate(r.packageDigest()) + "); review the new packages and answer again");
        }
        TeamStatus status = Guards.invitedTeam(r, ctx, team);
        Guards.requireTeamActor(r, ctx, actor, team, "answer");
        if (kind == null) {
            throw new RolloutException("The answer has no kind; give ACCEPT, REJECT or WITHDRAW");
        }
        AnswerKind current = status.currentFor(r.packageDigest());
        if (kind == AnswerKind.WITHDRAW && current == null) {
            throw new RolloutException("Team " + team + " has no answer to withdraw; answer ACCEPT or REJECT instead");
        }
        Draft d = new Draft(r, ctx.now());
        String text = Guards.text(comment, "comment", false);
        boolean repeated = kind == current;
        if (repeated && !isNewComment(status, text)) {
            return d.done(); // the same answer again (a second click, a mail delivered twice): nothing new to keep
        }
        d.emit(actor, new Change.Answered(team, kind, text, Guards.text(via, "channel", false)));
        if (kind == AnswerKind.REJECT && !repeated) {
            d.emit(Actor.SYSTEM, new Change.Escalated(EscalationReason.REJECT_RECEIVED, List.of(team),
                    "Team " + team + " rejected" + (comment == null || comment.isBlank() ? "" : ": " + comment)));
        }
        Timers.followUps(d, ctx);
        return d.done();
    }

    /** A repeated answer is kept when it says something new: a comment other than the one of the last answer. */
    private static boolean isNewComment(TeamStatus status, String comment) {
        List<Answer> history = status.history();
        return comment != null && !comment.equals(history.get(history.size() - 1).comment());
    }

    public static Transition answerFromText(Rollout r, RolloutContext ctx, Actor actor, String text, String via) {
        Guards.require(r, Command.ANSWER);
        AnswerText parsed = AnswerText.parse(text);
        return answer(r, ctx, actor, parsed.team(), parsed.kind(), parsed.comment(), via);
    }

    /**
     * A mail reply, recorded as an answer through {@code via} {@link #mailChannel(String) "mail <Message-ID>"}: a
     * second delivery of the same message finds its answer already recorded and changes nothing.
     */
    public static Transition answerByMail(Rollout r, RolloutContext ctx, Actor actor, AnswerText answer, String messageId) {
        Guards.require(r, Command.ANSWER);
        if (hasMailAnswer(r, messageId)) {
            return new Draft(r, ctx.now()).done();
        }
        return answer(r, ctx, actor, answer.team(), answer.kind(), answer.comment(), mailChannel(messageId));
    }

    /** Whether an answer of any team came from the mail with this Message-ID. */
    public static boolean hasMailAnswer(Rollout r, String messageId) {
        String via = mailChannel(messageId);
        return r.teams().values().stream().flatMap(t -> t.history().stream()).anyMatch(a -> via.equals(a.via()));
    }

    /** The channel of an answer given by mail: {@code mail <Message-ID>}, which makes it traceable in the mailbox. */
    public static String mailChannel(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw new RolloutException("A mail answer needs the mail's Message-ID; a mail without one cannot be recorded");
        }
        return "mail " + messageId.strip();
    }

    public static Transition extendAnswerDeadline(Rollout r, RolloutContext ctx, Actor actor, int workingDays) {
        Guards.require(r, Command.EXTEND_ANSWER_DEADLINE);
        Guards.requireManager(r, ctx, actor, "extend the answer deadline");
        Guards.checkWorkingDays(workingDays);
        List<TeamId> silent = r.silent();
        if (silent.isEmpty()) {
            throw new RolloutException("No invited team is waiting to answer, so there is no deadline to extend; invite more teams instead");
        }
        List<Change.TeamDeadline> deadlines = new ArrayList<>();
        for (TeamId t : silent) {
            Instant old = r.teams().get(t).deadline();
            Instant base = old.isAfter(ctx.now()) ? old : ctx.now();
            Instant deadline = ctx.calendar().plusWorkingDays(base, workingDays);
            deadlines.add(new Change.TeamDeadline(t, deadline, ctx.calendar().halfway(base, deadline)));
        }
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.AnswerDeadlineExtended(workingDays, deadlines));
        return d.done();
    }

    /**
     * Sets a new quorum ({@code minAccepts}) before the soak starts, e.g. when the Pipeline names it only after
     * opening the rollout. A quorum already met starts the soak at once, as an answer reaching it would.
     */
    public static Transition changeQuorum(Rollout r, RolloutContext ctx, Actor actor, int minAccepts) {
        Guards.require(r, Command.CHANGE_QUORUM);
        Guards.requireManager(r, ctx, actor, "change the quorum");
        try {
            r.policy().withMinAccepts(minAccepts);
        } catch (RolloutException e) {
            throw new RolloutException("Quorum change: " + e.getMessage(), e);
        }
        Draft d = new Draft(r, ctx.now());
        if (minAccepts == r.policy().minAccepts()) {
            return d.done();
        }
        d.emit(actor, new Change.QuorumChanged(minAccepts));
        Timers.followUps(d, ctx);
        return d.done();
    }

    public static Transition extendSoak(Rollout r, RolloutContext ctx, Actor actor, int days) {
        Guards.require(r, Command.EXTEND_SOAK);
        Guards.requireManager(r, ctx, actor, "extend the soak");
        if (days < 1 || days > RolloutPolicy.MAX_SOAK_DAYS) {
            throw new RolloutException("Soak extension of " + days + " days is out of range; give 1 to " + RolloutPolicy.MAX_SOAK_DAYS + " days");
        }
        Instant end = r.soakEnd().orElseThrow().plus(Duration.ofDays(days));
        if (!end.isAfter(ctx.now())) {
            throw new RolloutException("Extending the soak by " + days + " days ends it at " + end + ", already past; extend by more days");
        }
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.SoakExtended(days, end, r.reportsDue().orElseThrow().plus(Duration.ofDays(days))));
        return d.done();
    }

    public static Transition fileReport(Rollout r, RolloutContext ctx, Actor actor, EaReport report) {
        Guards.require(r, Command.FILE_REPORT);
        if (report == null) {
            throw new RolloutException("No report given; fill in the EA report");
        }
        TeamStatus status = Guards.invitedTeam(r, ctx, report.team());
        Guards.requireTeamActor(r, ctx, actor, report.team(), "file a report");
        if (status.currentFor(r.packageDigest()) != AnswerKind.ACCEPT) {
            throw new RolloutException("Team " + report.team() + " has not accepted package set " + r.packageDigest().substring(0, 12)
                    + ", so it cannot report on it; reports come from accepting teams: accept first");
        }
        if (report.attachment() != null) {
            ReportFileName name;
            try {
                name = ReportFileName.parse(report.attachment().name(), r.release());
            } catch (InvalidNameException e) {
                throw new RolloutException(e.getMessage(), e);
            }
            if (!name.team().equals(report.team())) {
                throw new RolloutException("Attachment " + report.attachment().name() + " is named for team " + name.team()
                        + " but the report is from " + report.team() + "; name it " + ReportFileName.of(report.team(), r.release(), name.extension()));
            }
        }
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.ReportFiled(report));
        if (!report.positive()) {
            d.emit(Actor.SYSTEM, new Change.Escalated(EscalationReason.NEGATIVE_REPORT, List.of(report.team()),
                    "Team " + report.team() + " filed a negative report"));
        }
        Timers.followUps(d, ctx);
        return d.done();
    }

    public static Transition decide(Rollout r, RolloutContext ctx, Actor actor, Decision decision, String reason) {
        Guards.require(r, Command.DECIDE);
        Guards.requireManager(r, ctx, actor, "decide the outcome");
        if (decision == null) {
            throw new RolloutException("No decision given; give ACCEPT or REJECT");
        }
        String why = Guards.text(reason, "reason", true);
        if (decision == Decision.ACCEPT && !r.quorumMet()) {
            throw new RolloutException("Cannot ACCEPT " + r.release() + ": " + r.accepted().size() + " of " + r.policy().minAccepts()
                    + " required teams accepted; invite more teams, or REJECT");
        }
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.Decided(decision, why, false));
        return d.done();
    }

    public static Transition abort(Rollout r, RolloutContext ctx, Actor actor, String reason) {
        Guards.require(r, Command.ABORT);
        Guards.requireManager(r, ctx, actor, "abort the rollout");
        String why = Guards.text(reason, "reason", true);
        Draft d = new Draft(r, ctx.now());
        d.emit(actor, new Change.Aborted(why));
        return d.done();
    }

    private static String abbreviate(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }

    /** Fires every reminder, escalation, soak end and report reminder due at {@code ctx.now()}, each exactly once. */
    public static Transition tick(Rollout r, RolloutContext ctx) {
        return Timers.tick(r, ctx);
    }
}
