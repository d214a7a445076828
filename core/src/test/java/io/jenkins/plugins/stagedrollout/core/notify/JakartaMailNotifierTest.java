package io.jenkins.plugins.stagedrollout.core.notify;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.jenkins.plugins.stagedrollout.core.install.RepositoryUrl;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real SMTP on loopback: what each team and manager actually receives. */
class JakartaMailNotifierTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    private static Session session(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    private static List<String> to(MimeMessage m) throws MessagingException {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    /** The one message with this subject (GreenMail keeps a copy per recipient mailbox; all copies are identical). */
    private static MimeMessage received(String subject) throws MessagingException {
        MimeMessage found = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getSubject().equals(subject)) {
                if (found != null && !found.getMessageID().equals(m.getMessageID())) {
                    throw new AssertionError("two different messages with subject " + subject);
                }
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError("no message with subject " + subject);
        }
        return found;
    }

    @Test
    void invitationsRemindersEscalationsAndOutcomeReachTheRightPeople() throws Exception {
        String title = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
        Fixture f = new Fixture(new JakartaMailNotifier(session(SMTP.getSmtp().getPort()), "staged-rollout@example.org",
                Fixture.CALENDAR.zone()));
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            // one copy per recipient: 1 for INFN, 2 for CESGA
            assertThat(SMTP.getReceivedMessages()).hasSize(3);
            MimeMessage infn = received(title + ": invitation for ea-NGI_IT-INFN-T1");
            assertThat(to(infn)).containsExactly("ea-infn@example.org");
            assertThat(infn.getFrom()[0].toString()).isEqualTo("staged-rollout@example.org");
            String body = GreenMailUtil.getBody(infn).replace("\r\n", "\n");
            assertThat(body).contains("Release notes: https://docs.example.org/dpm/1.8.0/notes\n",
                    "Installation, upgrade and configuration: https://docs.example.org/dpm/1.8.0/install\n",
                    "Bugs or issues fixed: https://issues.example.org/dpm?fixed=1.8.0\n",
                    "Documentation: https://docs.example.org/dpm\n",
                    "Answer page: https://jenkins.example.org/job/dpm/42/staged-rollout/\n",
                    "Please answer by Thu 2026-11-26 10:00 Europe/Amsterdam (2026-11-26T09:00:00Z).\n",
                    "To answer, log in on the answer page and press Accept or Reject: https://jenkins.example.org/job/dpm/42/staged-rollout/\n",
                    "reply with one line:\n  accept NGI_IT-INFN-T1\nor\n  reject NGI_IT-INFN-T1",
                    "Packages under test (package set sha256 " + Fixture.PACKAGES.digest() + "):\n  "
                            + String.join("\n  ", Fixture.PACKAGES.nevras()) + "\n",
                    "Install exactly these versions from the testing repository your Staged Rollout Manager names.");
            assertThat(to(received(title + ": invitation for ea-NGI_IBERGRID-CESGA")))
                    .containsExactly("ea-cesga@example.org", "ops-cesga@example.org");

            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            assertThat(to(received(title + ": quorum met, soak dates for ea-NGI_IT-INFN-T1"))).as("the accepting team only")
                    .containsExactly("ea-infn@example.org");
            assertThat(SMTP.getReceivedMessages()).hasSize(4);
            f.clock.set(Instant.parse("2026-11-25T21:00:00Z"));
            s.tick();
            assertThat(SMTP.getReceivedMessages()).as("only the silent team is reminded").hasSize(6);
            assertThat(to(received(title + ": reminder, ea-NGI_IBERGRID-CESGA has not answered")))
                    .containsExactly("ea-cesga@example.org", "ops-cesga@example.org");

            s.answerFromText(Fixture.BOB, "reject NGI_IBERGRID-CESGA");
            MimeMessage escalation = received(title + ": manager action needed (REJECT_RECEIVED)");
            assertThat(to(escalation)).containsExactly("maria@example.org");
            assertThat(GreenMailUtil.getBody(escalation)).contains("Team ea-NGI_IBERGRID-CESGA rejected",
                    "Rollout page: https://jenkins.example.org/job/dpm/42/staged-rollout/");

            f.clock.advance(Duration.ofDays(5));
            s.decide(MANAGER, Decision.REJECT, "CESGA found a regression");
            MimeMessage outcome = received(title + ": REJECT");
            assertThat(to(outcome)).containsExactly("ea-infn@example.org", "ea-cesga@example.org", "ops-cesga@example.org",
                    "maria@example.org");
            assertThat(GreenMailUtil.getBody(outcome)).contains("Reason: CESGA found a regression");
            assertThat(s.deliveryProblems()).isEmpty();
        }
    }

    @Test
    void packageSetChangeTellsEveryInvitedTeam() throws Exception {
        Fixture f = new Fixture(new JakartaMailNotifier(session(SMTP.getSmtp().getPort()), "staged-rollout@example.org"));
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.bindPackageSet(MANAGER, Fixture.PACKAGES_2);
            MimeMessage m = received("Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64: package set changed, please answer again");
            assertThat(to(m)).containsExactly("ea-infn@example.org", "ea-cesga@example.org", "ops-cesga@example.org");
            assertThat(GreenMailUtil.getBody(m)).contains("dpm-1.8.0-2.el9.x86_64", Fixture.PACKAGES_2.digest());
        }
    }

    @Test
    void anUnreachableMailServerDoesNotLoseTheChange() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Fixture f = new Fixture(new JakartaMailNotifier(session(closedPort), "staged-rollout@example.org"));
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            assertThat(s.view().teams()).hasSize(1);
            assertThat(s.deliveryProblems()).singleElement().asString()
                    .startsWith("2026-11-25T09:00:00Z Invitation to [ea-infn@example.org]: Could not send"
                            + " 'Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64: invitation for ea-NGI_IT-INFN-T1' to [ea-infn@example.org]")
                    .endsWith("; check the SMTP settings");
        }
        try (RolloutService reloaded = RolloutService.load(dir.resolve("r.log"), f.env)) {
            assertThat(reloaded.view().teams()).hasSize(1);
        }
    }

    @Test
    void invitationsAndRemindersLinkToTheTeamsPageWhenTheHostHasOne() throws Exception {
        String title = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
        String teamPages = "https://jenkins.example.org/staged-rollouts/";
        Fixture f = new Fixture(new JakartaMailNotifier(session(SMTP.getSmtp().getPort()), "staged-rollout@example.org",
                Fixture.CALENDAR.zone(), teamPages));
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            String invitation = GreenMailUtil.getBody(received(title + ": invitation for ea-NGI_IT-INFN-T1"));
            assertThat(invitation.replace("\r\n", "\n")).contains(
                    "Answer page: https://jenkins.example.org/job/dpm/42/staged-rollout/\n",
                    "Every staged rollout of ea-NGI_IT-INFN-T1: " + teamPages + "?team=ea-NGI_IT-INFN-T1");
            f.clock.set(Instant.parse("2026-11-25T21:00:00Z"));
            s.tick();
            String reminder = GreenMailUtil.getBody(received(title + ": reminder, ea-NGI_IT-INFN-T1 has not answered"));
            assertThat(reminder).contains(teamPages + "?team=ea-NGI_IT-INFN-T1");
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.advance(Duration.ofDays(5));
            s.decide(MANAGER, Decision.REJECT, "enough");
            assertThat(GreenMailUtil.getBody(received(title + ": REJECT"))).as("only invitations and reminders")
                    .doesNotContain("?team=");
        }
    }

    @Test
    void withoutATeamsPageTheMailsDoNotMentionOne() {
        MailText text = MailText.of(new Notification.Invitation(Fixture.RELEASE, List.of("ea-infn@example.org"), INFN,
                Fixture.LINKS, Fixture.START, Fixture.PACKAGES.digest(), Fixture.PACKAGES.nevras()));
        assertThat(text.body()).contains("Answer page: ").doesNotContain("Every staged rollout of", "?team=");
    }

    @Test
    void anInvitationSaysWhereToInstallExactlyThePackagesUnderTest() {
        TestingRepository testing = TestingRepository.of(Fixture.RELEASE, "testing", "el9", "x86_64",
                new RepositoryUrl("https://repository.example.org/{stage}/{os}/{arch}/"), null, null);
        MailText text = MailText.of(new Notification.Invitation(Fixture.RELEASE, List.of("ea-infn@example.org"), INFN,
                Fixture.LINKS, Fixture.START, Fixture.PACKAGES.digest(), Fixture.PACKAGES.nevras()), ZoneOffset.UTC, null, false, testing);
        assertThat(text.body()).contains("Where to install them (testing, el9 x86_64): save these lines as " + testing.path() + "\n\n  ["
                        + testing.repoId() + "]\n  name=",
                "\n  baseurl=https://repository.example.org/testing/el9/x86_64/\n  enabled=0\n",
                "then install exactly these packages (the repository stays disabled for everything else):\n\n  "
                        + testing.dnfInstall(Fixture.PACKAGES.nevras()) + "\n");
    }

    @Test
    void soakDatesGoToTheAcceptingTeamsOnlyAndTheReportReminderADayBeforeTheDueTime() throws Exception {
        String title = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
        String answerPage = "https://jenkins.example.org/job/dpm/42/staged-rollout/";
        TestingRepository testing = TestingRepository.of(Fixture.RELEASE, "testing", "el9", "x86_64",
                new RepositoryUrl("https://repository.example.org/{stage}/{os}/{arch}/"), null, null);
        Fixture f = new Fixture(new JakartaMailNotifier(session(SMTP.getSmtp().getPort()), "staged-rollout@example.org",
                Fixture.CALENDAR.zone(), null, null, testing));
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA, Fixture.PRAGUE));
            assertThat(SMTP.getReceivedMessages()).hasSize(4);

            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            assertThat(SMTP.getReceivedMessages()).as("one quorum mail, to INFN only").hasSize(5);
            MimeMessage quorum = received(title + ": quorum met, soak dates for ea-NGI_IT-INFN-T1");
            assertThat(to(quorum)).containsExactly("ea-infn@example.org");
            assertThat(body(quorum)).isEqualTo("Quorum is met for " + title + " (1 team accepted, 1 required), so the soak has started.\n"
                    + "Team ea-NGI_IT-INFN-T1 accepted: install the packages under test now and run them under production load.\n"
                    + "\n"
                    + "The soak runs from Wed 2026-11-25 10:00 Europe/Amsterdam (2026-11-25T09:00:00Z)\n"
                    + "                to Mon 2026-11-30 10:00 Europe/Amsterdam (2026-11-30T09:00:00Z).\n"
                    + "Until the soak ends your team can still change its answer (reject or withdraw); then answers are frozen.\n"
                    + "Your report is due by Wed 2026-12-02 10:00 Europe/Amsterdam (2026-12-02T09:00:00Z).\n"
                    + "Log in on the answer page and file it there, from now on until the rollout is decided: " + answerPage + "\n"
                    + "Reports still missing at the due time are escalated to the Staged Rollout Managers.\n"
                    + "\n"
                    + "Packages under test (package set sha256 " + Fixture.PACKAGES.digest() + "):\n"
                    + "  dpm-1.8.0-1.el9.x86_64\n"
                    + "  dpm-libs-1.8.0-1.el9.x86_64\n"
                    + "\n"
                    + "Where to install them (testing, el9 x86_64): save these lines as /etc/yum.repos.d/UMD-4-testing.repo\n"
                    + "\n"
                    + "  [UMD-4-testing]\n"
                    + "  name=UMD-4 testing el9 x86_64 (staged rollout)\n"
                    + "  baseurl=https://repository.example.org/testing/el9/x86_64/\n"
                    + "  enabled=0\n"
                    + "  gpgcheck=0\n"
                    + "\n"
                    + "then install exactly these packages (the repository stays disabled for everything else):\n"
                    + "\n"
                    + "  dnf --refresh --enablerepo=UMD-4-testing install dpm-1.8.0-1.el9.x86_64 dpm-libs-1.8.0-1.el9.x86_64");

            f.clock.set(Instant.parse("2026-11-26T08:00:00Z"));
            s.answer(Fixture.BOB, CESGA, AnswerKind.ACCEPT, null);
            assertThat(SMTP.getReceivedMessages()).as("the late team only: 2 contacts").hasSize(7);
            String late = body(received(title + ": soak dates for ea-NGI_IBERGRID-CESGA"));
            assertThat(late).startsWith("Team ea-NGI_IBERGRID-CESGA accepted " + title + " while its soak runs (quorum was already"
                            + " met; 2 teams accepted, 1 required).\nInstall the packages under test now")
                    .contains("The soak runs from Wed 2026-11-25 10:00 Europe/Amsterdam (2026-11-25T09:00:00Z)\n"
                            + "                to Mon 2026-11-30 10:00 Europe/Amsterdam (2026-11-30T09:00:00Z).\n",
                            "Your report is due by Wed 2026-12-02 10:00 Europe/Amsterdam (2026-12-02T09:00:00Z).\n",
                            "dnf --refresh --enablerepo=UMD-4-testing install dpm-1.8.0-1.el9.x86_64");
            s.fileReport(Fixture.BOB, Fixture.report(CESGA, Verdict.POSITIVE));

            f.clock.set(Instant.parse("2026-12-01T09:00:00Z"));
            s.tick();
            assertThat(SMTP.getReceivedMessages()).as("PRAGUE's answer reminder, INFN's report reminder; CESGA reported")
                    .hasSize(9);
            MimeMessage reminder = received(title + ": reminder, ea-NGI_IT-INFN-T1 has not filed its report");
            assertThat(to(reminder)).containsExactly("ea-infn@example.org");
            assertThat(body(reminder)).isEqualTo("Team ea-NGI_IT-INFN-T1 accepted the staged rollout of " + title
                    + " and has not filed its report yet.\n"
                    + "Your report for " + title + " is due by Wed 2026-12-02 10:00 Europe/Amsterdam (2026-12-02T09:00:00Z).\n"
                    + "Log in on the answer page and file it there: " + answerPage + "\n"
                    + "Reports still missing at the due time are escalated to the Staged Rollout Managers.");

            s.extendSoak(MANAGER, 2);
            assertThat(SMTP.getReceivedMessages()).as("both accepting teams: 1 + 2 copies").hasSize(12);
            assertThat(to(received(title + ": soak extended, new dates for ea-NGI_IBERGRID-CESGA")))
                    .containsExactly("ea-cesga@example.org", "ops-cesga@example.org");
            assertThat(body(received(title + ": soak extended, new dates for ea-NGI_IT-INFN-T1"))).isEqualTo("The soak of " + title
                    + " was extended. The new dates for team ea-NGI_IT-INFN-T1:\n"
                    + "\n"
                    + "The soak runs from Wed 2026-11-25 10:00 Europe/Amsterdam (2026-11-25T09:00:00Z)\n"
                    + "                to Wed 2026-12-02 10:00 Europe/Amsterdam (2026-12-02T09:00:00Z).\n"
                    + "Until the soak ends your team can still change its answer (reject or withdraw); then answers are frozen.\n"
                    + "Your report is due by Fri 2026-12-04 10:00 Europe/Amsterdam (2026-12-04T09:00:00Z).\n"
                    + "Log in on the answer page and file it there, from now on until the rollout is decided: " + answerPage + "\n"
                    + "Reports still missing at the due time are escalated to the Staged Rollout Managers.");
            List<String> toPrague = new ArrayList<>();
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                assertThat(to(m)).as("the managers get none of these: " + m.getSubject()).doesNotContain("maria@example.org");
                if (to(m).contains("ea-prague@example.org")) {
                    toPrague.add(m.getSubject());
                }
            }
            assertThat(toPrague).as("the silent team gets no soak dates and no report reminder").containsExactly(
                    title + ": invitation for ea-NGI_CZ-PRAGUE_LCG2", title + ": reminder, ea-NGI_CZ-PRAGUE_LCG2 has not answered");
            assertThat(s.deliveryProblems()).isEmpty();
        }
    }

    private static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("\r\n", "\n");
    }

    @Test
    void aTeamsPageThatIsNoAbsoluteUrlIsRefused() {
        assertThatThrownBy(() -> new JakartaMailNotifier(session(25), "staged-rollout@example.org",
                Fixture.CALENDAR.zone(), "staged-rollouts/"))
                .hasMessageContaining("'staged-rollouts/' is not an absolute http(s) URL");
    }
}
