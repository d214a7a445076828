package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.postForReply;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import hudson.model.Result;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.EarlyAdopterTeamConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.steps.WaitForEarlyAdoptersStep;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * What time drives, in a real controller: the reminder halfway to the answer deadline, the escalation at the
 * deadline, the end of the soak and the automatic decision, each fired by the wait's own timer; and deadlines that
 * passed while the controller was down, fired at start-up. Time jumps on the plugin's clock to just before each
 * deadline; the last second passes for real, so the timer the step set from that clock is what fires.
 */
class TimeDrivenRolloutTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path repos;

    private static final String CYFRONET = "ea-NGI_PL-CYFRONET";

    private final JumpingClock clock = new JumpingClock();

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @AfterEach
    void restoreRealTime() {
        RolloutClock.set(Clock.systemUTC());
        smtp.stop();
    }

    @Test
    void reminderEscalationSoakEndAndAutomaticDecisionFireOnTime() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        sessions.then(j -> {
            RolloutClock.set(clock);
            RolloutTestSupport.setUp(j, repos);
            smtp.start();
            Mailer.descriptor().setSmtpHost("127.0.0.1");
            Mailer.descriptor().setSmtpPort(String.valueOf(smtp.getSmtp().getPort()));

            WorkflowRun build =
                    startRelease(j, RELEASE_SCRIPT.replace("arch: 'x86_64')", "arch: 'x86_64', autoDecide: true)"));
            RolloutAction rollout = awaitInvitations(j, build);
            assertTrue(smtp.waitForIncomingEmail(10_000, 2), "two invitations");
            Instant deadline = rollout.getTeams().get(0).deadline();

            // Halfway to the answer deadline: both teams are still silent and get a reminder.
            jumpToJustBefore(build, rollout, rollout.getRollout().nextDeadline().orElseThrow());
            assertTrue(smtp.waitForIncomingEmail(10_000, 4), "two reminders");
            assertEquals(
                    List.of(INFN, KIT),
                    rollout.getTeams().stream()
                            .filter(TeamView::reminded)
                            .map(TeamView::team)
                            .toList());
            assertTrue(subjects().contains(rollout.getTitle() + ": reminder, " + INFN + " has not answered"));

            // The deadline without quorum: the managers are asked to act.
            assertEquals(deadline, rollout.getRollout().nextDeadline().orElseThrow());
            jumpToJustBefore(build, rollout, deadline);
            assertTrue(smtp.waitForIncomingEmail(10_000, 5), "the escalation");
            MimeMessage escalation = smtp.getReceivedMessages()[4];
            assertEquals(
                    rollout.getTitle() + ": manager action needed (NO_QUORUM_BY_DEADLINE)", escalation.getSubject());
            assertEquals("umd-manager@example.org", escalation.getRecipients(Message.RecipientType.TO)[0].toString());

            // A late accept still counts: the soak starts; a positive report comes in during the soak.
            assertEquals(200, answer(j, build, "alice", INFN, "accept", "late but fine"));
            assertEquals("SOAK", rollout.getState());
            assertEquals(
                    200,
                    post(
                            j.createWebClient().login("alice"),
                            build,
                            "report",
                            "team",
                            INFN,
                            "verdict",
                            "POSITIVE",
                            "releaseNotesCorrect",
                            "on",
                            "testsPerformed",
                            "upgrade from 1.0.0"));
            assertEquals("SOAK", rollout.getState(), "no decision before the soak has ended");

            // The end of the soak: everything allows the automatic ACCEPT, and the release reaches production.
            jumpToJustBefore(build, rollout, rollout.getRollout().nextDeadline().orElseThrow());
            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
            assertEquals("ACCEPTED", rollout.getState());
            assertEquals(Boolean.TRUE, rollout.getPlainView().get("automatic"));
            assertEquals(List.of(RPM), served(repos, "production"));
        });
    }

    @Test
    void deadlinesThatPassedWhileTheControllerWasDownFireAtStartUp() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        Instant[] deadline = new Instant[1];
        sessions.then(j -> {
            RolloutClock.set(clock);
            RolloutTestSupport.setUp(j, repos);
            WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
            RolloutAction rollout = awaitInvitations(j, build);
            deadline[0] = rollout.getTeams().get(0).deadline();
            assertEquals(0, rollout.getPlainView().get("escalations"));
        });
        // The controller is down while the reminder and the answer deadline pass.
        clock.jumpTo(deadline[0].plus(Duration.ofHours(1)));
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            WorkflowRun build =
                    j.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            RolloutAction rollout = build.getAction(RolloutAction.class);
            waitUntil(() -> Integer.valueOf(1).equals(rollout.getPlainView().get("escalations")), "the escalation");
            assertTrue(rollout.getTeams().stream().allMatch(TeamView::reminded), "the reminders went out too");
            assertEquals("AWAITING_ANSWERS", rollout.getState());

            assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        });
    }

    @Test
    void invitingWhileReportsAreCollectedSaysToExtendTheSoakFirst() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        sessions.then(j -> {
            RolloutClock.set(clock);
            RolloutTestSupport.setUp(j, repos);
            EarlyAdopterTeamConfig cyfronet = new EarlyAdopterTeamConfig(CYFRONET);
            cyfronet.setContacts("cyfronet@example.org");
            cyfronet.setMembers("carol");
            List<EarlyAdopterTeamConfig> teams =
                    new ArrayList<>(StagedRolloutConfiguration.get().getTeams());
            teams.add(cyfronet);
            StagedRolloutConfiguration.get().setTeams(teams);

            WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
            RolloutAction rollout = awaitInvitations(j, build);
            assertEquals(200, answer(j, build, "alice", INFN, "accept", null));
            jumpToJustBefore(build, rollout, rollout.getView().soakEnd());
            waitUntil(() -> "REPORTING".equals(rollout.getState()), "the end of the soak");

            JenkinsRule.WebClient manager = j.createWebClient().login("manager");
            WebResponse refused = postForReply(manager, build, "invite", "teams", CYFRONET);
            assertEquals(400, refused.getStatusCode());
            assertTrue(
                    refused.getContentAsString()
                            .contains("extend the soak first (extend the soak by at least 5 days: the rollout returns"
                                    + " to SOAK), then invite the teams"),
                    refused.getContentAsString());
            assertEquals(2, rollout.getTeams().size(), "nobody was invited");

            assertEquals(200, post(manager, build, "extendSoak", "days", "5"));
            assertEquals("SOAK", rollout.getState());
            assertEquals(200, post(manager, build, "invite", "teams", CYFRONET));
            assertEquals(
                    List.of(INFN, KIT, CYFRONET),
                    rollout.getTeams().stream().map(TeamView::team).toList());

            assertEquals(200, post(manager, build, "abort", "reason", "test over"));
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        });
    }

    /**
     * Jumps the plugin's clock to one second before {@code deadline} and tells the wait, as any change on the
     * rollout page does: it sets its timer from the clock, which then fires for real a second later.
     */
    private void jumpToJustBefore(WorkflowRun build, RolloutAction rollout, Instant deadline) {
        clock.jumpTo(deadline.minusSeconds(1));
        WaitForEarlyAdoptersStep.wakeUp(build, rollout.getRolloutId());
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** Real time, shifted: a jump moves it, and it goes on ticking from there. */
    private static final class JumpingClock extends Clock {

        private final AtomicReference<Duration> shift;
        private final ZoneId zone;

        JumpingClock() {
            this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private JumpingClock(AtomicReference<Duration> shift, ZoneId zone) {
            this.shift = shift;
            this.zone = zone;
        }

        void jumpTo(Instant instant) {
            shift.set(Duration.between(Instant.now(), instant));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        /** The same jumps, seen in another zone. */
        @Override
        public Clock withZone(ZoneId other) {
            return new JumpingClock(shift, other);
        }
    }
}
