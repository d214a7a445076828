package io.jenkins.plugins.stagedrollout.core.mailreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reply tokens cannot be made without the key, and only this mailbox's plus addresses carry one. */
class ReplyAddressTest {
    private static final TeamId INFN = TeamId.parse("NGI_IT-INFN-T1");
    private static final TeamId CESGA = TeamId.parse("NGI_IBERGRID-CESGA");
    private final ReplyTokens tokens = ReplyTokens.hmacSha256("a key of sixteen+ bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void eachRolloutTeamAndKeyHasItsOwnToken() {
        String t = tokens.token("r-1", INFN);
        assertThat(t).matches("[0-9a-f]{24}").isEqualTo(tokens.token("r-1", INFN));
        assertThat(tokens.token("r-1", CESGA)).isNotEqualTo(t);
        assertThat(tokens.token("r-2", INFN)).isNotEqualTo(t);
        assertThat(ReplyTokens.hmacSha256("another key, also long".getBytes(StandardCharsets.UTF_8)).token("r-1", INFN))
                .isNotEqualTo(t);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> ReplyTokens.hmacSha256(new byte[8]))
                .hasMessage("The reply-token key has 8 bytes; give at least 16 random bytes");
    }

    @Test
    void plusAddressesAndSubjectTagsCarryTheToken() {
        ReplyAddress a = ReplyAddress.parse("Rollouts@Example.ORG");
        String t = tokens.token("r-1", INFN);
        assertThat(a.forToken(t)).isEqualTo("Rollouts+sr-" + t + "@example.org");
        assertThat(a.tokenOf("rollouts+sr-" + t.toUpperCase() + "@EXAMPLE.org")).contains(t);
        assertThat(a.tokenOf("rollouts+sr-" + t + "@example.net")).isEmpty();
        assertThat(a.tokenOf("other+sr-" + t + "@example.org")).isEmpty();
        assertThat(a.tokenOf("rollouts@example.org")).isEmpty();
        assertThat(ReplyAddress.tokenInSubject("RE: Staged Rollout UMD-4 dpm 1.8.0-1: invitation " + ReplyAddress.subjectTag(t)))
                .contains(t);
        assertThat(ReplyAddress.tokenInSubject("Re: lunch")).isEmpty();
    }

    @Test
    void theMailboxAddressMustBePlain() {
        assertThatThrownBy(() -> ReplyAddress.parse("rollouts+x@example.org"))
                .hasMessage("Reply address 'rollouts+x@example.org' is not a plain mailbox address without '+'; give the address"
                        + " of the mailbox that is read, e.g. rollouts@example.org");
    }
}
