package io.jenkins.plugins.stagedrollout.core.mailreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mailbox settings refuse what cannot work, fill in the usual folders, and never print the password. */
class MailboxSettingsTest {
    @Test
    void defaultsAndNoPasswordInText() {
        MailboxSettings s = new MailboxSettings("imap.example.org", 993, MailboxSettings.Security.TLS, "rollouts", "s3cret!",
                null, " ", null, null);
        assertThat(s.folder()).isEqualTo("INBOX");
        assertThat(s.processedFolder()).isEqualTo("processed");
        assertThat(s.refusedFolder()).isEqualTo("refused");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.protocol()).isEqualTo("imaps");
        assertThat(s.toString()).contains("rollouts@imap.example.org:993").doesNotContain("s3cret!");
        assertThat(s.sessionProperties()).containsEntry("mail.imaps.ssl.checkserveridentity", "true");
    }

    @Test
    void startTlsIsRequiredNotOpportunistic() {
        MailboxSettings s = new MailboxSettings("imap.example.org", 143, MailboxSettings.Security.STARTTLS, "u", "p",
                null, null, null, null);
        assertThat(s.sessionProperties()).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "true");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new MailboxSettings(" ", 993, MailboxSettings.Security.TLS, "u", "p", null, null, null, null))
                .hasMessage("The reply mailbox has no IMAP host; give the host name of the mail server");
        assertThatThrownBy(() -> new MailboxSettings("h", 0, MailboxSettings.Security.TLS, "u", "p", null, null, null, null))
                .hasMessage("IMAP port 0 is not a port; give 993 (TLS) or 143 (STARTTLS)");
        assertThatThrownBy(() -> new MailboxSettings("h", 993, MailboxSettings.Security.TLS, "u", "p", "INBOX", "inbox", null, null))
                .hasMessage("The reply folders must differ (read 'INBOX', processed 'inbox', refused 'refused'); give each its own name");
    }
}
