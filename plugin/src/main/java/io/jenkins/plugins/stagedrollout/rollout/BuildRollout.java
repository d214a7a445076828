package io.jenkins.plugins.stagedrollout.rollout;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.SummaryReport;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.Command;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Event;
import io.jenkins.plugins.stagedrollout.core.rollout.Rollout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutCommands;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutEnvironment;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.mail.JenkinsMailNotifier;
import io.jenkins.plugins.stagedrollout.security.RealmMembershipPolicy;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;

/**
 * The rollout of one {@code stagedRollout} block of one build: what the steps, the rollout page, the dashboard's index
 * and the mail reader talk to. It keeps in {@code build.xml} its ids and the repository changes made (this object is
 * the build's record of the rollout, hence an invisible action); the rollout itself is the core's event log in the
 * build directory, replayed on first use after a restart. Every change is announced to the {@link RolloutListener}s.
 * Pages are the concern of the build's rollout page, which reads this model; this class knows no request.
 */
public final class BuildRollout extends InvisibleAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(BuildRollout.class.getName());
    private static final String LOG_PREFIX = "staged-rollout-";
    private static final int UNMET_IN_EVENT = 20;
    private static final int EVENT_TEXT_LIMIT = 3500;

    private final String rolloutId;
    private final String title;
    private final String stack;
    private final String os;
    private final String arch;
    // Copy-on-write: build.xml is written by any thread saving the build, while commands add to these lists.
    private final List<PromotionRecord> promotions = new CopyOnWriteArrayList<>();
    private final List<String> deliveryProblems = new CopyOnWriteArrayList<>();
    /**
     * Repositories the release has been taken out of after an end other than ACCEPT: settling again after a restart
     * skips them, as the core refuses to withdraw packages that are no longer there. Not final: absent from older
     * {@code build.xml}.
     */
    private List<String> withdrawn = new CopyOnWriteArrayList<>();
    /**
     * What {@link #outsideChanges()} found last, for the dashboard (which loads no build and asks no agent); null in
     * older {@code build.xml}: none seen.
     */
    @CheckForNull
    private volatile ArrayList<String> outsideChanges;

    private transient volatile Run<?, ?> run;
    /** The rollout as of the last command or replay; immutable, so pages and steps read it without the log. */
    private transient Rollout rollout;

    private BuildRollout(String rolloutId, Release release) {
        this.rolloutId = rolloutId;
        this.title = release.ticketTitle();
        this.stack = release.stack();
        this.os = release.os();
        this.arch = release.arch();
    }

    /**
     * Builds saved before the model had a class of its own name it by the page's class, and their promotions by the
     * page's package: both load into today's classes.
     */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void readEarlierBuilds() {
        Run.XSTREAM2.addCompatibilityAlias("io.jenkins.plugins.stagedrollout.action.RolloutAction", BuildRollout.class);
        Run.XSTREAM2.addCompatibilityAlias(
                "io.jenkins.plugins.stagedrollout.action.PromotionRecord", PromotionRecord.class);
    }

    /** Opens the rollout's event log in the build directory and attaches the rollout to the build. */
    public static BuildRollout open(Run<?, ?> run, Release release, String[] links, RolloutPolicy policy)
            throws IOException {
        int number = all(run).size() + 1;
        BuildRollout created = new BuildRollout(String.valueOf(number), release);
        created.run = run;
        try {
            ReleaseLinks releaseLinks =
                    new ReleaseLinks(links[0], links[1], links[2], links[3], links[4], created.absoluteUrl());
            try (RolloutService opened = RolloutService.open(
                    created.logFile().toPath(), created.environment(), Actor.SYSTEM, release, policy, releaseLinks)) {
                created.remember(opened.rollout());
            }
        } catch (RolloutException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        run.addAction(created);
        run.save();
        RolloutListener.fireChanged(created);
        return created;
    }

    /** The rollouts of a build, in the order their blocks opened them. */
    public static List<BuildRollout> all(Run<?, ?> run) {
        return run.getActions(BuildRollout.class);
    }

    /** The build's rollout with this id. */
    public static Optional<BuildRollout> of(Run<?, ?> run, String rolloutId) {
        return all(run).stream().filter(r -> r.rolloutId.equals(rolloutId)).findFirst();
    }

    private synchronized void remember(Rollout opened) {
        rollout = opened;
    }

    private Object readResolve() {
        if (withdrawn == null) {
            withdrawn = new CopyOnWriteArrayList<>();
        }
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    // ---- ids ------------------------------------------------------------------------------------------------------

    public Run<?, ?> run() {
        return run;
    }

    public String rolloutId() {
        return rolloutId;
    }

    public String title() {
        return title;
    }

    public String stack() {
        return stack;
    }

    @CheckForNull
    public String os() {
        return os;
    }

    @CheckForNull
    public String arch() {
        return arch;
    }

    /** Where the rollout's page hangs below its build: the first block's is {@code rollout}, later ones numbered. */
    public String pathName() {
        return "1".equals(rolloutId) ? "rollout" : "rollout-" + rolloutId;
    }

    /** The rollout page, relative to the Jenkins root URL. */
    public String url() {
        return run.getUrl() + pathName() + "/";
    }

    /** The answer page, for mails (which need absolute links). */
    public String absoluteUrl() throws AbortException {
        String root = Jenkins.get().getRootUrl();
        if (root == null) {
            throw new AbortException(Messages.BuildRollout_NoRootUrl());
        }
        return root + url();
    }

    /**
     * The rollout as reply tokens name it: build and rollout, unique on this controller ({@code job#build/id}). A
     * rename or move of the job changes it, and replies to earlier mails are then refused as unknown.
     */
    public String replyKey() {
        return replyKey(run.getExternalizableId(), rolloutId);
    }

    public static String replyKey(String externalizableBuildId, String rolloutId) {
        return externalizableBuildId + "/" + rolloutId;
    }

    // ---- what is read ---------------------------------------------------------------------------------------------

    /** The rollout as last loaded: replayed from its log once after a restart, then kept by every command. */
    public synchronized Rollout rollout() {
        if (rollout == null) {
            try (RolloutService service = RolloutService.load(logFile().toPath(), environment())) {
                rollout = service.rollout();
            }
        }
        return rollout;
    }

    public RolloutState state() {
        return rollout().state();
    }

    public RolloutView view() {
        return rollout().view();
    }

    public Optional<Instant> nextDeadline() {
        return rollout().nextDeadline();
    }

    public int minAccepts() {
        return rollout().policy().minAccepts();
    }

    /**
     * The release's own links (release notes, installation, fixed bugs, documentation, report collection) as label and
     * URL, those given only; the answer page, which is the rollout's own page, is left out.
     */
    public List<String[]> releaseLinks() {
        ReleaseLinks links = rollout().links();
        List<String[]> labelled = new ArrayList<>(links.labelled());
        labelled.removeIf(l -> l[1].equals(links.answerPage()));
        return labelled;
    }

    /** Mails that could not be sent (the change itself was recorded); shown on the page and in the log. */
    public List<String> deliveryProblems() {
        return List.copyOf(deliveryProblems);
    }

    public List<PromotionRecord> promotions() {
        return List.copyOf(promotions);
    }

    /**
     * The stages this rollout promoted into that the command-line tool changed since (they serve something else than
     * the rollout's last promotion there left), read now on the agents: one line each, naming who, when, what and
     * why. Kept for the dashboard when it differs from what was found before.
     */
    public List<String> outsideChanges() throws InterruptedException {
        List<String> found = OutsideChanges.find(promotions(), this::isWithdrawnFrom);
        if (!found.equals(lastOutsideChanges())) {
            outsideChanges = new ArrayList<>(found);
            saveRun();
            RolloutListener.fireChanged(this);
        }
        return found;
    }

    /** What {@link #outsideChanges()} found when it last looked (none before it looked). */
    public List<String> lastOutsideChanges() {
        ArrayList<String> seen = outsideChanges;
        return seen == null ? List.of() : List.copyOf(seen);
    }

    /**
     * What a {@code promoteRepo} without {@code packages} moves: the NEVRAs of the package set the teams answered
     * for, so production gets exactly what was tested (also after a rebuild was promoted into testing); before any
     * set is bound, the patterns of the first promotion.
     */
    public List<String> packagePatterns() {
        Optional<PackageSet> bound = rollout().packages();
        if (bound.isPresent()) {
            return new ArrayList<>(bound.get().nevras());
        }
        List<PromotionRecord> made = promotions();
        return made.isEmpty() ? List.of() : made.get(0).patterns();
    }

    /** The exact NEVRAs of the package set the teams answer for; empty before one is bound. */
    public List<String> packagesUnderTest() {
        return rollout().packages().map(PackageSet::nevras).orElse(List.of());
    }

    /**
     * Where the teams install the packages under test: the testing stage as the configured URL of the stack serves it
     * for the platform last promoted into it. Empty when no URL names the stack or no platform is known.
     */
    public Optional<TestingRepository> testingRepository() {
        // the title, not the rollout: this is asked while the rollout is being loaded, for its mail
        return WhereToInstall.of(Release.parseTitle(title), promotions(), StagedRolloutConfiguration.get());
    }

    /** Whether the core allows the command in the rollout's state now (who may send it is the page's check). */
    public boolean allows(Command command) {
        return command.allowedIn(state());
    }

    /** The working calendar's zone: deadlines are counted, mailed and shown in it. */
    public ZoneId zone() {
        return StagedRolloutConfiguration.get().toCalendar().zone();
    }

    /** Every recorded event, oldest first, read from the event log: the rollout's history. */
    public synchronized List<Event> events() {
        try (RolloutService service = RolloutService.load(logFile().toPath(), environment())) {
            return service.events();
        }
    }

    /** A query on the rollout as last loaded: opens no log and touches no index. */
    public boolean hasMailAnswer(String messageId) {
        return RolloutCommands.hasMailAnswer(rollout(), messageId);
    }

    /** Whether the actor may answer and report for the team: a member, a manager of the stack, or an administrator. */
    public boolean mayActFor(Actor actor, TeamId team) {
        return roster().mayActFor(actor, team, stack);
    }

    /** Whether the actor may decide, invite, extend and abort: a manager of the stack, or an administrator. */
    public boolean isManagedBy(Actor actor) {
        return roster().managesStack(actor, stack);
    }

    public SummaryReport summary() {
        return command(RolloutService::summary);
    }

    // ---- commands by people (page, mail): the waiting step looks again after each ------------------------------

    public RolloutView answer(Actor actor, TeamId team, AnswerKind kind, String comment) {
        return byPeople(s -> s.answer(actor, team, kind, comment));
    }

    /** A mail-style answer such as {@code accept NGI_IT-INFN-T1}; the core parses it. */
    public RolloutView answerFromText(Actor actor, String text) {
        return byPeople(s -> s.answerFromText(actor, text));
    }

    /** A mail reply's answer (the reply reader has checked its token and sender): recorded once per Message-ID. */
    public RolloutView answerByMail(Actor actor, AnswerText answer, String messageId) {
        return byPeople(s -> s.answerByMail(actor, answer, messageId));
    }

    public RolloutView fileReport(Actor actor, EaReport report) {
        return byPeople(s -> s.fileReport(actor, report));
    }

    public RolloutView decide(Actor actor, Decision decision, String reason) {
        return byPeople(s -> s.decide(actor, decision, reason));
    }

    public RolloutView invite(Actor actor, List<TeamId> teams) {
        return byPeople(s -> s.invite(actor, teams));
    }

    public RolloutView extendAnswerDeadline(Actor actor, int workingDays) {
        return byPeople(s -> s.extendAnswerDeadline(actor, workingDays));
    }

    public RolloutView extendSoak(Actor actor, int days) {
        return byPeople(s -> s.extendSoak(actor, days));
    }

    public RolloutView abort(Actor actor, String reason) {
        return byPeople(s -> s.abort(actor, reason));
    }

    private RolloutView byPeople(Function<RolloutService, RolloutView> change) {
        RolloutView view = command(change);
        RolloutListener.fireChangedByPeople(this);
        return view;
    }

    // ---- commands from the Pipeline (run as SYSTEM) ---------------------------------------------------------------

    /**
     * Invites the teams the rollout does not list as invited yet. A restart between the invitation and the saved
     * program state runs the step's invitation again: the teams invited then are skipped, not invited twice.
     */
    public RolloutView inviteMissing(List<String> teams) {
        List<TeamId> ids = teams.stream().map(TeamId::parse).toList();
        return command(s -> {
            Set<TeamId> invited = new HashSet<>();
            s.view().teams().forEach(t -> invited.add(TeamId.parse(t.team())));
            List<TeamId> missing =
                    ids.stream().filter(id -> !invited.contains(id)).toList();
            return missing.isEmpty() ? s.view() : s.invite(Actor.SYSTEM, missing);
        });
    }

    /** A quorum given to {@code waitForEarlyAdopters}: recorded in the rollout; one already met starts the soak. */
    public void changeQuorum(int minAccepts) throws AbortException {
        refusedAsAbort(s -> s.changeQuorum(Actor.SYSTEM, minAccepts));
    }

    public RolloutView tick() {
        return command(RolloutService::tick);
    }

    public void abortBySystem(String reason) {
        command(s -> s.abort(Actor.SYSTEM, reason));
    }

    /**
     * The core's rule for moving the release from {@code from} into {@code to} (production only after ACCEPT and
     * only from testing; testing only while the rollout runs); a refusal fails the step with the core's message.
     */
    public void checkPromotion(String from, String to, List<String> stages) throws AbortException {
        refusedAsAbort(s -> {
            s.checkPromotion(from, to, stages);
            return null;
        });
    }

    /** The core's rule: production takes only NEVRAs of the package set the Early Adopters tested. */
    public void checkTestedPackages(List<String> nevras) throws AbortException {
        refusedAsAbort(s -> {
            s.checkTestedPackages(nevras);
            return null;
        });
    }

    /** The core's rule: only a REJECTED or ABORTED release leaves a stage, and never production. */
    public void checkWithdrawal(String stage, List<String> stages) throws AbortException {
        refusedAsAbort(s -> {
            s.checkWithdrawal(stage, stages);
            return null;
        });
    }

    /**
     * Records a promotion made by {@code promoteRepo}. Every promotion into testing (the stage before the last)
     * binds the NEVRAs of all selected packages as the package set: the same set changes nothing, a changed one
     * resets the teams' answers. The first one also starts the staged rollout.
     */
    public synchronized void recordPromotion(PromotionRecord record, PromotionResult result) throws IOException {
        promotions.add(record);
        run.save();
        List<String> stages = record.spec().stages();
        if (record.to().equals(stages.get(stages.size() - 2))) {
            try {
                PackageSet packages = PackageSet.of(result.selectedNevras());
                command(s -> s.bindPackageSet(Actor.SYSTEM, packages));
                if (state() == RolloutState.IN_VERIFICATION) {
                    command(s -> s.startStagedRollout(Actor.SYSTEM, result.message()));
                }
            } catch (RolloutException | IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }
        command(s -> s.recordRepositoryChange(Actor.SYSTEM, record.from(), record.to(), eventNote(result)));
    }

    /** The promotion's message, with the requirements an override let through (who and why are in the message). */
    private static String eventNote(PromotionResult result) {
        ClosureReport report = result.dependencyReport();
        if (report == null || report.closed()) {
            return result.message();
        }
        // an event's text has a bounded length: list fewer requirements until it fits (the console lists them all)
        for (int listed = UNMET_IN_EVENT; ; listed /= 2) {
            String note = result.message() + "\n" + report.describe(listed).stripTrailing();
            if (note.length() <= EVENT_TEXT_LIMIT || listed == 0) {
                return note.length() <= EVENT_TEXT_LIMIT ? note : result.message();
            }
        }
    }

    /** Whether the release was already taken out of this repository ({@link PromotionRecord#repositoryKey()}). */
    public boolean isWithdrawnFrom(String repositoryKey) {
        return withdrawn.contains(repositoryKey);
    }

    /** Notes in {@code build.xml}, before anything else happens, that the release left this repository. */
    public void markWithdrawnFrom(String repositoryKey) throws IOException {
        withdrawn.add(repositoryKey);
        run.save();
    }

    /** Records in the rollout's history that the release left {@code stage}, with the engine's message. */
    public void recordWithdrawal(String stage, String message) {
        command(s -> s.recordRepositoryChange(Actor.SYSTEM, stage, "withdrawn", message));
    }

    // ---- the event log ---------------------------------------------------------------------------------------------

    private void refusedAsAbort(Function<RolloutService, ?> command) throws AbortException {
        try {
            command(command);
        } catch (RolloutException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * Runs a command on the rollout's log. The core holds a file lock while a log is open, so it is opened per
     * command and closed at once: a reloaded build or a restarted controller never meets a stale lock. A refused
     * command throws the core's exception and changes nothing.
     */
    private synchronized <T> T command(Function<RolloutService, T> command) {
        try (RolloutService service = RolloutService.load(logFile().toPath(), environment())) {
            try {
                return command.apply(service);
            } finally {
                rollout = service.rollout();
                RolloutListener.fireChanged(this);
                List<String> problems = service.deliveryProblems();
                if (!problems.isEmpty()) {
                    deliveryProblems.addAll(problems);
                    saveRun();
                }
            }
        }
    }

    /** Keeps what the page shows across a restart (mail problems, changes outside any rollout); the rollout itself is in its log. */
    private void saveRun() {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run, e);
        }
    }

    private File logFile() {
        return new File(run.getRootDir(), LOG_PREFIX + rolloutId + ".jsonl");
    }

    private RolloutEnvironment environment() {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        return new RolloutEnvironment(
                config.toRoster(new RealmMembershipPolicy()),
                config.toCalendar(),
                new JenkinsMailNotifier(replyKey(), testingRepository().orElse(null)),
                RolloutClock.get());
    }

    private static Roster roster() {
        return StagedRolloutConfiguration.get().toRoster(new RealmMembershipPolicy());
    }

    @Override
    public String toString() {
        return "rollout " + rolloutId + " of " + run;
    }
}
