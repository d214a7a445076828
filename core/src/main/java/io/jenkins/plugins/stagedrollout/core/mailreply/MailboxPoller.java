package io.jenkins.plugins.stagedrollout.core.mailreply;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One read of the reply mailbox: every mail in the folder is decided by the {@link ReplyDesk}, the outcome told to the
 * address the desk names (none for a stranger: it is logged instead), and the mail filed as processed or refused, a
 * refused one with the reason in its {@value #REFUSED_HEADER} header. The steps are ordered so that a read cut short (a restart, a
 * lost connection) repeats nothing and loses nothing: the answer is recorded before the mail is filed (the next read
 * finds it recorded by Message-ID), and a mail whose sender was told is flagged before it is filed (the next read does
 * not tell them twice).
 */
public final class MailboxPoller {
    /** An IMAP keyword: this mail's sender has been told the outcome. */
    static final String TOLD = "StagedRolloutAnswered";
    /** The header of a mail filed as refused that says why. */
    public static final String REFUSED_HEADER = "X-Staged-Rollout-Refused";

    private static final Logger LOGGER = Logger.getLogger(MailboxPoller.class.getName());

    private final MailboxSettings settings;
    private final ReplyDesk desk;
    private final ReplyAddress address;
    private final Session smtp;
    private final String from;

    /** {@code smtp}: the session replies are sent through; {@code from}: their sender address. */
    public MailboxPoller(MailboxSettings settings, ReplyDesk desk, ReplyAddress address, Session smtp, String from) {
        this.settings = settings;
        this.desk = desk;
        this.address = address;
        this.smtp = smtp;
        this.from = from;
    }

    /** What one read did: mails per outcome, and the mails left for the next read with the reason. */
    public record Report(Map<Outcome.Kind, Integer> counts, List<String> problems) {
        public int count(Outcome.Kind kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    /**
     * Logs in and counts the mails waiting in the folder, changing nothing: the check behind the configuration's
     * "test" button. Throws with the server's reason when the mailbox cannot be read.
     */
    public static int waiting(MailboxSettings settings) throws MessagingException {
        try (Store store = connect(settings)) {
            return readFolder(store, settings).getMessageCount();
        }
    }

    private static Store connect(MailboxSettings settings) throws MessagingException {
        Store store = Session.getInstance(settings.sessionProperties()).getStore(settings.protocol());
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        return store;
    }

    /** The folder of new mail, which must exist: the reader creates only the folders it files into. */
    private static Folder readFolder(Store store, MailboxSettings settings) throws MessagingException {
        Folder folder = store.getFolder(settings.folder());
        if (!folder.exists()) {
            throw new MessagingException("The reply folder '" + settings.folder() + "' does not exist on "
                    + settings.host() + "; create it or name an existing one (usually INBOX)");
        }
        return folder;
    }

    public Report poll() throws MessagingException {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        List<String> problems = new ArrayList<>();
        try (Store store = connect(settings)) {
            Folder inbox = readFolder(store, settings);
            Folder processed = ensure(store, settings.processedFolder());
            Folder refused = ensure(store, settings.refusedFolder());
            inbox.open(Folder.READ_WRITE);
            try {
                for (Message m : inbox.getMessages()) {
                    if (m.isExpunged() || m.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    try {
                        Outcome.Kind kind = handle((MimeMessage) m, store, inbox, processed, refused);
                        counts.merge(kind, 1, Integer::sum);
                    } catch (RuntimeException | IOException | MessagingException e) {
                        if (!inbox.isOpen()) {
                            throw e instanceof MessagingException me ? me : new MessagingException(e.getMessage(), (Exception) e);
                        }
                        problems.add("mail " + m.getMessageNumber() + " left for the next read: " + e);
                    }
                }
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(true); // expunges what was copied and deleted where the server lacks MOVE
                }
            }
        }
        return new Report(counts, problems);
    }

    private Outcome.Kind handle(MimeMessage m, Store store, Folder inbox, Folder processed, Folder refused)
            throws MessagingException, IOException {
        IncomingReply reply;
        try {
            reply = IncomingReply.read(m);
        } catch (MessagingException | IOException e) {
            // a malformed mail can be neither decided nor answered; filed away so it does not come back at every read
            file(m, store, inbox, refused);
            return Outcome.Kind.IGNORED;
        }
        Outcome outcome = desk.handle(reply);
        if (outcome.answerTo().isPresent() && !m.getFlags().contains(TOLD)) {
            Transport.send(ReplyMail.of(smtp, from, address, reply, outcome));
            markTold(m, inbox);
        }
        if (outcome.kind().processed()) {
            file(m, store, inbox, processed);
        } else {
            LOGGER.log(Level.INFO, "Reply mail {0} from {1} not recorded ({2}): {3}; {4}", new Object[] {reply.messageId(),
                reply.from(), outcome.kind(), outcome.detail(), toldWhom(outcome)});
            fileRefused(m, inbox, refused, outcome.kind() + ": " + outcome.detail());
        }
        return outcome.kind();
    }

    private static String toldWhom(Outcome outcome) {
        if (outcome.answerTo().isPresent()) {
            return "told " + outcome.answerTo().get();
        }
        return outcome.kind().answered() ? "told nobody: neither its Reply-To nor its From is an address of the team"
                : "not answered";
    }

    /**
     * Files a copy carrying the reason (a mail on the server cannot be changed) and deletes the original; a read cut
     * short in between leaves the original flagged deleted, which no read takes again.
     */
    private static void fileRefused(MimeMessage m, Folder inbox, Folder refused, String reason) throws MessagingException {
        MimeMessage copy = new MimeMessage(m);
        try {
            copy.setHeader(REFUSED_HEADER, MimeUtility.fold(REFUSED_HEADER.length() + 2,
                    MimeUtility.encodeText(reason.replaceAll("\\s+", " ").strip(), StandardCharsets.UTF_8.name(), null)));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is not available", e);
        }
        refused.appendMessages(new Message[] {copy});
        m.setFlag(Flags.Flag.DELETED, true);
    }

    private static void markTold(Message m, Folder inbox) throws MessagingException {
        if (inbox.getPermanentFlags().contains(Flags.Flag.USER)) {
            m.setFlags(new Flags(TOLD), true);
        }
    }

    private static void file(Message m, Store store, Folder inbox, Folder target) throws MessagingException {
        if (inbox instanceof IMAPFolder imap && store instanceof IMAPStore s && s.hasCapability("MOVE")) {
            imap.moveMessages(new Message[] {m}, target);
        } else {
            inbox.copyMessages(new Message[] {m}, target);
            m.setFlag(Flags.Flag.DELETED, true);
        }
    }

    private static Folder ensure(Store store, String name) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("Could not create the folder '" + name + "' in the reply mailbox; create it by hand"
                    + " or name an existing folder");
        }
        return f;
    }
}
