package io.jenkins.plugins.stagedrollout.core.mailreply;

import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a team's reply address carries for one rollout: a keyed hash of rollout id and team, so nobody without
 * the key can make the token of another rollout or team. 96 bits, written as 24 hex digits.
 */
public final class ReplyTokens {
    static final int BYTES = 12;

    /** A keyed hash (the plugin passes Jenkins' confidential HMAC key). */
    @FunctionalInterface
    public interface Key {
        byte[] mac(byte[] message);
    }

    private final Key key;

    public ReplyTokens(Key key) {
        this.key = key;
    }

    /** HMAC-SHA256 with the given secret, for hosts that keep their own key (and for tests). */
    public static ReplyTokens hmacSha256(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("The reply-token key has " + (secret == null ? 0 : secret.length)
                    + " bytes; give at least 16 random bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(secret.clone(), "HmacSHA256");
        return new ReplyTokens(message -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac.doFinal(message);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    public String token(String rolloutId, TeamId team) {
        byte[] mac = key.mac((rolloutId + "\n" + team.id()).getBytes(StandardCharsets.UTF_8));
        if (mac.length < BYTES) {
            throw new IllegalStateException("The reply-token key gives " + mac.length + " bytes; it must give at least " + BYTES);
        }
        return HexFormat.of().formatHex(mac, 0, BYTES);
    }
}
