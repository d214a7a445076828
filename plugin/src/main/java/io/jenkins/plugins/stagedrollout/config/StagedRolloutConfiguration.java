package io.jenkins.plugins.stagedrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.agent.DependencySpec;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.repo.DependencyOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.MembershipPolicy;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.StackManagers;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.signing.SigningKeyCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * working calendar, the process defaults, where the stage repositories live and where the web server serves them.
 * Configuration as code:
 * {@code unclassified: stagedRollout: ...}.
 */
@Extension
@Symbol("stagedRollout")
public final class StagedRolloutConfiguration extends GlobalConfiguration {

    private static final Logger LOGGER = Logger.getLogger(StagedRolloutConfiguration.class.getName());

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
    /** gz, xz, bz2 or zstd; null: what the host's createrepo_c writes by default. */
    @CheckForNull
    private String metadataCompression;

    private String mailFrom;
    private String signingKeyCredentialsId;
    private List<BaseRepositoryConfig> baseRepositories = new ArrayList<>();
    private List<StackRepositoryConfig> stackRepositories = new ArrayList<>();
    private boolean checkDependenciesBeforeProduction = true;
    private boolean multilib;

    @CheckForNull
    private MailReplyConfig mailReplies;

    public StagedRolloutConfiguration() {
        load();
    }

    public static StagedRolloutConfiguration get() {
        return ExtensionList.lookupSingleton(StagedRolloutConfiguration.class);
    }

    /**
     * Lists are replaced, not merged: an empty list in the form must clear the old entries. Saved once, at the end:
     * a refused value (see {@link #refuse}) leaves the configuration as it was and the form names the problem.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try (BulkChange change = new BulkChange(this)) {
            teams = new ArrayList<>();
            managers = new ArrayList<>();
            baseRepositories = new ArrayList<>();
            stackRepositories = new ArrayList<>();
            mailReplies = null; // an unchecked box sends no value: reading replies is then off
            req.bindJSON(this, json);
            change.commit();
        } catch (InvalidSettingException e) {
            throw new FormException(e.getMessage(), e.field());
        } catch (IOException e) {
            throw new FormException(e, "stagedRollout");
        }
        return true;
    }

    /**
     * Refuses a bad value: it never enters the configuration. The form and configuration as code set values inside a
     * {@link BulkChange}, which leaves the file as it was: reloading it undoes the values set before this one, so the
     * previous configuration stays in force as a whole. Outside a bulk change the file already holds every earlier
     * value, and reloading changes nothing.
     */
    private InvalidSettingException refuse(String field, String message) {
        load();
        return new InvalidSettingException(field, message);
    }

    public List<EarlyAdopterTeamConfig> getTeams() {
        return teams;
    }

    /** Every team is checked as the core checks it (id, contacts, members or group, no duplicate) before it is kept. */
    @DataBoundSetter
    public void setTeams(List<EarlyAdopterTeamConfig> teams) {
        List<EarlyAdopterTeamConfig> candidate = teams == null ? new ArrayList<>() : new ArrayList<>(teams);
        try {
            Roster.of(candidate.stream().map(EarlyAdopterTeamConfig::toTeam).toList(), List.of());
        } catch (IllegalArgumentException e) {
            throw refuse("teams", Messages.StagedRolloutConfiguration_BadTeam(e.getMessage()));
        }
        this.teams = candidate;
        save();
    }

    public List<StackManagerConfig> getManagers() {
        return managers;
    }

    @DataBoundSetter
    public void setManagers(List<StackManagerConfig> managers) {
        List<StackManagerConfig> candidate = managers == null ? new ArrayList<>() : new ArrayList<>(managers);
        try {
            candidate.forEach(StackManagerConfig::toManagers);
        } catch (IllegalArgumentException e) {
            throw refuse("managers", Messages.StagedRolloutConfiguration_BadManagers(e.getMessage()));
        }
        this.managers = candidate;
        save();
    }

