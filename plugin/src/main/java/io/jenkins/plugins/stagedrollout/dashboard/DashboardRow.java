package io.jenkins.plugins.stagedrollout.dashboard;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import io.jenkins.plugins.stagedrollout.time.ShownTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One line of the dashboard: an indexed rollout of a job the viewer may read, with its links, counted teams and
 * the countdown to its next deadline, as of one instant. Built from the index entry and the job: no build is loaded.
 */
@ExportedBean(defaultVisibility = 2)
public final class DashboardRow {

    private final RolloutEntry entry;
    private final String jobUrl;
    private final String jobDisplayName;
    private final Instant now;
    private final ZoneId zone;
    // Computed once: the page reads each list several times per row.
    private final List<String> invited;
    private final List<String> accepted;
    private final List<String> rejected;
    private final List<String> silent;

    DashboardRow(RolloutEntry entry, Job<?, ?> job, Instant now, ZoneId zone) {
        this.entry = entry;
        this.jobUrl = job.getUrl();
        this.jobDisplayName = job.getFullDisplayName();
        this.now = now;
        this.zone = zone;
        this.invited = entry.getTeams().stream().map(TeamEntry::getTeam).toList();
        this.accepted = withStatus("ACCEPTED");
        this.rejected = withStatus("REJECTED");
        this.silent = withStatus("INVITED");
    }

    RolloutEntry entry() {
        return entry;
    }

    @Exported
    public String getTitle() {
        return entry.getTitle();
    }

    /** The job's full name, such as {@code releases/bdii-site}. */
    @Exported
    public String getJob() {
        return entry.getJob();
    }

    public String getJobDisplayName() {
        return jobDisplayName;
    }

    /** The job's page, relative to the Jenkins root URL. */
    public String getJobUrl() {
        return jobUrl;
    }

    @Exported
    public int getBuild() {
        return entry.getBuild();
    }

    public String getBuildUrl() {
        return jobUrl + entry.getBuild() + "/";
    }

    @Exported
    public String getRolloutId() {
        return entry.getRolloutId();
    }

    /** The rollout's page (where teams answer), relative to the Jenkins root URL. */
    @Exported
    public String getUrl() {
        return getBuildUrl() + entry.getUrlName() + "/";
    }

    /** The stack with its major version, such as {@code UMD-4}. */
    @Exported
    public String getStack() {
        return entry.getStackRelease();
    }

    @Exported
    public String getState() {
        return entry.getState();
    }

    /** ACCEPT, REJECT, ABORTED or PENDING. */
    @Exported
    public String getOutcome() {
        return entry.getOutcome();
    }

    /** Stages of the rollout the command-line tool changed, as the rollout page last saw them (who, when, what, why). */
    @Exported
    public List<String> getOutsideChanges() {
        return entry.getOutsideChanges();
    }

    @Exported
    public boolean isOpen() {
        return entry.isOpen();
    }

    @Exported(inline = true)
    public List<TeamEntry> getTeams() {
        return entry.getTeams();
    }

    @Exported
    public List<String> getInvited() {
        return invited;
    }

    @Exported
    public List<String> getAccepted() {
        return accepted;
    }

    @Exported
    public List<String> getRejected() {
        return rejected;
    }

    /** Invited teams without an answer for the current package set. */
    @Exported
    public List<String> getSilent() {
        return silent;
    }

    /** For the page: {@code 0}, or the count and the teams, {@code 2 (ea-NGI_IT-INFN-T1, ea-NGI_DE-KIT)}. */
    public String counted(List<String> teams) {
        return teams.isEmpty() ? "0" : teams.size() + " (" + String.join(", ", teams) + ")";
    }

    /** The teams an open rollout waits for: no answer yet, or an accepting team's report. */
    @Exported
    public List<String> getWaitingFor() {
        return entry.getTeams().stream()
                .filter(TeamEntry::isWaiting)
                .map(TeamEntry::getTeam)
                .toList();
    }

    private List<String> withStatus(String status) {
        return entry.getTeams().stream()
                .filter(t -> t.getStatus().equals(status))
                .map(TeamEntry::getTeam)
                .toList();
    }

    /** The team's status in this rollout (INVITED, ACCEPTED, REJECTED, WITHDRAWN), or an empty string. */
    public String statusOf(String team) {
        return entry.getTeams().stream()
                .filter(t -> t.getTeam().equals(team))
                .map(TeamEntry::getStatus)
                .findFirst()
                .orElse("");
    }

    /** When the controller acts next on the rollout (reminder, answer deadline, soak end, reports due), ISO-8601. */
    @CheckForNull
    @Exported
    public String getNextDeadline() {
        return text(entry.getNextDeadline());
    }

    /** The next deadline in the working calendar's zone and from now, for the page. */
    @CheckForNull
    public ShownTime getNextDeadlineShown() {
        return ShownTime.of(entry.getNextDeadline(), zone, now);
    }

    /** The decision's time in the working calendar's zone and from now, for the page. */
    @CheckForNull
    public ShownTime getDecidedShown() {
        return ShownTime.of(entry.getDecidedAt(), zone, now);
    }

    /** Seconds from now to the next deadline, negative once it passed (the controller acts on its next tick). */
    @CheckForNull
    @Exported
    public Long getSecondsToDeadline() {
        Instant d = entry.getNextDeadline();
        return d == null ? null : Duration.between(now, d).getSeconds();
    }

    /**
     * Whole days since the release entered testing, up to now for an open rollout and up to the decision for an
     * ended one; null when it never entered testing.
     */
    @CheckForNull
    @Exported
    public Long getDaysInTesting() {
        Instant start = entry.getStagedAt();
        if (start == null) {
            return null;
        }
        Instant end = Optional.ofNullable(entry.getDecidedAt()).orElse(now);
        return Duration.between(start, end).toDays();
    }

    @Exported
    public String getOpenedAt() {
        return text(entry.getOpenedAt());
    }

    @CheckForNull
    @Exported
    public String getStagedAt() {
        return text(entry.getStagedAt());
    }

    @CheckForNull
    @Exported
    public String getDecidedAt() {
        return text(entry.getDecidedAt());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
