package io.jenkins.plugins.stagedrollout.dashboard;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.core.rollout.Rollout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One rollout as the dashboard needs it, kept in the {@link RolloutIndex} so that drawing the page loads no build:
 * where it is (job full name, build number, rollout id and page), what it is (title, stack), how far it got (state,
 * outcome, teams) and its dates. Immutable; a change of the rollout replaces the entry.
 */
public final class RolloutEntry {

    private final String job;
    private final int build;
    private final String rolloutId;
    private final String urlName;
    private final String title;
    private final String stack;
    private final String stackRelease;
    private final String state;
    private final String outcome;
    // An ArrayList, not List.of: XStream writes and reads it back as a plain list.
    private final ArrayList<TeamEntry> teams;

    // Epoch milliseconds: Jenkins does not let XStream read java.time values back (JEP-200 class filter).
    @CheckForNull
    private final Long nextDeadline;

    private final long openedAt;

    @CheckForNull
    private final Long stagedAt;

    @CheckForNull
    private final Long decidedAt;

    /** The stages of the rollout the command-line tool changed, as last seen; null in older indexes: none. */
    @CheckForNull
    private final ArrayList<String> outsideChanges;

    private RolloutEntry(RolloutEntry at, String job) {
        this.job = job;
        this.build = at.build;
        this.rolloutId = at.rolloutId;
        this.urlName = at.urlName;
        this.title = at.title;
        this.stack = at.stack;
        this.stackRelease = at.stackRelease;
        this.state = at.state;
        this.outcome = at.outcome;
        this.teams = at.teams;
        this.nextDeadline = at.nextDeadline;
        this.openedAt = at.openedAt;
        this.stagedAt = at.stagedAt;
        this.decidedAt = at.decidedAt;
        this.outsideChanges = at.outsideChanges;
    }

    private RolloutEntry(
            String job, int build, String rolloutId, String urlName, Rollout r, List<String> outsideChanges) {
        RolloutView view = r.view();
        this.job = job;
        this.build = build;
        this.rolloutId = rolloutId;
        this.urlName = urlName;
        this.title = view.title();
        this.stack = r.release().stack();
        this.stackRelease = r.release().stackRelease();
        this.state = r.state().name();
        this.outcome = view.outcome();
        this.teams = new ArrayList<>();
        boolean running = !r.state().terminal();
        for (TeamView t : view.teams()) {
            boolean waiting = running
                    && (view.silent().contains(t.team())
                            || view.missingReports().contains(t.team()));
            teams.add(new TeamEntry(t.team(), t.status(), waiting));
        }
        this.nextDeadline = millis(r.nextDeadline().orElse(null));
        this.openedAt = r.openedAt().toEpochMilli();
        this.stagedAt = millis(r.stagedRolloutStart().orElse(null));
        this.decidedAt = millis(r.decidedAt().orElse(null));
        this.outsideChanges = outsideChanges.isEmpty() ? null : new ArrayList<>(outsideChanges);
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The entry of rollout {@code rolloutId} (page {@code urlName}) of build {@code build} of job {@code job}. */
    public static RolloutEntry of(String job, int build, String rolloutId, String urlName, Rollout rollout) {
        return new RolloutEntry(job, build, rolloutId, urlName, rollout, List.of());
    }

    /** The entry of a build's rollout as it stands. */
    public static RolloutEntry of(BuildRollout r) {
        return new RolloutEntry(
                r.run().getParent().getFullName(),
                r.run().getNumber(),
                r.rolloutId(),
                r.pathName(),
                r.rollout(),
                r.lastOutsideChanges());
    }

    /** The same rollout after its job was renamed or moved. */
    RolloutEntry movedTo(String newJob) {
        return new RolloutEntry(this, newJob);
    }

    /** Unique in the index: a build may hold several rollouts. */
    String key() {
        return key(job, build, rolloutId);
    }

    static String key(String job, int build, String rolloutId) {
        return job + '#' + build + '#' + rolloutId;
    }

    /** Still running: not ACCEPTED, REJECTED or ABORTED. */
    public boolean isOpen() {
        return !RolloutState.valueOf(state).terminal();
    }

    public String getJob() {
        return job;
    }

    public int getBuild() {
        return build;
    }

    public String getRolloutId() {
        return rolloutId;
    }

    public String getUrlName() {
        return urlName;
    }

    public String getTitle() {
        return title;
    }

    /** The stack the managers are configured for, such as {@code UMD}. */
    public String getStack() {
        return stack;
    }

    /** The stack with its major version, such as {@code UMD-4}. */
    public String getStackRelease() {
        return stackRelease;
    }

    public String getState() {
        return state;
    }

    public String getOutcome() {
        return outcome;
    }

    public List<TeamEntry> getTeams() {
        return Collections.unmodifiableList(teams);
    }

    /** The stages of the rollout the command-line tool changed, one line each, as the rollout page last saw them. */
    public List<String> getOutsideChanges() {
        return outsideChanges == null ? List.of() : Collections.unmodifiableList(outsideChanges);
    }

    @CheckForNull
    public Instant getNextDeadline() {
        return instant(nextDeadline);
    }

    public Instant getOpenedAt() {
        return Instant.ofEpochMilli(openedAt);
    }

    @CheckForNull
    public Instant getStagedAt() {
        return instant(stagedAt);
    }

    @CheckForNull
    public Instant getDecidedAt() {
        return instant(decidedAt);
    }

    private List<Object> fields() {
        return Arrays.asList(
                job,
                build,
                rolloutId,
                urlName,
                title,
                stack,
                stackRelease,
                state,
                outcome,
                teams,
                nextDeadline,
                openedAt,
                stagedAt,
                decidedAt,
                outsideChanges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RolloutEntry e && e.fields().equals(fields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields().toArray());
    }

    @Override
    public String toString() {
        return key() + " " + title + " [" + state + "]";
    }
}
