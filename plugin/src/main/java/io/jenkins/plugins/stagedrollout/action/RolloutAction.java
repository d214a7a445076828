package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Api;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.agent.UndoCallable;
import io.jenkins.plugins.stagedrollout.agent.WithdrawCallable;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.config.Words;
import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.report.SummaryReport;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Rollout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutCommands;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutEnvironment;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutEntry;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import io.jenkins.plugins.stagedrollout.mail.JenkinsMailNotifier;
import io.jenkins.plugins.stagedrollout.security.CurrentActor;
import io.jenkins.plugins.stagedrollout.security.RealmMembershipPolicy;
import io.jenkins.plugins.stagedrollout.signing.SigningKeyCredentials;
import io.jenkins.plugins.stagedrollout.steps.WaitForEarlyAdoptersStep;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The rollout of one {@code stagedRollout} block, attached to its build: the EA answer page, the manager's
 * decision, and the JSON API. {@code build.xml} keeps only ids and the repository changes made; the rollout
 * itself is the core's event log in the build directory, replayed on first use after a restart.
 */
@ExportedBean
public final class RolloutAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(RolloutAction.class.getName());
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
     * Repositories a REJECT has taken the release out of. Settling again after a restart skips them: the core
     * refuses to withdraw packages that are no longer there. Not final: absent from older {@code build.xml}.
     */
    private List<String> withdrawn = new CopyOnWriteArrayList<>();

    private transient volatile Run<?, ?> run;
    /** The rollout as of the last command or replay; immutable, so pages and steps read it without the log. */
    private transient Rollout rollout;

    private RolloutAction(String rolloutId, Release release) {
        this.rolloutId = rolloutId;
        this.title = release.ticketTitle();
        this.stack = release.stack();
        this.os = release.os();
        this.arch = release.arch();
    }

    /** Opens the rollout's event log in the build directory and attaches the action to the build. */
    public static RolloutAction open(Run<?, ?> run, Release release, String[] links, RolloutPolicy policy)
            throws IOException {
        int number = run.getActions(RolloutAction.class).size() + 1;
        RolloutAction action = new RolloutAction(String.valueOf(number), release);
        action.run = run;
        ReleaseLinks releaseLinks;
        try {
            releaseLinks = new ReleaseLinks(links[0], links[1], links[2], links[3], links[4], action.getAbsoluteUrl());
            try (RolloutService opened = RolloutService.open(
                    action.logFile().toPath(),
                    environment(action.replyKey()),
                    Actor.SYSTEM,
                    release,
                    policy,
                    releaseLinks)) {
                action.remember(opened.rollout());
            }
        } catch (RolloutException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        run.addAction(action);
        run.save();
        action.updateIndex();
        return action;
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

    private static RolloutEnvironment environment(String replyKey) {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        return new RolloutEnvironment(
                config.toRoster(new RealmMembershipPolicy()),
                config.toCalendar(),
                new JenkinsMailNotifier(replyKey),
                RolloutClock.get());
    }

    /**
     * Runs a command on the rollout's log. The core holds a file lock while a log is open, so it is opened per
     * command and closed at once: a reloaded build or a restarted controller never meets a stale lock.
     */
    private synchronized <T> T command(Function<RolloutService, T> command) {
        try (RolloutService service = RolloutService.load(logFile().toPath(), environment(replyKey()))) {
            try {
                return command.apply(service);
            } finally {
                rollout = service.rollout();
                updateIndex();
                List<String> problems = service.deliveryProblems();
                if (!problems.isEmpty()) {
                    deliveryProblems.addAll(problems);
                    saveRun();
                }
            }
        }
    }

    /** Keeps the mail problems shown on the page across a restart; the rollout itself is already in its log. */
    private void saveRun() {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run + " after a mail delivery problem", e);
        }
    }

    /** The rollout as the dashboard's index keeps it. */
    public RolloutEntry indexEntry() {
        return RolloutEntry.of(run.getParent().getFullName(), run.getNumber(), rolloutId, getUrlName(), rollout());
    }

    /** The dashboard must not be wrong for long, but a failure there never fails a command on the rollout. */
    private void updateIndex() {
        try {
            RolloutIndex.get().put(indexEntry());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not update the index of rollouts for " + run, e);
        }
    }

    private synchronized void remember(Rollout opened) {
        rollout = opened;
    }

    private synchronized Rollout rollout() {
        if (rollout == null) {
            try (RolloutService service = RolloutService.load(logFile().toPath(), environment(replyKey()))) {
                rollout = service.rollout();
            }
        }
        return rollout;
    }

    private File logFile() {
        return new File(run.getRootDir(), LOG_PREFIX + rolloutId + ".jsonl");
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

    // ---- Action ------------------------------------------------------------------------------------------------

    @Override
    public String getIconFileName() {
        return "symbol-people";
    }

    @Override
    public String getDisplayName() {
        return Messages.RolloutAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "1".equals(rolloutId) ? "rollout" : "rollout-" + rolloutId;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public Api getApi() {
        return new Api(this);
    }

    /** The answer page, for mails (which need absolute links). */
    public String getAbsoluteUrl() throws AbortException {
        String root = Jenkins.get().getRootUrl();
        if (root == null) {
            throw new AbortException(Messages.RolloutAction_NoRootUrl());
        }
        return root + getUrl();
    }

    // ---- what the page, the API and the steps read -------------------------------------------------------------

    @Exported
    public String getRolloutId() {
        return rolloutId;
    }

    /** The number of the build the rollout belongs to, for the job's history API. */
    @Exported
    public int getBuild() {
        return run.getNumber();
    }

    /** The rollout page, relative to the Jenkins root URL. */
    @Exported
    public String getUrl() {
        return run.getUrl() + getUrlName() + "/";
    }

    @Exported
    public String getTitle() {
        return title;
    }

    @CheckForNull
    public String getOs() {
        return os;
    }

    @CheckForNull
    public String getArch() {
        return arch;
    }

    @Exported
    public String getState() {
        return state().name();
    }

    public RolloutState state() {
        return rollout().state();
    }

    @CheckForNull
    public String getReason() {
        return getView().reason();
    }

    public RolloutView getView() {
        return rollout().view();
    }

    /** The rollout as plain values: what {@code waitForEarlyAdopters} returns and {@code api/json} shows. */
    @Exported(name = "rollout")
    public Map<String, Object> getPlainView() {
        return getView().toPlainMap();
    }

    /**
     * The release's own links (release notes, installation, fixed bugs, documentation, report collection) as
     * label and URL, those given only; the answer page is this page.
     */
    public List<String[]> getReleaseLinks() {
        ReleaseLinks links = rollout().links();
        List<String[]> labelled = new ArrayList<>(links.labelled());
        labelled.removeIf(l -> l[1].equals(links.answerPage()));
        return labelled;
    }

    public List<TeamView> getTeams() {
        return getView().teams();
    }

    public Optional<Instant> nextDeadline() {
        return rollout().nextDeadline();
    }

    /** Mails that could not be sent (the change itself was recorded); shown on the page and in the log. */
    public synchronized List<String> getDeliveryProblems() {
        return List.copyOf(deliveryProblems);
    }

    public int getMinAccepts() {
        return rollout().policy().minAccepts();
    }

    /**
     * What a {@code promoteRepo} without {@code packages} moves: the NEVRAs of the package set the teams answered
     * for, so production gets exactly what was tested (also after a rebuild was promoted into testing); before any
     * set is bound, the patterns of the first promotion.
     */
    public synchronized List<String> getPackagePatterns() {
        Optional<PackageSet> bound = rollout().packages();
        if (bound.isPresent()) {
            return new ArrayList<>(bound.get().nevras());
        }
        return promotions.isEmpty() ? List.of() : promotions.get(0).patterns();
    }

    public synchronized List<PromotionRecord> getPromotions() {
        return List.copyOf(promotions);
    }

    /** Whether the current user may answer and report for the team (member, its stack's manager, or admin). */
    public boolean canActFor(String team) {
        try {
            return roster().mayActFor(CurrentActor.get(), TeamId.parse(team), stack);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isManager() {
        return roster().managesStack(CurrentActor.get(), stack);
    }

    private Roster roster() {
        return StagedRolloutConfiguration.get().toRoster(new RealmMembershipPolicy());
    }

    // ---- commands from the Pipeline (run as SYSTEM) --------------------------------------------------------------

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
        try {
            command(s -> s.changeQuorum(Actor.SYSTEM, minAccepts));
        } catch (RolloutException e) {
            throw new AbortException(e.getMessage());
        }
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
        try {
            command(s -> {
                s.checkPromotion(from, to, stages);
                return null;
            });
        } catch (RolloutException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The core's rule: production takes only NEVRAs of the package set the Early Adopters tested. */
    public void checkTestedPackages(List<String> nevras) throws AbortException {
        try {
            command(s -> {
                s.checkTestedPackages(nevras);
                return null;
            });
        } catch (RolloutException e) {
            throw new AbortException(e.getMessage());
        }
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

    /**
     * After any end but ACCEPT (REJECT, an abort, a failed or stopped block): takes the release out of every stage it
     * was promoted into, on the agent that did it. Run again (settling after a restart), it skips the repositories
     * already done.
     */
    public void withdrawPromoted(TaskListener listener) throws IOException, InterruptedException {
        Map<String, List<PromotionRecord>> byRepository = new LinkedHashMap<>();
        for (PromotionRecord p : getPromotions()) {
            byRepository
                    .computeIfAbsent(p.repositoryKey(), k -> new ArrayList<>())
                    .add(p);
        }
        for (List<PromotionRecord> into : byRepository.values()) {
            PromotionRecord p = into.get(0);
            String repository = p.repositoryKey();
            if (withdrawn.contains(repository)) {
                listener.getLogger().println(Messages.RolloutAction_AlreadyWithdrawn(p.to()));
                continue;
            }
            List<PromotionRecord> changing =
                    into.stream().filter(PromotionRecord::changedIt).toList();
            List<String> brought = PromotionRecord.brought(changing);
            if (brought.isEmpty()) {
                // Every package was there before this rollout promoted it: nothing of this rollout to take out.
                listener.getLogger().println(Messages.RolloutAction_NothingBrought(p.to()));
                withdrawn.add(repository);
                run.save();
                continue;
            }
            Node node = p.nodeName().isEmpty() ? Jenkins.get() : Jenkins.get().getNode(p.nodeName());
            FilePath root = node == null ? null : node.createPath(p.spec().root());
            if (root == null) {
                listener.error(Messages.RolloutAction_AgentOffline(p.nodeName(), p.to()));
                continue;
            }
            checkWithdrawal(p.to(), p.spec().stages());
            PromotionRecord first = changing.get(0);
            PromotionRecord last = changing.get(changing.size() - 1);
            byte[] key = SigningKeyCredentials.read(run, p.spec());
            // Serve again what the stage served before the first of them, byte for byte, when nothing else changed it
            // since; records from before the replaced snapshot was kept can only withdraw.
            PromotionResult r = first.replacedKnown()
                    ? root.act(new UndoCallable(
                            p.spec(),
                            listener,
                            key,
                            p.to(),
                            p.os(),
                            p.arch(),
                            last.snapshotId(),
                            first.replacedSnapshotId(),
                            brought))
                    : root.act(new WithdrawCallable(p.spec(), listener, key, brought, p.to(), p.os(), p.arch()));
            withdrawn.add(repository);
            run.save();
            listener.getLogger().println(r.message());
            command(s -> s.recordRepositoryChange(Actor.SYSTEM, p.to(), "withdrawn", r.message()));
        }
    }

    /** The core's rule: only a REJECTED or ABORTED release leaves a stage, and never production. */
    private void checkWithdrawal(String stage, List<String> stages) throws AbortException {
        try {
            command(s -> {
                s.checkWithdrawal(stage, stages);
                return null;
            });
        } catch (RolloutException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * A mail reply's answer, from the reply reader (which has checked the reply's token and sender): recorded once per
     * Message-ID through the same command as a page answer; then the waiting step is woken.
     */
    public void answerByMail(Actor actor, AnswerText answer, String messageId) {
        command(s -> s.answerByMail(actor, answer, messageId));
        WaitForEarlyAdoptersStep.wakeUp(run, rolloutId);
    }

    /** A query on the rollout as last loaded: opens no log and touches no index. */
    public boolean hasMailAnswer(String messageId) {
        return RolloutCommands.hasMailAnswer(rollout(), messageId);
    }

    // ---- web: every command is a POST, permission checked first; 403 and nothing changes otherwise ------------

    @RequirePOST
    public HttpResponse doAnswer(
            @QueryParameter String team, @QueryParameter String answer, @QueryParameter String comment) {
        Actor actor = requireTeamMember(team);
        AnswerKind kind = parseAnswer(answer);
        return apply(s -> s.answer(actor, TeamId.parse(team), kind, comment));
    }

    /**
     * A mail-style answer such as {@code accept NGI_IT-INFN-T1}, posted by its sender or relayed by a mail
     * gateway logged in as the sender: the core parses it, and only the named team's members may send it.
     */
    @RequirePOST
    public HttpResponse doReply(@QueryParameter String text) {
        TeamId team;
        try {
            team = AnswerText.parse(text).team();
        } catch (RolloutException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        Actor actor = requireTeamMember(team.id());
        return apply(s -> s.answerFromText(actor, text));
    }

    @RequirePOST
    public HttpResponse doReport(StaplerRequest2 req) {
        String team = req.getParameter("team");
        Actor actor = requireTeamMember(team);
        return apply(s -> s.fileReport(actor, ReportForm.parse(req, TeamId.parse(team))));
    }

    @RequirePOST
    public HttpResponse doDecide(@QueryParameter String decision, @QueryParameter String reason) {
        Actor actor = requireManager();
        Decision d = parseDecision(decision);
        return apply(s -> s.decide(actor, d, reason));
    }

    @RequirePOST
    public HttpResponse doInvite(@QueryParameter String teams) {
        Actor actor = requireManager();
        return apply(
                s -> s.invite(actor, Words.of(teams).stream().map(TeamId::parse).toList()));
    }

    @RequirePOST
    public HttpResponse doExtendDeadline(@QueryParameter int workingDays) {
        Actor actor = requireManager();
        return apply(s -> s.extendAnswerDeadline(actor, workingDays));
    }

    @RequirePOST
    public HttpResponse doExtendSoak(@QueryParameter int days) {
        Actor actor = requireManager();
        return apply(s -> s.extendSoak(actor, days));
    }

    @RequirePOST
    public HttpResponse doAbort(@QueryParameter String reason) {
        Actor actor = requireManager();
        return apply(s -> s.abort(actor, reason));
    }

    /**
     * The summary of all answers and reports under its conventional file name
     * ({@code summary-<stack>-<component>-<version>.md}, or {@code .json} with {@code ?format=json}).
     */
    public void doSummary(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String format) throws IOException {
        SummaryReport summary = command(RolloutService::summary);
        boolean json = "json".equals(format);
        rsp.setContentType(json ? "application/json;charset=UTF-8" : "text/markdown;charset=UTF-8");
        rsp.setHeader(
                "Content-Disposition",
                "attachment; filename=\""
                        + summary.fileName(json ? "json" : "md").fileName() + "\"");
        rsp.getWriter().write(json ? summary.toJson() : summary.toMarkdown());
    }

    /** The rollout as JSON, for scripts: {@code {"status":"ok","data":{...}}}. */
    public HttpResponse doStatus() {
        return JsonReply.ok(getPlainView());
    }

    private Actor requireTeamMember(String team) {
        Actor actor = CurrentActor.get();
        TeamId id;
        try {
            id = TeamId.parse(team);
        } catch (IllegalArgumentException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        if (!roster().mayActFor(actor, id, stack)) {
            throw HttpResponses.errorWithoutStack(403, Messages.RolloutAction_NotMember(actor.userId(), id.id()));
        }
        return actor;
    }

    private Actor requireManager() {
        Actor actor = CurrentActor.get();
        if (!roster().managesStack(actor, stack)) {
            throw HttpResponses.errorWithoutStack(403, Messages.RolloutAction_NotManager(actor.userId(), stack));
        }
        return actor;
    }

    private static AnswerKind parseAnswer(String answer) {
        for (AnswerKind k : AnswerKind.values()) {
            if (k.name().equalsIgnoreCase(answer == null ? "" : answer.trim())) {
                return k;
            }
        }
        throw HttpResponses.errorWithoutStack(400, Messages.RolloutAction_BadAnswer(answer));
    }

    private static Decision parseDecision(String decision) {
        for (Decision d : Decision.values()) {
            if (d.name().equalsIgnoreCase(decision == null ? "" : decision.trim())) {
                return d;
            }
        }
        throw HttpResponses.errorWithoutStack(400, Messages.RolloutAction_BadDecision(decision));
    }

    /**
     * Runs a core command; a refused one (the core names the problem and the fix) is a 400 and changes nothing.
     * Then the waiting step re-evaluates, so a decision ends the wait at once.
     */
    private HttpResponse apply(Function<RolloutService, RolloutView> change) {
        RolloutView view;
        try {
            view = command(change);
        } catch (RolloutException | IllegalArgumentException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        WaitForEarlyAdoptersStep.wakeUp(run, rolloutId);
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String accept = req == null ? null : req.getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            return JsonReply.ok(view.toPlainMap());
        }
        return HttpResponses.redirectToDot();
    }
}
