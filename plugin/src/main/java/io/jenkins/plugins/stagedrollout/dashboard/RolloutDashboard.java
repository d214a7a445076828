package io.jenkins.plugins.stagedrollout.dashboard;

import hudson.Extension;
import hudson.model.Api;
import hudson.model.Job;
import hudson.model.RootAction;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.PageNames;
import io.jenkins.plugins.stagedrollout.config.EarlyAdopterTeamConfig;
import io.jenkins.plugins.stagedrollout.config.StackManagerConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.springframework.security.access.AccessDeniedException;

/**
 * The controller's "Staged Rollouts" page ({@code /staged-rollouts/}) and its remote API
 * ({@code /staged-rollouts/api/json}): every open rollout first, by next deadline, then the most recent outcomes;
 * filtered by the query string ({@link DashboardQuery}), and only rollouts of jobs the viewer may read, which are
 * not counted either. Drawn from the {@link RolloutIndex}: no build is loaded.
 */
@Extension
@ExportedBean
public final class RolloutDashboard implements RootAction, StaplerProxy {

    /** How many ended rollouts are listed below the open ones, newest decision first. */
    public static final int RECENT = 50;

    public static final String URL_NAME = PageNames.DASHBOARD;

    private static final String ROWS = RolloutDashboard.class.getName() + ".rows";

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-people" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.RolloutDashboard_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Overall/Read for everything under the page; a bad filter is a 400 naming the values that work. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.READ);
        query();
        return this;
    }

    public Api getApi() {
        return new Api(this);
    }

    /** The filters of the current request. */
    public DashboardQuery getQuery() {
        return query();
    }

    private static DashboardQuery query() {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        if (req == null) {
            return DashboardQuery.ALL;
        }
        try {
            return DashboardQuery.parse(
                    req.getParameter("stack"),
                    req.getParameter("state"),
                    req.getParameter("team"),
                    req.getParameter("mine"));
        } catch (IllegalArgumentException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
    }

    @Exported(inline = true)
    public List<DashboardRow> getOpen() {
        return rows().open();
    }

    @Exported(inline = true)
    public List<DashboardRow> getRecent() {
        return rows().recent();
    }

    /** The applied filters, as given back to scripts. */
    @Exported
    public Map<String, String> getFilters() {
        DashboardQuery q = query();
        Map<String, String> m = new HashMap<>();
        Optional.ofNullable(q.getStack()).ifPresent(v -> m.put("stack", v));
        Optional.ofNullable(q.getState()).ifPresent(v -> m.put("state", v));
        Optional.ofNullable(q.getTeam()).ifPresent(v -> m.put("team", v));
        Optional.ofNullable(q.getMine()).ifPresent(v -> m.put("mine", v));
        return m;
    }

    /** For the filter form. */
    public List<String> getStates() {
        return Arrays.stream(RolloutState.values()).map(Enum::name).toList();
    }

    /** For the filter form: the configured teams. */
    public List<String> getTeamIds() {
        return StagedRolloutConfiguration.get().getTeams().stream()
                .map(EarlyAdopterTeamConfig::getId)
                .toList();
    }

    /** For the filter form: the stacks with configured managers. */
    public List<String> getStacks() {
        return StagedRolloutConfiguration.get().getManagers().stream()
                .map(StackManagerConfig::getStack)
                .toList();
    }

    /** Open and recent lines for the current request, computed once per request. */
    record Rows(List<DashboardRow> open, List<DashboardRow> recent) {
        Rows {
            open = List.copyOf(open);
            recent = List.copyOf(recent);
        }
    }

    private Rows rows() {
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        Object cached = req == null ? null : req.getAttribute(ROWS);
        if (cached instanceof Rows r) {
            return r;
        }
        Rows rows = compute(query(), Viewer.current());
        if (req != null) {
            req.setAttribute(ROWS, rows);
        }
        return rows;
    }

    static Rows compute(DashboardQuery query, Viewer viewer) {
        Instant now = RolloutClock.now();
        ZoneId zone = StagedRolloutConfiguration.get().toCalendar().zone();
        // One permission check per job, not per rollout; null when the viewer may not read the job.
        Map<String, Optional<Job<?, ?>>> jobs = new HashMap<>();
        List<DashboardRow> open = new ArrayList<>();
        List<DashboardRow> recent = new ArrayList<>();
        for (RolloutEntry e : RolloutIndex.get().entries()) {
            if (!query.matches(e, viewer)) {
                continue;
            }
            Optional<Job<?, ?>> job = jobs.computeIfAbsent(e.getJob(), RolloutDashboard::readableJob);
            if (job.isPresent()) {
                (e.isOpen() ? open : recent).add(new DashboardRow(e, job.get(), now, zone));
            }
        }
        open.sort(Comparator.comparing(
                        (DashboardRow r) -> r.entry().getNextDeadline(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> r.entry().getOpenedAt()));
        recent.sort(Comparator.comparing(
                        (DashboardRow r) -> r.entry().getDecidedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> r.entry().getOpenedAt(), Comparator.reverseOrder()));
        return new Rows(open, recent.subList(0, Math.min(RECENT, recent.size())));
    }

    /** The job if the current user has Item/Read on it (and on its folders). */
    private static Optional<Job<?, ?>> readableJob(String fullName) {
        try {
            Job<?, ?> job = Jenkins.get().getItemByFullName(fullName, Job.class);
            return Optional.ofNullable(job);
        } catch (AccessDeniedException e) {
            // Item/Discover without Item/Read: the job's name is known, its rollouts are still not shown.
            return Optional.empty();
        }
    }
}
