package io.jenkins.plugins.stagedrollout.core.notify;

import io.jenkins.plugins.stagedrollout.core.team.TeamId;

/**
 * Where a team's reply to a rollout's invitation or reminder goes, when the host reads replies as answers. A port:
 * the mail reader ({@code mailreply}) makes the addresses and reads the replies, and it depends on the rollout, which
 * sends mail through this package; so this package names only what it needs to write a mail.
 */
public interface ReplyAddresses {

    /** The Reply-To address of the team's mails. */
    String addressFor(TeamId team);

    /** The tag in the subject of the team's mails, which a reply keeps when its address is lost. */
    String subjectTagFor(TeamId team);
}