    public String getTimeZone() {
        return timeZone;
    }

    @DataBoundSetter
    public void setTimeZone(String timeZone) {
        String tz = Util.fixEmptyAndTrim(timeZone);
        String candidate = tz == null ? DEFAULT_TIME_ZONE : tz;
        String problem = badTimeZone(candidate);
        if (problem != null) {
            throw refuse("timeZone", problem);
        }
        this.timeZone = candidate;
        save();
    }

    public String getHolidays() {
        return holidays;
    }

    /** ISO dates ({@code 2026-12-25}), separated by commas or white space. */
    @DataBoundSetter
    public void setHolidays(String holidays) {
        String candidate = Util.fixNull(holidays).trim();
        String problem = badHoliday(candidate);
        if (problem != null) {
            throw refuse("holidays", problem);
        }
        this.holidays = candidate;
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
        String candidate = Util.fixEmptyAndTrim(repositoryRoot);
        String problem = badRepositoryRoot(candidate);
        if (problem != null) {
            throw refuse("repositoryRoot", problem);
        }
        this.repositoryRoot = candidate;
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
    public String getMetadataCompression() {
        return metadataCompression;
    }

    /**
     * How createrepo_c compresses the metadata it writes ({@code --general-compress-type}); empty: the host's
     * createrepo_c decides (zstd since createrepo_c 1.0, gzip before). Pinned for clients older than the host: EL7's
     * yum reads no zstd.
     */
    @DataBoundSetter
    public void setMetadataCompression(String metadataCompression) {
        String candidate = Util.fixEmptyAndTrim(metadataCompression);
        String problem = badMetadataCompression(candidate);
        if (problem != null) {
            throw refuse("metadataCompression", problem);
        }
        this.metadataCompression = candidate == null
                ? null
                : MetadataCompression.ofSetting(candidate).setting();
        save();
    }

    @CheckForNull
    private static String badMetadataCompression(@CheckForNull String value) {
        if (value == null) {
            return null;
        }
        try {
            MetadataCompression.ofSetting(value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " Leave it empty to write what the host's createrepo_c writes by default.";
        }
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

    public List<BaseRepositoryConfig> getBaseRepositories() {
        return baseRepositories;
    }

    /** Each entry is checked as the core reads it (an OS and an architecture, absolute paths or URLs) before it is kept. */
    @DataBoundSetter
    public void setBaseRepositories(List<BaseRepositoryConfig> baseRepositories) {
        List<BaseRepositoryConfig> candidate =
                baseRepositories == null ? new ArrayList<>() : new ArrayList<>(baseRepositories);
        try {
            dependencyOptions(candidate, true, false);
        } catch (RepositoryException e) {
            throw refuse(
                    "baseRepositories", Messages.StagedRolloutConfiguration_BadBaseRepository(e.problem(), e.fix()));
        }
        this.baseRepositories = candidate;
        save();
    }

    public List<StackRepositoryConfig> getStackRepositories() {
        return stackRepositories;
    }

    /**
     * Each entry is checked as the core will use it (a stack, a URL template with {os} and {arch}, key URLs), and a
     * stack is named once, before the list is kept.
     */
    @DataBoundSetter
    public void setStackRepositories(List<StackRepositoryConfig> stackRepositories) {
        List<StackRepositoryConfig> candidate =
                stackRepositories == null ? new ArrayList<>() : new ArrayList<>(stackRepositories);
        Set<String> named = new HashSet<>();
        for (StackRepositoryConfig entry : candidate) {
            String problem = entry.problem();
            if (problem == null && !named.add(entry.getStack())) {
                problem = Messages.StackRepositoryConfig_Twice();
            }
            if (problem != null) {
                throw refuse(
                        "stackRepositories",
                        Messages.StagedRolloutConfiguration_BadStackRepository(entry.getStack(), problem));
            }
        }
        this.stackRepositories = candidate;
        save();
    }

    public boolean isCheckDependenciesBeforeProduction() {
        return checkDependenciesBeforeProduction;
    }

    /** Check promotions into the stages before the last one (testing) too; the last stage is always checked. */
    @DataBoundSetter
    public void setCheckDependenciesBeforeProduction(boolean checkDependenciesBeforeProduction) {
        this.checkDependenciesBeforeProduction = checkDependenciesBeforeProduction;
        save();
    }

    public boolean isMultilib() {
        return multilib;
    }

    /** Count 32-bit packages (i686 on x86_64) as providers, for sites whose clients install multilib packages. */
    @DataBoundSetter
    public void setMultilib(boolean multilib) {
        this.multilib = multilib;
        save();
    }

    @CheckForNull
    public MailReplyConfig getMailReplies() {
        return mailReplies;
    }

    /** The mailbox that replies to invitations are read from; null: replies are not read. */
    @DataBoundSetter
    public void setMailReplies(@CheckForNull MailReplyConfig mailReplies) {
        String problem = mailReplies == null ? null : mailReplies.problem();
        if (problem != null) {
            throw refuse("mailReplies", Messages.StagedRolloutConfiguration_BadMailReplies(problem));
        }
        this.mailReplies = mailReplies;
        save();
    }

    // ---- core values -------------------------------------------------------------------------------------

    /**
     * The working calendar. The setters refuse a bad zone or date; one in a file written otherwise (by hand, by an
     * older version) fails with the same message as the form's, never with a Java stack trace.
     */
    public WorkingCalendar toCalendar() {
        try {
            return new WorkingCalendar(ZoneId.of(timeZone), parseHolidays(holidays));
        } catch (DateTimeException e) {
            // Built for every command on a rollout: the values are parsed once, and named only when one is bad.
            String badHoliday = badHoliday(holidays);
            String problem = badHoliday != null && badTimeZone(timeZone) == null
                    ? badHoliday
                    : Messages.StagedRolloutConfiguration_BadTimeZone(timeZone);
            throw new IllegalArgumentException(problem + " " + Messages.StagedRolloutConfiguration_FixInSystemPage());
        }
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

    /**
     * The roster of the valid entries. The setters refuse bad ones; an entry that is bad anyway (a file written by
     * hand or by an older version) is left out with a warning, so that only rollouts naming it are affected (they
     * find the team unknown), not every rollout.
     */
    public Roster toRoster(MembershipPolicy policy) {
        Map<TeamId, EarlyAdopterTeam> coreTeams = new LinkedHashMap<>();
        for (EarlyAdopterTeamConfig t : teams) {
            try {
                EarlyAdopterTeam team = t.toTeam();
                coreTeams.putIfAbsent(team.id(), team);
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, "Staged Rollout: left out a bad Early Adopter team: {0}", e.getMessage());
            }
        }
        List<StackManagers> coreManagers = new ArrayList<>();
        for (StackManagerConfig m : managers) {
            try {
                coreManagers.add(m.toManagers());
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, "Staged Rollout: left out bad stack managers: {0}", e.getMessage());
            }
        }
        return new Roster(coreTeams.values(), coreManagers, policy);
    }

    /** The layout under {@code root} (the step's own root, or the configured one). */
    public StageLayout toLayout(String root) {
        return StageLayout.of(Path.of(root), layoutTemplate, Words.of(stages));
    }

    /** The stage before the last one, where Early Adopters install the release under test. */
    public String testingStage() {
        List<String> all = Words.of(stages);
        return all.size() < 2 ? StageLayout.DEFAULT_STAGES.get(1) : all.get(all.size() - 2);
    }

    /**
     * Where Early Adopters install {@code release} from: the testing stage for one OS and arch as the web server
     * serves it, with the metadata key only when the stage is {@code signed}. Empty when no entry names the stack
     * ({@code UMD-4} wins over a bare {@code UMD}); an entry bad anyway (a hand-edited file) is left out with a
     * warning, so that mail still goes out, without the snippet.
     */
    public Optional<TestingRepository> testingRepository(Release release, String os, String arch, boolean signed) {
        Optional<StackRepositoryConfig> entry = stackRepositories.stream()
                .filter(r -> r.exactlyFor(release))
                .findFirst()
                .or(() -> stackRepositories.stream()
                        .filter(r -> r.forEveryReleaseOf(release))
                        .findFirst());
        try {
            return entry.map(r -> r.testingRepository(release, testingStage(), os, arch, signed));
        } catch (IllegalArgumentException | RepositoryException e) {
            LOGGER.log(Level.WARNING, "Staged Rollout: left out a bad repository URL: {0}", e.getMessage());
            return Optional.empty();
        }
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
                signingKeyCredentialsId,
                dependencySpec(),
                metadataCompression);
    }

    /** The dependency check settings for the agent; entries bad anyway (a hand-edited file) are left out with a warning. */
    private DependencySpec dependencySpec() {
        List<BaseRepositoryConfig> valid = new ArrayList<>();
        for (BaseRepositoryConfig base : baseRepositories) {
            try {
                dependencyOptions(List.of(base), true, false);
                valid.add(base);
            } catch (RepositoryException e) {
                LOGGER.log(Level.WARNING, "Staged Rollout: left out a bad base repository: {0}", e.problem());
            }
        }
        DependencyOptions options = dependencyOptions(valid, checkDependenciesBeforeProduction, multilib);
        return new DependencySpec(options.baseRepositories(), options.checkEarlierStages(), options.multilib());
    }

    private static DependencyOptions dependencyOptions(
            List<BaseRepositoryConfig> entries, boolean checkEarlierStages, boolean multilib) {
        Map<String, List<String>> bases = new LinkedHashMap<>();
        for (BaseRepositoryConfig base : entries) {
            bases.computeIfAbsent(base.platform(), k -> new ArrayList<>()).addAll(base.locationList());
        }
        return new DependencyOptions(checkEarlierStages, bases, multilib);
    }

    static Set<LocalDate> parseHolidays(String text) {
        return Words.of(text).stream().map(LocalDate::parse).collect(Collectors.toSet());
    }

    /** What is wrong with a time zone id, or null when it is a known one. */
    @CheckForNull
    static String badTimeZone(String value) {
        try {
            ZoneId.of(Util.fixNull(value).trim());
            return null;
        } catch (DateTimeException e) {
            return Messages.StagedRolloutConfiguration_BadTimeZone(value);
        }
    }

    /** What is wrong with the first bad date of a holiday list, or null when every one is an ISO date. */
    @CheckForNull
    static String badHoliday(String value) {
        for (String day : Words.of(value)) {
            try {
                LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                return Messages.StagedRolloutConfiguration_BadHoliday(day);
            }
        }
        return null;
    }

    @CheckForNull
    static String badRepositoryRoot(@CheckForNull String root) {
        return root != null && !root.startsWith("/") ? Messages.StagedRolloutConfiguration_RelativeRoot(root) : null;
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
        return validation(badTimeZone(value));
    }

    @POST
    public FormValidation doCheckHolidays(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return validation(badHoliday(value));
    }

    @POST
    public FormValidation doCheckRepositoryRoot(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return validation(badRepositoryRoot(Util.fixEmptyAndTrim(value)));
    }

    /** The host's default first (empty), then the compressions createrepo_c can be told to write. */
    @POST
    public ListBoxModel doFillMetadataCompressionItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.StagedRolloutConfiguration_HostDefaultCompression(), "");
        for (MetadataCompression c : MetadataCompression.values()) {
            items.add(c.setting());
        }
        return items;
    }

    @POST
    public FormValidation doCheckMetadataCompression(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return validation(badMetadataCompression(Util.fixEmptyAndTrim(value)));
    }

    private static FormValidation validation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
