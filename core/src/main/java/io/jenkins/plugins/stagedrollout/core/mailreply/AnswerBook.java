package io.jenkins.plugins.stagedrollout.core.mailreply;

import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.util.Optional;

/** What reading replies needs of the host: the rollouts behind the tokens, its users, and the answer command. */
public interface AnswerBook {
    /** The rollout and team of a reply token; empty when no rollout of this host has it. */
    Optional<ReplyTarget> target(String token);

    /** A user of the host whose mail address this is and who is a member of the target's team, as an actor. */
    Optional<Actor> member(ReplyTarget target, String address);

    /** Whether the mail with this Message-ID has already given an answer to the target's rollout. */
    boolean answered(ReplyTarget target, String messageId);

    /**
     * Records the answer through the rollout's own command; throws
     * {@link io.jenkins.plugins.stagedrollout.core.rollout.RolloutException} with the reason when the rollout refuses it.
     */
    void record(ReplyTarget target, Actor actor, AnswerText answer, String messageId);
}
