package io.jenkins.plugins.stagedrollout.core.mailreply;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import io.jenkins.plugins.stagedrollout.core.notify.JakartaMailNotifier;
import io.jenkins.plugins.stagedrollout.core.rollout.Answer;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IMAP and SMTP on loopback (GreenMail): invitations go out with the team's reply address, replies land in the
 * reply mailbox, one read decides them, records the answers through the rollout's command, answers the senders and
 * files every mail.
 */
class MailReplyTest {
    private static final String MAILBOX = "rollouts@example.org";
    private static final String ALICE_ADDRESS = "alice@infn.example.org";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});

    @TempDir
    Path dir;

    private final ReplyAddress address = ReplyAddress.parse(MAILBOX);
    private final ReplyTokens tokens = ReplyTokens.hmacSha256("0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8));
    private GreenMailUser mailbox;
    private Fixture fixture;
    private RolloutService rollout;
    private Book book;

    /** The host's side as the plugin has it: rollouts by id, users by address. */
    private final class Book implements AnswerBook {
        final Map<String, RolloutService> rollouts;
        RuntimeException failNextRecord;
        boolean failAfterRecord;

        Book(Map<String, RolloutService> rollouts) {
            this.rollouts = rollouts;
        }

        @Override
        public Optional<ReplyTarget> target(String token) {
            for (Map.Entry<String, RolloutService> e : rollouts.entrySet()) {
                for (var team : e.getValue().rollout().teams().keySet()) {
                    if (tokens.token(e.getKey(), team).equals(token)) {
                        return Optional.of(new ReplyTarget(e.getKey(), Fixture.RELEASE.ticketTitle(),
                                Fixture.LINKS.answerPage(), Fixture.ROSTER.team(team).orElseThrow()));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<Actor> member(ReplyTarget target, String addr) {
            Actor alice = Fixture.ALICE;
            return addr.equals(ALICE_ADDRESS) && Fixture.ROSTER.isMember(alice, target.team()) ? Optional.of(alice) : Optional.empty();
        }

        @Override
        public boolean answered(ReplyTarget target, String messageId) {
            return rollouts.get(target.rolloutId()).hasMailAnswer(messageId);
        }

        @Override
        public void record(ReplyTarget target, Actor actor, AnswerText answer, String messageId) {
            if (failNextRecord != null) {
                RuntimeException e = failNextRecord;
                failNextRecord = null;
                throw e;
            }
            rollouts.get(target.rolloutId()).answerByMail(actor, answer, messageId);
            if (failAfterRecord) {
                failAfterRecord = false;
                throw new IllegalStateException("controller stopped after recording");
            }
        }
    }

    @BeforeEach
    void openRolloutAndMailbox() throws Exception {
        mailbox = MAIL.setUser(MAILBOX, "rollouts", "secret");
        fixture = new Fixture(new JakartaMailNotifier(smtpSession(), "staged-rollout@example.org", Fixture.CALENDAR.zone(), null,
                new TeamReplyAddresses(address, tokens, "r-1")));
        rollout = fixture.open(dir.resolve("r-1.log"), RolloutPolicy.defaults());
        rollout.invite(MANAGER, List.of(INFN, CESGA));
        book = new Book(Map.of("r-1", rollout));
    }

    @AfterEach
    void close() {
        rollout.close();
        POLLER_LOG.removeHandler(logHandler);
    }

    /** What the poller logged during the test, formatted. */
    private final List<String> log = new ArrayList<>();
    private static final Logger POLLER_LOG = Logger.getLogger(MailboxPoller.class.getName());
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            log.add(new SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listenToTheLog() {
        POLLER_LOG.addHandler(logHandler);
    }

    private static Session smtpSession() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
        return Session.getInstance(p);
    }

    private MailboxPoller poller() {
        return poller(Optional.empty());
    }

    private MailboxPoller poller(Optional<TrustedServer> server) {
        MailboxSettings settings = new MailboxSettings("127.0.0.1", MAIL.getImap().getPort(), MailboxSettings.Security.NONE,
                "rollouts", "secret", null, null, null, Duration.ofSeconds(10));
        return new MailboxPoller(settings, new ReplyDesk(address, book, server), address, smtpSession(), "staged-rollout@example.org");
    }

    /** The invitation a team's contact received: its Reply-To is where the team's reply goes. */
    private MimeMessage invitationTo(String contact) throws MessagingException {
        for (MimeMessage m : MAIL.getReceivedMessagesForDomain(contact.substring(contact.indexOf('@') + 1))) {
            if (m.getSubject().contains("invitation") && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(contact))) {
                return m;
            }
        }
        throw new AssertionError("no invitation to " + contact);
    }

    /** A reply as a mail client writes it: to the Reply-To, "Re:" subject, the original quoted below. */
    private MimeMessage reply(String from, MimeMessage to, String text) throws Exception {
        MimeMessage m = new MimeMessage(smtpSession());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to.getReplyTo());
        m.setSubject("Re: " + to.getSubject());
        m.setHeader("In-Reply-To", to.getMessageID());
        m.setText(text + "\n\nOn Wed, 25 Nov 2026 at 10:00, staged-rollout@example.org wrote:\n> "
                + to.getContent().toString().replace("\n", "\n> "), "UTF-8");
        m.saveChanges();
        return m;
    }

    private List<Answer> answersOf(io.jenkins.plugins.stagedrollout.core.team.TeamId team) {
        return rollout.rollout().teams().get(team).history();
    }

    private List<MimeMessage> folder(String name) throws MessagingException {
        Properties p = new Properties();
        try (Store store = Session.getInstance(p).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getPort(), "rollouts", "secret");
            Folder f = store.getFolder(name);
            if (!f.exists()) {
                return List.of();
            }
            f.open(Folder.READ_ONLY);
            List<MimeMessage> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                out.add(new MimeMessage((MimeMessage) m));
            }
            f.close(false);
            return out;
        }
    }

    /** Why a mail was filed as refused, as its header says. */
    private static String refusedBecause(MimeMessage m) throws Exception {
        return MimeUtility.decodeText(MimeUtility.unfold(m.getHeader(MailboxPoller.REFUSED_HEADER, null)));
    }

    /** What the poller sent back to an address. */
    private List<MimeMessage> answersTo(String addr) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if ("auto-replied".equals(m.getHeader("Auto-Submitted", null))
                    && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(addr))) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void invitationsCarryTheTeamsOwnReplyAddressAndTag() throws Exception {
        MimeMessage infn = invitationTo("ea-infn@example.org");
        MimeMessage cesga = invitationTo("ea-cesga@example.org");
        String infnToken = tokens.token("r-1", INFN);
        assertThat(infn.getReplyTo()).extracting(Object::toString).containsExactly("rollouts+sr-" + infnToken + "@example.org");
        assertThat(infn.getSubject()).endsWith("[sr-" + infnToken + "]");
        assertThat(cesga.getReplyTo()[0].toString()).isNotEqualTo(infn.getReplyTo()[0].toString());
        assertThat(infn.getContent().toString()).contains("reply to this mail with one line", "accept NGI_IT-INFN-T1");
    }

    @Test
    void aReplyToTheReminderIsTheTeamsAnswerToo() throws Exception {
        fixture.clock.set(Instant.parse("2026-11-25T21:00:00Z")); // halfway to the one-working-day deadline
        rollout.tick();
        MimeMessage reminder = null;
        for (MimeMessage m : MAIL.getReceivedMessagesForDomain("example.org")) {
            if (m.getSubject().contains("reminder, ea-NGI_IT-INFN-T1")) {
                reminder = m;
            }
        }
        assertThat(reminder).as("the reminder to INFN").isNotNull();
        assertThat(reminder.getReplyTo()[0].toString()).isEqualTo(address.forToken(tokens.token("r-1", INFN)));
        assertThat(reminder.getSubject()).endsWith(ReplyAddress.subjectTag(tokens.token("r-1", INFN)));
        mailbox.deliver(reply("ea-infn@example.org", reminder, "accept NGI_IT-INFN-T1"));

        poller().poll();

        assertThat(answersOf(INFN)).singleElement().extracting(Answer::kind).isEqualTo(AnswerKind.ACCEPT);
    }

    @Test
    void anAcceptFromAContactAddressIsRecordedConfirmedAndFiled() throws Exception {
        MimeMessage reply = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "Accept NGI_IT-INFN-T1");
        mailbox.deliver(reply);

        MailboxPoller.Report report = poller().poll();

        assertThat(report.count(Outcome.Kind.RECORDED)).isEqualTo(1);
        assertThat(answersOf(INFN)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnswerKind.ACCEPT);
            assertThat(a.by()).isEqualTo("ea-infn@example.org");
            assertThat(a.via()).isEqualTo("mail " + reply.getMessageID());
        });
        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("processed")).extracting(MimeMessage::getMessageID).containsExactly(reply.getMessageID());
        assertThat(answersTo("ea-infn@example.org")).singleElement().satisfies(m -> {
            assertThat(m.getContent().toString()).contains("Your answer is recorded: ACCEPT of team ea-NGI_IT-INFN-T1");
            assertThat(m.getHeader("In-Reply-To", null)).isEqualTo(reply.getMessageID());
        });
    }

    @Test
    void aRejectFromAMembersOwnAddressKeepsItsReason() throws Exception {
        mailbox.deliver(reply(ALICE_ADDRESS, invitationTo("ea-infn@example.org"),
                "reject ea-ngi_it-infn-t1 the SRM fails after the update\nlogs are in GGUS 4711\n\n--\nAlice, INFN-T1 ops"));

        poller().poll();

        assertThat(answersOf(INFN)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnswerKind.REJECT);
            assertThat(a.by()).isEqualTo("alice");
            assertThat(a.comment()).isEqualTo("the SRM fails after the update\nlogs are in GGUS 4711");
        });
    }

    @Test
    void aStrangersReplyIsRefusedFiledWithTheReasonAndNotAnswered() throws Exception {
        MimeMessage forged = reply("mallory@evil.example.net", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1");
        mailbox.deliver(forged);

        MailboxPoller.Report report = poller().poll();

        assertThat(report.count(Outcome.Kind.REFUSED)).isEqualTo(1);
        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(m -> assertThat(refusedBecause(m)).isEqualTo("REFUSED:"
                + " the sender mallory@evil.example.net is neither a contact address of team ea-NGI_IT-INFN-T1 nor the"
                + " address of one of its members; answer from the address the invitation was sent to, or log in and"
                + " answer on the page " + Fixture.LINKS.answerPage()));
        // no backscatter: the address may never have written; the refusal is logged instead
        assertThat(MAIL.getReceivedMessagesForDomain("evil.example.net")).isEmpty();
        assertThat(log).singleElement().asString().startsWith("Reply mail " + forged.getMessageID()
                + " from mallory@evil.example.net not recorded (REFUSED): the sender mallory@evil.example.net is neither")
                .endsWith("; told nobody: neither its Reply-To nor its From is an address of the team");
    }

    @Test
    void aStrangersReplyToNamesNobodyToTell() throws Exception {
        MimeMessage m = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "Yes, fine for us!");
        m.setReplyTo(new InternetAddress[] {new InternetAddress("victim@elsewhere.example.net")});
        m.saveChanges();
        mailbox.deliver(m);

        poller().poll();

        assertThat(MAIL.getReceivedMessagesForDomain("elsewhere.example.net")).isEmpty();
        // the From is a contact of the team: the refusal goes there instead
        assertThat(answersTo("ea-infn@example.org")).singleElement().satisfies(r -> assertThat(r.getContent().toString())
                .contains("Answer 'Yes, fine for us!' is not understood"));
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        MimeMessage m = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1");
        m.setRecipients(Message.RecipientType.TO, "rollouts+sr-" + "0".repeat(24) + "@example.org");
        m.setSubject("Re: my answer");
        m.saveChanges();
        mailbox.deliver(m);

        poller().poll();

        assertThat(answersOf(INFN)).isEmpty();
        // without a rollout there is no team, so no address known to be the sender's: logged and filed, not answered
        assertThat(answersTo("ea-infn@example.org")).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(r -> assertThat(refusedBecause(r))
                .startsWith("REFUSED: its reply token belongs to no staged rollout here"));
    }

    @Test
    void aTeamCannotAnswerForAnotherThroughItsToken() throws Exception {
        // CESGA's contact replies to CESGA's invitation, but names INFN
        mailbox.deliver(reply("ea-cesga@example.org", invitationTo("ea-cesga@example.org"), "accept NGI_IT-INFN-T1"));
        // and INFN's token used from CESGA's address
        mailbox.deliver(reply("ea-cesga@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IBERGRID-CESGA"));

        MailboxPoller.Report report = poller().poll();

        assertThat(report.count(Outcome.Kind.REFUSED)).isEqualTo(2);
        assertThat(answersOf(INFN)).isEmpty();
        assertThat(answersOf(CESGA)).isEmpty();
        // CESGA's address is not INFN's: the second refusal is filed, not mailed
        assertThat(answersTo("ea-cesga@example.org")).singleElement().satisfies(r -> assertThat(r.getContent().toString())
                .contains("this reply address takes the answers of team ea-NGI_IBERGRID-CESGA, but the answer names ea-NGI_IT-INFN-T1"));
        assertThat(folder("refused")).extracting(MailReplyTest::refusedBecause)
                .anySatisfy(t -> assertThat(t).contains("neither a contact address of team ea-NGI_IT-INFN-T1"));
    }

    @Test
    void aDecidedRolloutTakesNoMoreAnswers() throws Exception {
        rollout.decide(MANAGER, Decision.REJECT, "broken on el9");
        mailbox.deliver(reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1"));

        poller().poll();

        assertThat(answersOf(INFN)).isEmpty();
        assertThat(answersTo("ea-infn@example.org")).singleElement().satisfies(r -> assertThat(r.getContent().toString())
                .contains("Cannot answer", "REJECTED (final)"));
    }

    @Test
    void theSameMailDeliveredTwiceRecordsOneAnswer() throws Exception {
        MimeMessage reply = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1");
        mailbox.deliver(reply);
        mailbox.deliver(reply);

        MailboxPoller.Report report = poller().poll();

        assertThat(report.count(Outcome.Kind.RECORDED)).isEqualTo(1);
        assertThat(report.count(Outcome.Kind.DUPLICATE)).isEqualTo(1);
        assertThat(answersOf(INFN)).hasSize(1);
        assertThat(folder("processed")).hasSize(2);
        assertThat(answersTo("ea-infn@example.org")).hasSize(1);
    }

    @Test
    void autoRepliesNeverCountAndAreNeverAnswered() throws Exception {
        MimeMessage invitation = invitationTo("ea-infn@example.org");
        MimeMessage outOfOffice = reply("ea-infn@example.org", invitation, "accept NGI_IT-INFN-T1 (I am away until Monday)");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.saveChanges();
        MimeMessage bySubject = reply("ea-infn@example.org", invitation, "I am out of the office");
        bySubject.setSubject("Out of Office: " + invitation.getSubject());
        bySubject.saveChanges();
        mailbox.deliver(outOfOffice);
        mailbox.deliver(bySubject);

        MailboxPoller.Report report = poller().poll();

        assertThat(report.count(Outcome.Kind.IGNORED)).isEqualTo(2);
        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).hasSize(2);
        assertThat(answersTo("ea-infn@example.org")).isEmpty();
    }

    @Test
    void anHtmlOnlyReplyIsReadAsItsClientShowsIt() throws Exception {
        MimeMessage invitation = invitationTo("ea-infn@example.org");
        MimeMessage m = reply("ea-infn@example.org", invitation, "");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><div dir=\"ltr\">Reject&nbsp;NGI_IT-INFN-T1 <b>dpm-libs</b> conflicts<br>with our xrootd"
                + "</div><div class=\"gmail_quote\"><div>On Wed, staged-rollout wrote:</div><blockquote>accept NGI_IT-INFN-T1"
                + "</blockquote></div></body></html>", "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        mailbox.deliver(m);

        poller().poll();

        assertThat(answersOf(INFN)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnswerKind.REJECT);
            assertThat(a.comment()).isEqualTo("dpm-libs conflicts\nwith our xrootd");
        });
    }

    @Test
    void aReadCutShortBeforeRecordingLosesNothing() throws Exception {
        mailbox.deliver(reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1"));
        book.failNextRecord = new IllegalStateException("controller stopping");

        MailboxPoller.Report first = poller().poll();

        assertThat(first.problems()).singleElement().asString().contains("left for the next read", "controller stopping");
        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("INBOX")).hasSize(1);

        MailboxPoller.Report second = poller().poll();

        assertThat(second.count(Outcome.Kind.RECORDED)).isEqualTo(1);
        assertThat(answersOf(INFN)).hasSize(1);
        assertThat(folder("INBOX")).isEmpty();
    }

    @Test
    void aReadCutShortAfterRecordingDuplicatesNothing() throws Exception {
        mailbox.deliver(reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1"));
        book.failAfterRecord = true;

        poller().poll();
        assertThat(answersOf(INFN)).hasSize(1);
        assertThat(folder("INBOX")).hasSize(1);

        MailboxPoller.Report second = poller().poll();

        assertThat(second.count(Outcome.Kind.DUPLICATE)).isEqualTo(1);
        assertThat(answersOf(INFN)).hasSize(1);
        assertThat(folder("processed")).hasSize(1);
        assertThat(folder("INBOX")).isEmpty();
    }

    @Test
    void anUnreadableLineIsAnsweredWithHowToAnswer() throws Exception {
        mailbox.deliver(reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "Yes, fine for us!"));

        poller().poll();

        assertThat(answersOf(INFN)).isEmpty();
        assertThat(answersTo("ea-infn@example.org")).singleElement().satisfies(r -> {
            assertThat(r.getContent().toString().replace("\r\n", "\n")).contains("Answer 'Yes, fine for us!' is not understood",
                    "reply to this mail with one line:\n  accept NGI_IT-INFN-T1");
            assertThat(r.getReplyTo()[0].toString()).isEqualTo(address.forToken(tokens.token("r-1", INFN)));
        });
    }

    @Test
    void everyMailLeavesTheInbox() throws Exception {
        AtomicInteger n = new AtomicInteger();
        for (String text : List.of("accept NGI_IT-INFN-T1", "nonsense", "accept NGI_IT-INFN-T1 again")) {
            MimeMessage m = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), text);
            m.setHeader("X-Test", Integer.toString(n.incrementAndGet()));
            m.saveChanges();
            mailbox.deliver(m);
        }

        poller().poll();

        assertThat(folder("INBOX")).isEmpty();
        assertThat(folder("processed").size() + folder("refused").size()).isEqualTo(3);
    }

    // ---- the trusted receiving server ----------------------------------------------------------------------

    private static final Optional<TrustedServer> MX = Optional.of(new TrustedServer("mx.example.org"));
    private static final String NOT_VOUCHED = "UNVERIFIED: the receiving mail server mx.example.org does not vouch for the sender: ";

    /** INFN's contact accepts; the Authentication-Results headers as given, topmost first. */
    private MimeMessage acceptWith(String... authenticationResults) throws Exception {
        MimeMessage m = reply("ea-infn@example.org", invitationTo("ea-infn@example.org"), "accept NGI_IT-INFN-T1");
        for (String h : authenticationResults) {
            m.addHeader("Authentication-Results", h); // added after the ones before: the first stays topmost
        }
        m.saveChanges();
        return m;
    }

    @Test
    void aReplyTheTrustedServerVouchesForIsRecorded() throws Exception {
        mailbox.deliver(acceptWith("mx.example.org; dkim=pass header.d=example.org;"
                + " dmarc=pass (p=reject dis=none) header.from=example.org"));

        MailboxPoller.Report report = poller(MX).poll();

        assertThat(report.count(Outcome.Kind.RECORDED)).isEqualTo(1);
        assertThat(answersOf(INFN)).singleElement().extracting(Answer::kind).isEqualTo(AnswerKind.ACCEPT);
        assertThat(answersTo("ea-infn@example.org")).hasSize(1);
    }

    @Test
    void aReplyFailingDmarcIsFiledWithTheReasonAndNotAnswered() throws Exception {
        mailbox.deliver(acceptWith("mx.example.org; dmarc=fail (p=none dis=none) header.from=example.org"));

        MailboxPoller.Report report = poller(MX).poll();

        assertThat(report.count(Outcome.Kind.UNVERIFIED)).isEqualTo(1);
        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(m -> assertThat(refusedBecause(m))
                .isEqualTo(NOT_VOUCHED + "mx.example.org found dmarc=fail for example.org"));
        assertThat(answersTo("ea-infn@example.org")).isEmpty();
        assertThat(log).singleElement().asString().endsWith(" from ea-infn@example.org not recorded (UNVERIFIED): the"
                + " receiving mail server mx.example.org does not vouch for the sender: mx.example.org found dmarc=fail"
                + " for example.org; not answered");
    }

    @Test
    void aReplyWithoutTheHeaderIsNotRecordedWhereAServerIsTrusted() throws Exception {
        mailbox.deliver(acceptWith());

        poller(MX).poll();

        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(m -> assertThat(refusedBecause(m))
                .isEqualTo(NOT_VOUCHED + "the mail has no Authentication-Results header of mx.example.org"));
        assertThat(answersTo("ea-infn@example.org")).isEmpty();
    }

    @Test
    void aVerdictOfAnotherServerIsIgnored() throws Exception {
        // whoever sends the mail can write this header; it names their server, not ours
        mailbox.deliver(acceptWith("mx.evil.example.net; dmarc=pass header.from=example.org"));

        poller(MX).poll();

        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(m -> assertThat(refusedBecause(m))
                .isEqualTo(NOT_VOUCHED + "the mail has no Authentication-Results header of mx.example.org"));
    }

    @Test
    void onlyTheTopmostHeaderOfTheTrustedServerCounts() throws Exception {
        // the lower one came with the mail (a forged pass under the server's own fail) ...
        MimeMessage forged = acceptWith("mx.example.org; dmarc=fail header.from=example.org",
                "mx.example.org; dmarc=pass header.from=example.org");
        mailbox.deliver(forged);

        poller(MX).poll();

        assertThat(answersOf(INFN)).isEmpty();
        assertThat(folder("refused")).singleElement().satisfies(m -> assertThat(refusedBecause(m))
                .isEqualTo(NOT_VOUCHED + "mx.example.org found dmarc=fail for example.org"));

        // ... and a forged fail below the server's pass changes nothing either
        mailbox.deliver(acceptWith("mx.example.org; dmarc=pass header.from=example.org",
                "mx.evil.example.net; dmarc=fail header.from=example.org",
                "mx.example.org; dmarc=fail header.from=example.org"));

        poller(MX).poll();

        assertThat(answersOf(INFN)).singleElement().extracting(Answer::kind).isEqualTo(AnswerKind.ACCEPT);
    }

    @Test
    void withoutATrustedServerTheHeadersAreNotRead() throws Exception {
        mailbox.deliver(acceptWith("mx.example.org; dmarc=fail header.from=example.org"));

        poller().poll();

        assertThat(answersOf(INFN)).hasSize(1);
    }
}
