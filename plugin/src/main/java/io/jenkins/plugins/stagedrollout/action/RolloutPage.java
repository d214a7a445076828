package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.rollout.Command;
import io.jenkins.plugins.stagedrollout.core.rollout.Event;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.core.rollout.TimelineEntry;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.time.ShownTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rollout page as one viewer sees it at one moment: what they may do now and nothing else (an invited team's
 * member answers while answers are open and reports while a report is due; the manager gets the commands the core
 * allows in this state), the outcome, the filed reports and the history, with times in the working calendar's zone.
 * The endpoints check the same rules again: hiding a button is no permission check.
 */
public final class RolloutPage {

    /** While the teams install, answer, run and report: where to install is shown. */
    private static final Set<RolloutState> INSTALLING = Set.of(
            RolloutState.STAGED_ROLLOUT, RolloutState.AWAITING_ANSWERS, RolloutState.SOAK, RolloutState.REPORTING);

    private final BuildRollout rollout;
    private final Actor viewer;
    private final Instant now;
    private final ZoneId zone;
    private final RolloutView view;
    /** Read from the event log once, on first use: the job's history shows many rollouts and needs none. */
    private List<Event> events;

    RolloutPage(BuildRollout rollout, Actor viewer, Instant now) {
        this.rollout = rollout;
        this.viewer = viewer;
        this.now = now;
        this.zone = rollout.zone();
        this.view = rollout.view();
    }

    public RolloutView getView() {
        return view;
    }

    /** Open: answers, reports or a decision may still come. */
    public boolean isOpen() {
        return !rollout.state().terminal();
    }

    /** The state as words: {@code awaiting answers}. */
    public String getStateText() {
        return view.state().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** An instant in the working calendar's zone, and from now; null for none. */
    @CheckForNull
    public ShownTime shown(@CheckForNull Instant instant) {
        return ShownTime.of(instant, zone, now);
    }

    @CheckForNull
    public ShownTime getDecidedAt() {
        return shown(rollout.rollout().decidedAt().orElse(null));
    }

    public List<TimelineEntry> getTimeline() {
        return TimelineEntry.of(events());
    }

    public List<TimelineEntry.FiledReport> getReports() {
        return TimelineEntry.reports(events());
    }

    private List<Event> events() {
        if (events == null) {
            events = rollout.events();
        }
        return events;
    }

    public List<String[]> getReleaseLinks() {
        return rollout.releaseLinks();
    }

    /** Mail problems matter to who can act on them: the manager (administrators included). */
    public List<String> getDeliveryProblems() {
        return isManager() ? rollout.deliveryProblems() : List.of();
    }

    /** The stages the rollout promoted into that the command-line tool changed since, looked up now on the agents. */
    public List<String> getOutsideChanges() {
        try {
            return rollout.outsideChanges();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Whether the page says where to install: while the rollout runs, once a package set is bound. */
    public boolean isInstallShown() {
        return INSTALLING.contains(rollout.state()) && !getPackagesUnderTest().isEmpty();
    }

    public List<String> getPackagesUnderTest() {
        return rollout.packagesUnderTest();
    }

    /** The testing repository, or null when no repository URL names the stack. */
    @CheckForNull
    public TestingRepository getTesting() {
        return rollout.testingRepository().orElse(null);
    }

    /** The dnf command that installs exactly the packages under test; null without a testing repository. */
    @CheckForNull
    public String getDnfInstall() {
        TestingRepository testing = getTesting();
        return testing == null ? null : testing.dnfInstall(getPackagesUnderTest());
    }

    /** An administrator can name the repository URL; the page points them to the setting instead of a manager. */
    public boolean isAdministrator() {
        return viewer.admin();
    }

    public boolean isManager() {
        return rollout.isManagedBy(viewer);
    }

    /** Whether the viewer may answer for the team now: allowed to act for it, and answers are open. */
    public boolean mayAnswer(TeamView team) {
        return mayActFor(team.team()) && rollout.allows(Command.ANSWER);
    }

    /** Whether the viewer should see the team's report form: the team accepted, reports are open, none filed yet. */
    public boolean reportDue(TeamView team) {
        return mayActFor(team.team())
                && "ACCEPTED".equals(team.status())
                && rollout.allows(Command.FILE_REPORT)
                && getReports().stream().noneMatch(r -> r.report().team().id().equals(team.team()));
    }

    /** Whether the viewer may send the manager's command now ({@code DECIDE}, {@code INVITE}, {@code ABORT}...). */
    public boolean managerMay(String command) {
        return isManager() && rollout.allows(Command.valueOf(command));
    }

    private boolean mayActFor(String team) {
        try {
            return rollout.mayActFor(viewer, TeamId.parse(team));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
