package io.jenkins.plugins.stagedrollout.mail;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.PageNames;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.mailreply.TeamReplyAddresses;
import io.jenkins.plugins.stagedrollout.core.notify.JakartaMailNotifier;
import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.notify.Notifier;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import jenkins.util.SetContextClassLoader;

/**
 * The core's Jakarta Mail notifier fed with the SMTP session of Jenkins' mail configuration (Mailer plugin).
 * The session is made per message, so a change of the SMTP settings applies to the next mail. Deadlines are shown
 * in the working calendar's time zone, as the teams count their working days. Invitations and reminders link to the
 * team's view of the Staged Rollouts page besides the rollout's own page, and say where to install the packages under
 * test.
 */
public final class JenkinsMailNotifier implements Notifier {
    private final String replyKey;

    @CheckForNull
    private final TestingRepository testing;

    /**
     * {@code replyKey}: the rollout whose mail this sends ({@code BuildRollout#replyKey}), named in reply tokens;
     * {@code testing}: where its teams install the packages under test, null when no repository URL names it.
     */
    public JenkinsMailNotifier(String replyKey, @CheckForNull TestingRepository testing) {
        this.replyKey = replyKey;
        this.testing = testing;
    }

    /**
     * Mail goes out from timer and request threads, whose context class loader is Jenkins core's: Jakarta Activation
     * looks up the text/plain handler (Angus Mail's {@code META-INF/mailcap}) through it and would not find the
     * jakarta-mail-api plugin. This plugin's class loader sees that plugin.
     */
    @Override
    public void send(Notification notification) {
        try (SetContextClassLoader ignored = new SetContextClassLoader(JenkinsMailNotifier.class)) {
            new JakartaMailNotifier(
                            Mailer.descriptor().createSession(),
                            sender(),
                            StagedRolloutConfiguration.get().toCalendar().zone(),
                            teamPages(),
                            replies(),
                            testing)
                    .send(notification);
        }
    }

    /** The dashboard, which invitations and reminders link to filtered to the team; none without a Jenkins URL. */
    private static String teamPages() {
        String root = Jenkins.get().getRootUrl();
        return root == null ? null : root + PageNames.DASHBOARD + "/";
    }

    /** The team reply addresses when replies are read; null when they are not. */
    private TeamReplyAddresses replies() {
        MailReplyConfig config = StagedRolloutConfiguration.get().getMailReplies();
        return config == null ? null : new TeamReplyAddresses(config.address(), ReplyKey.tokens(), replyKey);
    }

    public static String sender() {
        String from = StagedRolloutConfiguration.get().getMailFrom();
        if (from == null) {
            from = JenkinsLocationConfiguration.get().getAdminAddress();
        }
        if (from == null || from.isBlank()) {
            throw new IllegalStateException(Messages.JenkinsMailNotifier_NoSender());
        }
        return from;
    }
}
