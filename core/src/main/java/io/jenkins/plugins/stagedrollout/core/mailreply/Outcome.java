package io.jenkins.plugins.stagedrollout.core.mailreply;

import java.util.Optional;

/**
 * What became of one reply: {@code detail} says it in a sentence for the sender (and the log); {@code token} is the
 * reply token it carried, if any, so that an answer to a refusal reaches the same rollout and team; {@code answerTo}
 * is the address told the outcome: one the team already has (a contact, a member's), or none.
 */
public record Outcome(Kind kind, String detail, Optional<ReplyTarget> target, Optional<String> token,
                      Optional<String> answerTo) {

    public Outcome(Kind kind, String detail, Optional<ReplyTarget> target, Optional<String> token) {
        this(kind, detail, target, token, Optional.empty());
    }

    Outcome answeredTo(Optional<String> address) {
        return new Outcome(kind, detail, target, token, address);
    }

    public enum Kind {
        /** A new answer was recorded: the sender is told, the mail is filed as processed. */
        RECORDED,
        /** This mail's answer was recorded before (a second copy, or a read interrupted by a restart): filed as processed. */
        DUPLICATE,
        /** Not recorded: the sender is told why, the mail is filed as refused. */
        REFUSED,
        /** A robot's mail (auto-reply, bounce): filed as refused, never answered. */
        IGNORED,
        /**
         * The trusted receiving server does not vouch for the sender: filed as refused, never answered, since the
         * From address may be forged and the person behind it never wrote.
         */
        UNVERIFIED;

        public boolean answered() {
            return this == RECORDED || this == REFUSED;
        }

        public boolean processed() {
            return this == RECORDED || this == DUPLICATE;
        }
    }
}
