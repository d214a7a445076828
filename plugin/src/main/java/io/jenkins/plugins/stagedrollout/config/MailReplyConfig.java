package io.jenkins.plugins.stagedrollout.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxPoller;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import io.jenkins.plugins.stagedrollout.core.mailreply.ReplyAddress;
import io.jenkins.plugins.stagedrollout.core.mailreply.TrustedServer;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The mailbox that Early Adopters' replies to invitations and reminders reach: an IMAP account (a username/password
 * credential), the address the invitations name as Reply-To, how often it is read, and optionally the receiving mail
 * server whose verdict on senders is trusted. Absent, replies are not read.
 */
public final class MailReplyConfig implements Describable<MailReplyConfig> {
    static final int DEFAULT_POLL_MINUTES = 5;

    private final String replyAddress;
    private final String host;
    private int port = 993;
    private MailboxSettings.Security security = MailboxSettings.Security.TLS;
    private String credentialsId;
    private String folder = MailboxSettings.DEFAULT_FOLDER;
    private String processedFolder = MailboxSettings.DEFAULT_PROCESSED_FOLDER;
    private String refusedFolder = MailboxSettings.DEFAULT_REFUSED_FOLDER;
    private int pollMinutes = DEFAULT_POLL_MINUTES;
    /** The receiving server whose Authentication-Results decide whether a From address is believed; null: none. */
    private String trustedAuthservId;

    @DataBoundConstructor
    public MailReplyConfig(String replyAddress, String host) {
        this.replyAddress = Util.fixNull(replyAddress).trim();
        this.host = Util.fixNull(host).trim();
    }

    public String getReplyAddress() {
        return replyAddress;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    public MailboxSettings.Security getSecurity() {
        return security;
    }

    @DataBoundSetter
    public void setSecurity(MailboxSettings.Security security) {
        this.security = security == null ? MailboxSettings.Security.TLS : security;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getFolder() {
        return folder;
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        this.folder = MailboxSettings.named(folder, MailboxSettings.DEFAULT_FOLDER);
    }

    public String getProcessedFolder() {
        return processedFolder;
    }

    @DataBoundSetter
    public void setProcessedFolder(String processedFolder) {
        this.processedFolder = MailboxSettings.named(processedFolder, MailboxSettings.DEFAULT_PROCESSED_FOLDER);
    }

    public String getRefusedFolder() {
        return refusedFolder;
    }

    @DataBoundSetter
    public void setRefusedFolder(String refusedFolder) {
        this.refusedFolder = MailboxSettings.named(refusedFolder, MailboxSettings.DEFAULT_REFUSED_FOLDER);
    }

    public int getPollMinutes() {
        return pollMinutes;
    }

    @DataBoundSetter
    public void setPollMinutes(int pollMinutes) {
        this.pollMinutes = pollMinutes;
    }

    @CheckForNull
    public String getTrustedAuthservId() {
        return trustedAuthservId;
    }

    /** Kept as given (trimmed, empty as none): a refused value is named by {@link #problem()}, as the others are. */
    @DataBoundSetter
    public void setTrustedAuthservId(String trustedAuthservId) {
        this.trustedAuthservId = Util.fixEmptyAndTrim(trustedAuthservId);
    }

    /** The trusted receiving server, if one is set; throws with the reason when the name cannot be one. */
    public Optional<TrustedServer> trustedServer() {
        return Optional.ofNullable(trustedAuthservId).map(TrustedServer::new);
    }

    /** The first problem of these settings in words (what is wrong and how to fix it), or null when they are usable. */
    @CheckForNull
    public String problem() {
        try {
            address();
            settings(null, null);
            trustedServer();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (pollMinutes < 1) {
            return Messages.MailReplyConfig_BadPeriod(pollMinutes);
        }
        if (credentialsId == null) {
            return Messages.MailReplyConfig_NoCredentials();
        }
        return null;
    }

    public ReplyAddress address() {
        return ReplyAddress.parse(replyAddress);
    }

    public Duration period() {
        return Duration.ofMinutes(Math.max(1, pollMinutes));
    }

    MailboxSettings settings(@CheckForNull String username, @CheckForNull String password) {
        return new MailboxSettings(
                host,
                port,
                security,
                username,
                password,
                folder,
                processedFolder,
                refusedFolder,
                Duration.ofSeconds(30));
    }

    /** The IMAP settings with the credential's username and password, looked up as the system. */
    public MailboxSettings toSettings() {
        StandardUsernamePasswordCredentials c = credentialsId == null
                ? null
                : CredentialsMatchers.firstOrNull(
                        CredentialsProvider.lookupCredentialsInItemGroup(
                                StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                        CredentialsMatchers.withId(credentialsId));
        if (c == null) {
            throw new IllegalArgumentException(Messages.MailReplyConfig_CredentialsNotFound(credentialsId));
        }
        return settings(c.getUsername(), c.getPassword().getPlainText());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<MailReplyConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("mailReplies")
    public static final class DescriptorImpl extends Descriptor<MailReplyConfig> {
        @Override
        public String getDisplayName() {
            return Messages.MailReplyConfig_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(Util.fixNull(credentialsId));
            }
            return result.includeEmptyValue()
                    .includeAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class)
                    .includeCurrentValue(Util.fixNull(credentialsId));
        }

        @POST
        public FormValidation doCheckTrustedAuthservId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.warning(Messages.MailReplyConfig_NoTrustedServer());
            }
            try {
                new TrustedServer(id);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckReplyAddress(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                ReplyAddress.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Logs in with the form's values and counts the waiting mails; moves and answers nothing. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String replyAddress,
                @QueryParameter String host,
                @QueryParameter String port,
                @QueryParameter String security,
                @QueryParameter String credentialsId,
                @QueryParameter String folder) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            MailReplyConfig candidate = new MailReplyConfig(replyAddress, host);
            try {
                candidate.setPort(Integer.parseInt(Util.fixNull(port).trim()));
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.MailReplyConfig_BadPort(port));
            }
            candidate.setCredentialsId(credentialsId);
            candidate.setFolder(folder);
            try {
                candidate.setSecurity(MailboxSettings.Security.valueOf(Util.fixNull(security)));
                String problem = candidate.problem();
                if (problem != null) {
                    return FormValidation.error(problem);
                }
                int waiting = MailboxPoller.waiting(candidate.toSettings());
                return FormValidation.ok(Messages.MailReplyConfig_Connected(candidate.getFolder(), waiting));
            } catch (IllegalArgumentException | MessagingException e) {
                return FormValidation.error(Messages.MailReplyConfig_CannotRead(host, e.getMessage()));
            }
        }

        public ListBoxModel doFillSecurityItems() {
            ListBoxModel items = new ListBoxModel();
            for (MailboxSettings.Security s : MailboxSettings.Security.values()) {
                items.add(s.name(), s.name());
            }
            return items;
        }
    }
}
