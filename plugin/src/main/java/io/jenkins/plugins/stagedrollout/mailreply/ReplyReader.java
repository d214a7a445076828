package io.jenkins.plugins.stagedrollout.mailreply;

import hudson.Extension;
import hudson.model.PeriodicWork;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxPoller;
import io.jenkins.plugins.stagedrollout.core.mailreply.ReplyDesk;
import io.jenkins.plugins.stagedrollout.mail.JenkinsMailNotifier;
import io.jenkins.plugins.stagedrollout.mail.ReplyKey;
import io.jenkins.plugins.stagedrollout.security.RealmMembershipPolicy;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.SetContextClassLoader;

/**
 * Reads the reply mailbox on the configured period, on Jenkins' timer (no executor, no thread of its own): every
 * minute it checks whether a read is due, which costs nothing while replies are off. A read is one
 * {@link MailboxPoller#poll()}, bounded by the mailbox's time-outs; a failed read (server down, bad password) is
 * logged and tried again at the next period, and every mail stays where it was.
 */
@Extension
public final class ReplyReader extends PeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(ReplyReader.class.getName());

    /** One read at a time: the timer's and one asked for by hand never go through the same mails together. */
    private static final Object READING = new Object();

    private volatile Instant lastRead = Instant.EPOCH;

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void doRun() {
        MailReplyConfig config = StagedRolloutConfiguration.get().getMailReplies();
        if (config == null || Instant.now().isBefore(lastRead.plus(config.period()))) {
            return;
        }
        lastRead = Instant.now();
        try {
            MailboxPoller.Report report = read(config);
            LOGGER.log(Level.FINE, "Staged Rollout mail replies: {0}", report.counts());
            for (String p : report.problems()) {
                LOGGER.log(Level.WARNING, "Staged Rollout mail replies: {0}", p);
            }
        } catch (MessagingException | IllegalArgumentException e) {
            LOGGER.log(
                    Level.WARNING,
                    "Staged Rollout mail replies: the reply mailbox could not be read: {0}",
                    e.getMessage());
        }
    }

    /** One read of the mailbox now, whatever the period (used by the timer and by tests). */
    public static MailboxPoller.Report read(MailReplyConfig config) throws MessagingException {
        synchronized (READING) {
            return readAlone(config);
        }
    }

    private static MailboxPoller.Report readAlone(MailReplyConfig config) throws MessagingException {
        // Jakarta Activation finds the mail content handlers through the context class loader (see
        // JenkinsMailNotifier).
        try (SetContextClassLoader ignored = new SetContextClassLoader(ReplyReader.class)) {
            StagedRolloutConfiguration rollouts = StagedRolloutConfiguration.get();
            ReplyDesk desk = new ReplyDesk(
                    config.address(),
                    new JenkinsAnswerBook(ReplyKey.tokens(), rollouts.toRoster(new RealmMembershipPolicy())),
                    config.trustedServer());
            return new MailboxPoller(
                            config.toSettings(),
                            desk,
                            config.address(),
                            Mailer.descriptor().createSession(),
                            JenkinsMailNotifier.sender())
                    .poll();
        }
    }
}
