package io.jenkins.plugins.stagedrollout.core.mailreply;

import io.jenkins.plugins.stagedrollout.core.notify.ReplyAddresses;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;

/** The reply addresses of one rollout's teams: what its invitations and reminders put in Reply-To and the subject. */
public record TeamReplyAddresses(ReplyAddress address, ReplyTokens tokens, String rolloutId)
        implements ReplyAddresses {

    @Override
    public String addressFor(TeamId team) {
        return address.forToken(tokens.token(rolloutId, team));
    }

    @Override
    public String subjectTagFor(TeamId team) {
        return ReplyAddress.subjectTag(tokens.token(rolloutId, team));
    }
}
