package io.jenkins.plugins.stagedrollout.mail;

import io.jenkins.plugins.stagedrollout.core.mailreply.ReplyTokens;
import jenkins.security.HMACConfidentialKey;

/**
 * The controller's secret for reply tokens: a confidential key under JENKINS_HOME/secrets, made on first use. Its file
 * is named after this class, so the class stays where it is: moved, every token mailed before would be refused.
 */
public final class ReplyKey {
    private static final HMACConfidentialKey KEY = new HMACConfidentialKey(ReplyKey.class, "replyToken", 32);

    private ReplyKey() {}

    public static ReplyTokens tokens() {
        return new ReplyTokens(KEY::mac);
    }
}
