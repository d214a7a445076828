package io.jenkins.plugins.stagedrollout.core.mailreply;

import java.time.Duration;
import java.util.Properties;

/**
 * Where replies are read: an IMAP mailbox, its folder of new mail and the two folders mail is filed in once handled
 * ({@code processed}: an answer came of it; {@code refused}: none did), so nothing is read twice.
 */
public record MailboxSettings(String host, int port, Security security, String username, String password, String folder,
                              String processedFolder, String refusedFolder, Duration timeout) {

    public static final String DEFAULT_FOLDER = "INBOX";
    public static final String DEFAULT_PROCESSED_FOLDER = "processed";
    public static final String DEFAULT_REFUSED_FOLDER = "refused";

    public enum Security {
        /** Plain IMAP: only for a server on loopback or inside a trusted network. */
        NONE,
        /** IMAP, upgraded with STARTTLS before logging in (required, not opportunistic). */
        STARTTLS,
        /** IMAP over TLS from the first byte (imaps, usually port 993). */
        TLS
    }

    public MailboxSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The reply mailbox has no IMAP host; give the host name of the mail server");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("IMAP port " + port + " is not a port; give 993 (TLS) or 143 (STARTTLS)");
        }
        if (security == null) {
            throw new IllegalArgumentException("The reply mailbox has no connection security; choose TLS, STARTTLS or NONE");
        }
        folder = named(folder, DEFAULT_FOLDER);
        processedFolder = named(processedFolder, DEFAULT_PROCESSED_FOLDER);
        refusedFolder = named(refusedFolder, DEFAULT_REFUSED_FOLDER);
        if (folder.equalsIgnoreCase(processedFolder) || folder.equalsIgnoreCase(refusedFolder)
                || processedFolder.equalsIgnoreCase(refusedFolder)) {
            throw new IllegalArgumentException("The reply folders must differ (read '" + folder + "', processed '"
                    + processedFolder + "', refused '" + refusedFolder + "'); give each its own name");
        }
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    /** Without the password: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "MailboxSettings[" + security + " " + username + "@" + host + ":" + port + "/" + folder + ", processed "
                + processedFolder + ", refused " + refusedFolder + ", timeout " + timeout + "]";
    }

    /** The name given, trimmed, or the fallback for none. */
    public static String named(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name.strip();
    }

    String protocol() {
        return security == Security.TLS ? "imaps" : "imap";
    }

    Properties sessionProperties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        if (security == Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (security != Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
