package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The staged rollout of one release: an immutable value rebuilt from its events. {@link #apply(Event)} never
 * validates rules (events are facts); the commands in {@link RolloutCommands} validate and produce events.
 */
public final class Rollout implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How long before the reports are due the teams still owing one are reminded. */
    public static final Duration REPORTS_REMINDER_BEFORE = Duration.ofHours(24);

    private Release release;
    private RolloutPolicy policy;
    private ReleaseLinks links;
    private String openedBy;
    private Instant openedAt;
    private RolloutState state;
    private PackageSet packages;
    private Map<TeamId, TeamStatus> teams;
    private Instant stagedRolloutStart;
    private Instant soakStart;
    private Instant soakEnd;
    private Instant reportsDue;
    private boolean reportsOverdueEscalated;
    private boolean reportsReminded;
    private boolean decisionRequested;
    private List<Event> escalations;
    private List<Event> repositoryChanges;
    private Decision decision;
    private String reason;
    private boolean automatic;
    private String decidedBy;
    private Instant decidedAt;
    private long lastSeq;

    private Rollout() {
    }

    private Rollout copy() {
        Rollout r = new Rollout();
        r.release = release;
        r.policy = policy;
        r.links = links;
        r.openedBy = openedBy;
        r.openedAt = openedAt;
        r.state = state;
        r.packages = packages;
        r.teams = teams;
        r.stagedRolloutStart = stagedRolloutStart;
        r.soakStart = soakStart;
        r.soakEnd = soakEnd;
        r.reportsDue = reportsDue;
        r.reportsOverdueEscalated = reportsOverdueEscalated;
        r.reportsReminded = reportsReminded;
        r.decisionRequested = decisionRequested;
        r.escalations = escalations;
        r.repositoryChanges = repositoryChanges;
        r.decision = decision;
        r.reason = reason;
        r.automatic = automatic;
        r.decidedBy = decidedBy;
        r.decidedAt = decidedAt;
        r.lastSeq = lastSeq;
        return r;
    }

    /** Rebuilds a rollout from its complete event history (first event: Opened). */
    public static Rollout replay(List<Event> events) {
        if (events.isEmpty()) {
            throw new RolloutException("An empty event history holds no rollout; open the rollout first");
        }
        Rollout r = null;
        for (Event e : events) {
            r = r == null ? initial(e) : r.apply(e);
        }
        return r;
    }

    static Rollout initial(Event e) {
        if (!(e.change() instanceof Change.Opened o) || e.seq() != 1) {
            throw new RolloutException("Event history must begin with Opened as event 1, found " + e.change().getClass().getSimpleName()
                    + " as event " + e.seq() + "; the log is not a rollout log");
        }
        Rollout r = new Rollout();
        r.release = o.release();
        r.policy = o.policy();
        r.links = o.links();
        r.openedBy = e.actor();
        r.openedAt = e.at();
        r.state = RolloutState.IN_VERIFICATION;
        r.teams = Map.of();
        r.escalations = List.of();
        r.repositoryChanges = List.of();
        r.lastSeq = 1;
        return r;
    }

    /** This rollout after the event; the event must be the next one in sequence and for this release. */
    public Rollout apply(Event e) {
        if (e.seq() != lastSeq + 1) {
            throw new RolloutException("Event " + e.seq() + " does not follow event " + lastSeq + "; the history has a gap or a duplicate");
        }
        if (!release.ticketTitle().equals(e.release())) {
            throw new RolloutException("Event " + e.seq() + " belongs to '" + e.release() + "', not to '" + release.ticketTitle() + "'");
        }
        if (!(e.change() instanceof Change.PackageSetBound) && !packageDigest().equals(e.packageDigest())) {
            throw new RolloutException("Event " + e.seq() + " is bound to package set " + e.packageDigest()
                    + " but the rollout is at " + packageDigest());
        }
        Rollout r = copy();
        r.lastSeq = e.seq();
        Change c = e.change();
        if (c instanceof Change.Opened) {
            throw new RolloutException("Event " + e.seq() + " opens the rollout a second time");
        } else if (c instanceof Change.PackageSetBound p) {
            r.bind(p, e);
        } else if (c instanceof Change.StagedRolloutStarted) {
            r.state = RolloutState.STAGED_ROLLOUT;
            r.stagedRolloutStart = e.at();
        } else if (c instanceof Change.RepositoryChanged) {
            r.repositoryChanges = append(repositoryChanges, e);
        } else if (c instanceof Change.TeamInvited i) {
            r.putTeam(new TeamStatus(i.team(), i.contacts(), e.at(), i.deadline(), i.remindAt(), false, false, List.of(), null));
            if (state == RolloutState.STAGED_ROLLOUT) {
                r.state = RolloutState.AWAITING_ANSWERS;
            }
        } else if (c instanceof Change.Answered a) {
            r.putTeam(invited(a.team(), e).withAnswer(new Answer(a.kind(), a.comment(), e.actor(), e.at(), a.via(), packages.digest())));
        } else if (c instanceof Change.ReminderSent s) {
            r.putTeam(invited(s.team(), e).markReminded());
        } else if (c instanceof Change.Escalated x) {
            r.escalations = append(escalations, e);
            if (x.reason() == EscalationReason.NO_QUORUM_BY_DEADLINE) {
                x.teams().forEach(t -> r.putTeam(invited(t, e).markEscalated()));
            } else if (x.reason() == EscalationReason.REPORTS_OVERDUE) {
                r.reportsOverdueEscalated = true;
            } else if (x.reason() == EscalationReason.READY_FOR_DECISION) {
                r.decisionRequested = true;
            }
        } else if (c instanceof Change.AnswerDeadlineExtended x) {
            x.newDeadlines().forEach(d -> r.putTeam(invited(d.team(), e).withDeadline(d.deadline(), d.remindAt())));
        } else if (c instanceof Change.QuorumChanged q) {
            r.policy = policy.withMinAccepts(q.minAccepts());
        } else if (c instanceof Change.SoakStarted s) {
            r.state = RolloutState.SOAK;
            r.soakStart = e.at();
            r.soakEnd = s.soakEnd();
            r.reportsDue = s.reportsDue();
            r.reportsReminded = false;
        } else if (c instanceof Change.SoakExtended s) {
            r.soakEnd = s.soakEnd();
            r.reportsDue = s.reportsDue();
            r.reportsOverdueEscalated = false;
            r.reportsReminded = false;
            if (state == RolloutState.REPORTING && s.soakEnd().isAfter(e.at())) {
                r.state = RolloutState.SOAK;
            }
        } else if (c instanceof Change.SoakEnded) {
            r.state = RolloutState.REPORTING;
        } else if (c instanceof Change.ReportsReminded) {
            r.reportsReminded = true;
        } else if (c instanceof Change.ReportFiled f) {
            r.putTeam(invited(f.report().team(), e).withReport(f.report()));
        } else if (c instanceof Change.Decided d) {
            r.state = d.decision() == Decision.ACCEPT ? RolloutState.ACCEPTED : RolloutState.REJECTED;
            r.decision = d.decision();
            r.reason = d.reason();
            r.automatic = d.automatic();
            r.decidedBy = e.actor();
            r.decidedAt = e.at();
        } else if (c instanceof Change.Aborted a) {
            r.state = RolloutState.ABORTED;
            r.reason = a.reason();
            r.decidedBy = e.actor();
            r.decidedAt = e.at();
        }
        return r;
    }

    private void bind(Change.PackageSetBound p, Event e) {
        if (!p.packages().digest().equals(e.packageDigest())) {
            throw new RolloutException("Event " + e.seq() + " binds package set " + p.packages().digest()
                    + " but is labelled " + e.packageDigest());
        }
        packages = p.packages();
        for (Change.TeamDeadline d : p.newDeadlines()) {
            putTeam(invited(d.team(), e).withDeadline(d.deadline(), d.remindAt()).withReport(null));
        }
        if (state == RolloutState.SOAK || state == RolloutState.REPORTING) {
            state = teams.isEmpty() ? RolloutState.STAGED_ROLLOUT : RolloutState.AWAITING_ANSWERS;
        }
        soakStart = null;
        soakEnd = null;
        reportsDue = null;
        reportsOverdueEscalated = false;
        reportsReminded = false;
        decisionRequested = false;
    }

    private TeamStatus invited(TeamId team, Event e) {
        TeamStatus t = teams.get(team);
        if (t == null) {
            throw new RolloutException("Event " + e.seq() + " names team " + team + ", which was never invited");
        }
        return t;
    }

    private void putTeam(TeamStatus t) {
        Map<TeamId, TeamStatus> m = new LinkedHashMap<>(teams);
        m.put(t.team(), t);
        teams = Collections.unmodifiableMap(m);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> l = new ArrayList<>(list);
        l.add(item);
        return Collections.unmodifiableList(l);
    }

    // ---- queries -------------------------------------------------------------------------------------------

    public Release release() {
        return release;
    }

    public RolloutPolicy policy() {
        return policy;
    }

    public ReleaseLinks links() {
        return links;
    }

    public String openedBy() {
        return openedBy;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public RolloutState state() {
        return state;
    }

    public Optional<PackageSet> packages() {
        return Optional.ofNullable(packages);
    }

    /** The digest answers and reports are bound to, or "none" before a package set is bound. */
    public String packageDigest() {
        return packages == null ? "none" : packages.digest();
    }

    /** Invited teams in invitation order. */
    public Map<TeamId, TeamStatus> teams() {
        return teams;
    }

    /** When the release entered testing (the staged rollout started); empty while it is in verification. */
    public Optional<Instant> stagedRolloutStart() {
        return Optional.ofNullable(stagedRolloutStart);
    }

    public Optional<Instant> soakStart() {
        return Optional.ofNullable(soakStart);
    }

    public Optional<Instant> soakEnd() {
        return Optional.ofNullable(soakEnd);
    }

    public Optional<Instant> reportsDue() {
        return Optional.ofNullable(reportsDue);
    }

    public boolean reportsOverdueEscalated() {
        return reportsOverdueEscalated;
    }

    /** Whether the teams with missing reports were reminded for the current {@link #reportsDue()}. */
    public boolean reportsReminded() {
        return reportsReminded;
    }

    /**
     * When the accepting teams whose report is missing get their reminder: {@link #REPORTS_REMINDER_BEFORE} before
     * {@link #reportsDue()}. Empty outside SOAK and REPORTING, once reminded for this due time, when no report is
     * missing, once the reports were escalated as overdue (a reminder after the due time would say nothing new), and
     * when that moment is not after the soak's start (the quorum mail just gave the due time).
     */
    public Optional<Instant> reportsReminderAt() {
        if ((state != RolloutState.SOAK && state != RolloutState.REPORTING) || reportsReminded || reportsOverdueEscalated
                || missingReports().isEmpty()) {
            return Optional.empty();
        }
        Instant at = reportsDue.minus(REPORTS_REMINDER_BEFORE);
        return at.isAfter(soakStart) ? Optional.of(at) : Optional.empty();
    }

    /** Whether the manager was already told that every report is in (once per package set). */
    public boolean decisionRequested() {
        return decisionRequested;
    }

    /** Every escalation event, oldest first. */
    public List<Event> escalations() {
        return escalations;
    }

    public List<Event> repositoryChanges() {
        return repositoryChanges;
    }

    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /** The decision's or the abort's reason. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public boolean automatic() {
        return automatic;
    }

    public Optional<String> decidedBy() {
        return Optional.ofNullable(decidedBy);
    }

    public Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }

    public long lastSeq() {
        return lastSeq;
    }

    public List<TeamId> teamsAnswering(AnswerKind kind) {
        return teams.values().stream().filter(t -> t.currentFor(packageDigest()) == kind).map(TeamStatus::team).toList();
    }

    public List<TeamId> accepted() {
        return teamsAnswering(AnswerKind.ACCEPT);
    }

    public List<TeamId> rejected() {
        return teamsAnswering(AnswerKind.REJECT);
    }

    /** Invited teams without an answer for the current package set. */
    public List<TeamId> silent() {
        return teams.values().stream().filter(t -> t.silent(packageDigest())).map(TeamStatus::team).toList();
    }

    public boolean quorumMet() {
        return accepted().size() >= policy.minAccepts();
    }

    /** Reports of accepting teams for the current package set. */
    public List<EaReport> reports() {
        return teams.values().stream().map(TeamStatus::report).filter(r -> r != null).toList();
    }

    /** Accepting teams that have not filed their report yet. */
    public List<TeamId> missingReports() {
        return teams.values().stream().filter(t -> t.currentFor(packageDigest()) == AnswerKind.ACCEPT && t.report() == null)
                .map(TeamStatus::team).toList();
    }

    /** Empty when the rules allow an automatic ACCEPT now; otherwise why not (shown to the manager). */
    public Optional<String> automaticAcceptBlocker() {
        if (!policy.autoDecide()) {
            return Optional.of("automatic decision is off: the manager decides");
        }
        if (state != RolloutState.REPORTING) {
            return Optional.of("the soak has not ended (state " + state + ")");
        }
        if (!quorumMet()) {
            return Optional.of(accepted().size() + " of " + policy.minAccepts() + " required teams accepted");
        }
        if (!rejected().isEmpty()) {
            return Optional.of("rejected by " + rejected() + ": the manager decides");
        }
        if (!missingReports().isEmpty()) {
            return Optional.of("reports missing from " + missingReports());
        }
        if (reports().stream().anyMatch(r -> !r.positive())) {
            return Optional.of("a report is negative: the manager decides");
        }
        return Optional.empty();
    }

    /**
     * When {@code tick} has something to do next (a reminder, a deadline escalation, the soak end, the report
     * reminder, overdue reports); empty when nothing is scheduled. Hosts set a timer for it.
     */
    public Optional<Instant> nextDeadline() {
        if (state.terminal()) {
            return Optional.empty();
        }
        String digest = packageDigest();
        Stream<Instant> reminders = Stream.empty();
        Stream<Instant> deadlines = Stream.empty();
        if (state == RolloutState.AWAITING_ANSWERS || state == RolloutState.SOAK) {
            reminders = teams.values().stream().filter(t -> !t.reminded() && t.silent(digest)).map(TeamStatus::remindAt);
        }
        if (state == RolloutState.AWAITING_ANSWERS) {
            deadlines = teams.values().stream().filter(t -> !t.escalated()).map(TeamStatus::deadline);
        }
        Stream<Instant> soak = state == RolloutState.SOAK ? Stream.of(soakEnd) : Stream.empty();
        Stream<Instant> due = state == RolloutState.REPORTING && !reportsOverdueEscalated && !missingReports().isEmpty()
                ? Stream.of(reportsDue) : Stream.empty();
        return Stream.of(reminders, deadlines, soak, reportsReminderAt().stream(), due).flatMap(s -> s).min(Instant::compareTo);
    }

    /**
     * Refuses (with {@link RolloutException}) a promotion the state does not allow: into the last of the ordered
     * {@code stages} (production) only when ACCEPTED and only from the stage before it (testing); into testing or an
     * earlier stage only while the rollout runs. Changes nothing: record the move afterwards as a repository change.
     */
    public void checkPromotion(String fromStage, String toStage, List<String> stages) {
        StageMoves.checkPromotion(this, fromStage, toStage, stages);
    }

    /** Refuses taking the release out of {@code stage} unless it is REJECTED or ABORTED; never out of production. */
    public void checkWithdrawal(String stage, List<String> stages) {
        StageMoves.checkWithdrawal(this, stage, stages);
    }

    /** Refuses NEVRAs outside the package set the Early Adopters tested; call before promoting into production. */
    public void checkTestedPackages(List<String> nevras) {
        StageMoves.checkTestedPackages(this, nevras);
    }

    public RolloutView view() {
        return RolloutView.of(this);
    }

    private List<Object> fields() {
        return Arrays.asList(release, policy, links, openedBy, openedAt, state, packages, teams, stagedRolloutStart, soakStart, soakEnd,
                reportsDue, reportsOverdueEscalated, reportsReminded, decisionRequested, escalations, repositoryChanges, decision,
                reason, automatic, decidedBy, decidedAt, lastSeq);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rollout r && fields().equals(r.fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    @Override
    public String toString() {
        return release.ticketTitle() + " [" + state + ", " + teams.size() + " teams, event " + lastSeq + "]";
    }
}
