package io.jenkins.plugins.stagedrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.MembershipPolicy;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.StackManagers;
import io.jenkins.plugins.stagedrollout.signing.SigningKeyCredentials;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Everything a rollout needs that is not in the Jenkinsfile: the EA teams, the managers per stack, the
 * working calendar, the process defaults and where the stage repositories live. Configuration as code:
 * {@code unclassified: stagedRollout: ...}.
 */
@Extension
@Symbol("stagedRollout")
public final class StagedRolloutConfiguration extends GlobalConfiguration {

    public static final String DEFAULT_TIME_ZONE = "Europe/Amsterdam";

    private List<EarlyAdopterTeamConfig> teams = new ArrayList<>();
    private List<StackManagerConfig> managers = new ArrayList<>();
    private String timeZone = DEFAULT_TIME_ZONE;
    private String holidays = "";
    private int ackWorkingDays = 1;
    private int soakMinDays = 5;
    private int soakMaxDays = 7;
    private int minAccepts = 1;
    private String repositoryRoot;
    private String layoutTemplate = StageLayout.DEFAULT_TEMPLATE;
    private String stages = String.join(",", StageLayout.DEFAULT_STAGES);
    private String createrepoPath = "createrepo_c";
    private int keepSnapshots = 5;
    private boolean sqliteDatabases;
    private String mailFrom;
    private String signingKeyCredentialsId;

    public StagedRolloutConfiguration() {
        load();
    }

    public static StagedRolloutConfiguration get() {
        return ExtensionList.lookupSingleton(StagedRolloutConfiguration.class);
    }

    /** Lists are replaced, not merged: an empty list in the form must clear the old entries. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        teams = new ArrayList<>();
        managers = new ArrayList<>();
        req.bindJSON(this, json);
        save();
        return true;
    }

    public List<EarlyAdopterTeamConfig> getTeams() {
        return teams;
    }

    @DataBoundSetter
    public void setTeams(List<EarlyAdopterTeamConfig> teams) {
        this.teams = teams == null ? new ArrayList<>() : new ArrayList<>(teams);
        save();
    }

    public List<StackManagerConfig> getManagers() {
        return managers;
    }

    @DataBoundSetter
    public void setManagers(List<StackManagerConfig> managers) {
        this.managers = managers == null ? new ArrayList<>() : new ArrayList<>(managers);
        save();
    }

    public String getTimeZone() {
        return timeZone;
    }

    @DataBoundSetter
    public void setTimeZone(String timeZone) {
        String tz = Util.fixEmptyAndTrim(timeZone);
        this.timeZone = tz == null ? DEFAULT_TIME_ZONE : tz;
        save();
    }

    public String getHolidays() {
        return holidays;
    }

    /** ISO dates ({@code 2026-12-25}), separated by commas or white space. */
    @DataBoundSetter
    public void setHolidays(String holidays) {
        this.holidays = Util.fixNull(holidays).trim();
        save();
    }

    public int getAckWorkingDays() {
        return ackWorkingDays;
    }

    @DataBoundSetter
    public void setAckWorkingDays(int ackWorkingDays) {
        this.ackWorkingDays = ackWorkingDays;
        save();
    }

    public int getSoakMinDays() {
        return soakMinDays;
    }

    @DataBoundSetter
    public void setSoakMinDays(int soakMinDays) {
        this.soakMinDays = soakMinDays;
        save();
    }

    public int getSoakMaxDays() {
        return soakMaxDays;
    }

    @DataBoundSetter
    public void setSoakMaxDays(int soakMaxDays) {
        this.soakMaxDays = soakMaxDays;
        save();
    }

    public int getMinAccepts() {
        return minAccepts;
    }

    @DataBoundSetter
    public void setMinAccepts(int minAccepts) {
        this.minAccepts = minAccepts;
        save();
    }

    @CheckForNull
    public String getRepositoryRoot() {
        return repositoryRoot;
    }

    /** Absolute path of the stage repositories on the agent that runs {@code promoteRepo}. */
    @DataBoundSetter
    public void setRepositoryRoot(String repositoryRoot) {
        this.repositoryRoot = Util.fixEmptyAndTrim(repositoryRoot);
        save();
    }

    public String getLayoutTemplate() {
        return layoutTemplate;
    }

    @DataBoundSetter
    public void setLayoutTemplate(String layoutTemplate) {
        String t = Util.fixEmptyAndTrim(layoutTemplate);
        this.layoutTemplate = t == null ? StageLayout.DEFAULT_TEMPLATE : t;
        save();
    }

    public String getStages() {
        return stages;
    }

    @DataBoundSetter
    public void setStages(String stages) {
        String s = Util.fixEmptyAndTrim(stages);
        this.stages = s == null ? String.join(",", StageLayout.DEFAULT_STAGES) : s;
        save();
    }

    public String getCreaterepoPath() {
        return createrepoPath;
    }

