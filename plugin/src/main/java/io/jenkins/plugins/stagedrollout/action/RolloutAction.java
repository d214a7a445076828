package io.jenkins.plugins.stagedrollout.action;

import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.config.Words;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.report.SummaryReport;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutView;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.security.CurrentActor;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
 * The rollout page of a build ({@code <build>/rollout/}): the EA answer page, the manager's commands and the JSON
 * API. It holds nothing of its own: a face made for each {@link BuildRollout} of the build, which keeps the record.
 * Every command is a POST whose first line checks who may send it; a refused one is a 400 and changes nothing.
 */
@ExportedBean
public final class RolloutAction implements Action {

    private final BuildRollout rollout;

    /** Made by {@link RolloutActionFactory} for each rollout of a build. */
    RolloutAction(BuildRollout rollout) {
        this.rollout = rollout;
    }

    /** The model behind the page. */
    public BuildRollout getRollout() {
        return rollout;
    }

    /** What the current viewer sees and may do on the page now. */
    public RolloutPage getPage() {
        return new RolloutPage(rollout, CurrentActor.get(), RolloutClock.now());
    }

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
        return rollout.pathName();
    }

    public Run<?, ?> getRun() {
        return rollout.run();
    }

    public Api getApi() {
        return new Api(this);
    }

    // ---- what the page and the API read ---------------------------------------------------------------------------

    @Exported
    public String getRolloutId() {
        return rollout.rolloutId();
    }

    /** The number of the build the rollout belongs to, for the job's history API. */
    @Exported
    public int getBuild() {
        return rollout.run().getNumber();
    }

    /** The rollout page, relative to the Jenkins root URL. */
    @Exported
    public String getUrl() {
        return rollout.url();
    }

    @Exported
    public String getTitle() {
        return rollout.title();
    }

    @Exported
    public String getState() {
        return rollout.state().name();
    }

    /** The rollout as plain values: what {@code waitForEarlyAdopters} returns and {@code api/json} shows. */
    @Exported(name = "rollout")
    public Map<String, Object> getPlainView() {
        return rollout.view().toPlainMap();
    }

    public RolloutView getView() {
        return rollout.view();
    }

    public List<TeamView> getTeams() {
        return rollout.view().teams();
    }

    public List<String[]> getReleaseLinks() {
        return rollout.releaseLinks();
    }

    public List<String> getDeliveryProblems() {
        return rollout.deliveryProblems();
    }

    // ---- web: every command is a POST, permission checked first; 403 and nothing changes otherwise ------------

    @RequirePOST
    public HttpResponse doAnswer(
            @QueryParameter String team, @QueryParameter String answer, @QueryParameter String comment) {
        Actor actor = requireTeamMember(team);
        AnswerKind kind = FormValues.answer(answer);
        return apply(() -> rollout.answer(actor, TeamId.parse(team), kind, comment));
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
        return apply(() -> rollout.answerFromText(actor, text));
    }

    @RequirePOST
    public HttpResponse doReport(StaplerRequest2 req) {
        String team = req.getParameter("team");
        Actor actor = requireTeamMember(team);
        return apply(() -> rollout.fileReport(actor, ReportForm.parse(req, TeamId.parse(team))));
    }

    @RequirePOST
    public HttpResponse doDecide(@QueryParameter String decision, @QueryParameter String reason) {
        Actor actor = requireManager();
        Decision d = FormValues.decision(decision);
        return apply(() -> rollout.decide(actor, d, reason));
    }

    @RequirePOST
    public HttpResponse doInvite(@QueryParameter String teams) {
        Actor actor = requireManager();
        return apply(() -> rollout.invite(
                actor, Words.of(teams).stream().map(TeamId::parse).toList()));
    }

    @RequirePOST
    public HttpResponse doExtendDeadline(@QueryParameter int workingDays) {
        Actor actor = requireManager();
        return apply(() -> rollout.extendAnswerDeadline(actor, workingDays));
    }

    @RequirePOST
    public HttpResponse doExtendSoak(@QueryParameter int days) {
        Actor actor = requireManager();
        return apply(() -> rollout.extendSoak(actor, days));
    }

    @RequirePOST
    public HttpResponse doAbort(@QueryParameter String reason) {
        Actor actor = requireManager();
        return apply(() -> rollout.abort(actor, reason));
    }

    /**
     * The summary of all answers and reports under its conventional file name
     * ({@code summary-<stack>-<component>-<version>.md}, or {@code .json} with {@code ?format=json}).
     */
    public void doSummary(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String format) throws IOException {
        SummaryReport summary = rollout.summary();
        boolean json = "json".equals(format);
        rsp.setContentType(json ? "application/json;charset=UTF-8" : "text/markdown;charset=UTF-8");
        rsp.setHeader(
                "Content-Disposition",
                "attachment; filename=\""
                        + summary.fileName(json ? "json" : "md").fileName() + "\"");
        rsp.getWriter().write(json ? summary.toJson() : summary.toMarkdown());
    }

    /**
     * The {@code .repo} file of the testing repository the teams install from ({@code <build>/rollout/repo}), for
     * whoever may read the build; a 404 naming the setting when no repository URL names the stack.
     */
    public HttpResponse doRepo() {
        rollout.run().checkPermission(Item.READ);
        Optional<TestingRepository> testing = rollout.testingRepository();
        if (testing.isEmpty()) {
            return TextReply.notFound(Messages.RolloutAction_NoRepository(rollout.title(), rollout.stack()));
        }
        return TextReply.attachment(
                testing.get().repoId() + ".repo", testing.get().repoFile());
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
        if (!rollout.mayActFor(actor, id)) {
            throw HttpResponses.errorWithoutStack(403, Messages.RolloutAction_NotMember(actor.userId(), id.id()));
        }
        return actor;
    }

    private Actor requireManager() {
        Actor actor = CurrentActor.get();
        if (!rollout.isManagedBy(actor)) {
            throw HttpResponses.errorWithoutStack(
                    403, Messages.RolloutAction_NotManager(actor.userId(), rollout.stack()));
        }
        return actor;
    }

    /**
     * Runs a command of the model; a refused one (the core names the problem and the fix) is a 400 and changes
     * nothing. A script asking for JSON gets the rollout after the change; a browser goes back to the page.
     */
    private static HttpResponse apply(Supplier<RolloutView> change) {
        RolloutView view;
        try {
            view = change.get();
        } catch (RolloutException | IllegalArgumentException e) {
            throw HttpResponses.errorWithoutStack(400, e.getMessage());
        }
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        String accept = req == null ? null : req.getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            return JsonReply.ok(view.toPlainMap());
        }
        return HttpResponses.redirectToDot();
    }
}