    @DataBoundSetter
    public void setCreaterepoPath(String createrepoPath) {
        String p = Util.fixEmptyAndTrim(createrepoPath);
        this.createrepoPath = p == null ? "createrepo_c" : p;
        save();
    }

    public int getKeepSnapshots() {
        return keepSnapshots;
    }

    @DataBoundSetter
    public void setKeepSnapshots(int keepSnapshots) {
        this.keepSnapshots = keepSnapshots;
        save();
    }

    public boolean isSqliteDatabases() {
        return sqliteDatabases;
    }

    /** Also write the sqlite databases that only yum 3 (EL7 and older) reads; dnf reads the XML metadata alone. */
    @DataBoundSetter
    public void setSqliteDatabases(boolean sqliteDatabases) {
        this.sqliteDatabases = sqliteDatabases;
        save();
    }

    @CheckForNull
    public String getMailFrom() {
        return mailFrom;
    }

    /** Sender of invitations; empty means the Jenkins administrator address. */
    @DataBoundSetter
    public void setMailFrom(String mailFrom) {
        this.mailFrom = Util.fixEmptyAndTrim(mailFrom);
        save();
    }

    @CheckForNull
    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** Default signing key of {@code promoteRepo}: a "Secret file" credential holding the armored secret key. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = Util.fixEmptyAndTrim(signingKeyCredentialsId);
        save();
    }

    // ---- core values -------------------------------------------------------------------------------------

    public WorkingCalendar toCalendar() {
        return new WorkingCalendar(ZoneId.of(timeZone), parseHolidays(holidays));
    }

    /** The process defaults; a {@code stagedRollout} step may override each (nulls keep the default). */
    public RolloutPolicy toPolicy(
            @CheckForNull Integer minAcceptsOverride,
            @CheckForNull Integer answerWorkingDaysOverride,
            @CheckForNull Integer soakMinDaysOverride,
            @CheckForNull Integer soakMaxDaysOverride,
            boolean autoDecide) {
        return new RolloutPolicy(
                minAcceptsOverride != null ? minAcceptsOverride : minAccepts,
                answerWorkingDaysOverride != null ? answerWorkingDaysOverride : ackWorkingDays,
                soakMinDaysOverride != null ? soakMinDaysOverride : soakMinDays,
                soakMaxDaysOverride != null ? soakMaxDaysOverride : soakMaxDays,
                autoDecide);
    }

    public Roster toRoster(MembershipPolicy policy) {
        List<EarlyAdopterTeam> coreTeams =
                teams.stream().map(EarlyAdopterTeamConfig::toTeam).collect(Collectors.toList());
        List<StackManagers> coreManagers =
                managers.stream().map(StackManagerConfig::toManagers).collect(Collectors.toList());
        return new Roster(coreTeams, coreManagers, policy);
    }

    /** The layout under {@code root} (the step's own root, or the configured one). */
    public StageLayout toLayout(String root) {
        return StageLayout.of(Path.of(root), layoutTemplate, Words.of(stages));
    }

    /** What the agent needs to run the repository engine under {@code root}. */
    public RepositorySpec repositorySpec(
            String root,
            @CheckForNull String gpgHome,
            @CheckForNull String signingKeyId,
            @CheckForNull String signingKeyCredentialsId) {
        return new RepositorySpec(
                root,
                layoutTemplate,
                Words.of(stages),
                createrepoPath,
                keepSnapshots,
                sqliteDatabases,
                gpgHome,
                signingKeyId,
                signingKeyCredentialsId);
    }

    static Set<LocalDate> parseHolidays(String text) {
        return Words.of(text).stream().map(LocalDate::parse).collect(Collectors.toSet());
    }

    // ---- form validation -----------------------------------------------------------------------------------

    /** The global secret file credentials, listed only for administrators. */
    @POST
    public ListBoxModel doFillSigningKeyCredentialsIdItems(@QueryParameter String signingKeyCredentialsId) {
        return SigningKeyCredentials.fillItems(null, signingKeyCredentialsId);
    }

    @POST
    public FormValidation doCheckTimeZone(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ZoneId.of(Util.fixNull(value).trim());
            return FormValidation.ok();
        } catch (DateTimeException e) {
            return FormValidation.error(
                    io.jenkins.plugins.stagedrollout.Messages.StagedRolloutConfiguration_BadTimeZone(value));
        }
    }

    @POST
    public FormValidation doCheckHolidays(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        for (String day : Words.of(value)) {
            try {
                LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                return FormValidation.error(
                        io.jenkins.plugins.stagedrollout.Messages.StagedRolloutConfiguration_BadHoliday(day));
            }
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRepositoryRoot(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String root = Util.fixEmptyAndTrim(value);
        if (root != null && !root.startsWith("/")) {
            return FormValidation.error(
                    io.jenkins.plugins.stagedrollout.Messages.StagedRolloutConfiguration_RelativeRoot(root));
        }
        return FormValidation.ok();
    }
}
