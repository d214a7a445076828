package io.jenkins.plugins.stagedrollout.core.mailreply;

import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.util.Optional;

/**
 * Decides each reply: a robot's mail is ignored; where a receiving server is trusted, it must vouch for the sender;
 * then the token must name a rollout and team of this host, the From address must be a contact address of that team
 * or the address of one of its members, and the first line the sender wrote must be an answer for that very team.
 * Only then is it recorded, through the rollout's answer command. The outcome is told only to an address the team
 * already has, so a forged mail never makes the host write to a stranger (backscatter).
 */
public final class ReplyDesk {
    private final ReplyAddress address;
    private final AnswerBook book;
    private final Optional<TrustedServer> server;

    /** Without a trusted server: the From address is taken as written. */
    public ReplyDesk(ReplyAddress address, AnswerBook book) {
        this(address, book, Optional.empty());
    }

    public ReplyDesk(ReplyAddress address, AnswerBook book, Optional<TrustedServer> server) {
        this.address = address;
        this.book = book;
        this.server = server;
    }

    public Outcome handle(IncomingReply reply) {
        Outcome outcome = decide(reply);
        if (!outcome.kind().answered() || outcome.target().isEmpty()) {
            return outcome;
        }
        ReplyTarget target = outcome.target().get();
        // the Reply-To first, as a mail client would; either must be an address the team already has
        Optional<String> to = Optional.ofNullable(reply.answerTo()).filter(a -> actorFor(target, a).isPresent())
                .or(() -> Optional.ofNullable(reply.from()).filter(a -> actorFor(target, a).isPresent()));
        return outcome.answeredTo(to);
    }

    private Outcome decide(IncomingReply reply) {
        if (reply.automatic().isPresent()) {
            return new Outcome(Outcome.Kind.IGNORED, "an automatic mail (" + reply.automatic().get() + "), not an answer",
                    Optional.empty(), Optional.empty());
        }
        Optional<String> unverified = server.flatMap(s -> s.refusal(reply.authenticationResults(), reply.from()));
        if (unverified.isPresent()) {
            return new Outcome(Outcome.Kind.UNVERIFIED, unverified.get(), Optional.empty(), Optional.empty());
        }
        Optional<String> token = reply.recipients().stream().map(address::tokenOf).flatMap(Optional::stream).findFirst()
                .or(() -> ReplyAddress.tokenInSubject(reply.subject()));
        if (token.isEmpty()) {
            return refused("it is not a reply to a staged rollout invitation or reminder (it carries no reply token);"
                    + " reply to the invitation itself, keeping its subject, or answer on the rollout's page", null, token);
        }
        Optional<ReplyTarget> found = book.target(token.get());
        if (found.isEmpty()) {
            return refused("its reply token belongs to no staged rollout here (the rollout may have been deleted);"
                    + " reply to the latest invitation or reminder, or answer on the rollout's page", null, token);
        }
        ReplyTarget target = found.get();
        Optional<Actor> actor = actorFor(target, reply.from());
        if (actor.isEmpty()) {
            return refused("the sender " + reply.from() + " is neither a contact address of team " + target.team().id()
                    + " nor the address of one of its members; answer from the address the invitation was sent to,"
                    + " or log in and answer on the page " + target.answerPage(), target, token);
        }
        AnswerText answer;
        try {
            answer = AnswerText.parse(reply.ownText());
        } catch (RolloutException e) {
            return refused(e.getMessage(), target, token);
        }
        if (!answer.team().equals(target.team().id())) {
            return refused("this reply address takes the answers of team " + target.team().id() + ", but the answer names "
                    + answer.team().id() + "; each team answers from its own invitation", target, token);
        }
        if (book.answered(target, reply.messageId())) {
            return new Outcome(Outcome.Kind.DUPLICATE, "the answer of this mail (" + reply.messageId()
                    + ") was recorded before", Optional.of(target), token);
        }
        try {
            book.record(target, actor.get(), answer, reply.messageId());
        } catch (RolloutException e) {
            return refused(e.getMessage(), target, token);
        }
        return new Outcome(Outcome.Kind.RECORDED, answer.kind() + " of team " + target.team().id() + " for "
                + target.title() + " is recorded" + (answer.comment() == null ? "" : ", with the comment: " + answer.comment()),
                Optional.of(target), token);
    }

    private Optional<Actor> actorFor(ReplyTarget target, String from) {
        if (from == null) {
            return Optional.empty();
        }
        if (target.team().contacts().stream().anyMatch(c -> c.equalsIgnoreCase(from))) {
            return Optional.of(Actor.contactAddress(from, target.team().id()));
        }
        return book.member(target, from);
    }

    private static Outcome refused(String why, ReplyTarget target, Optional<String> token) {
        return new Outcome(Outcome.Kind.REFUSED, why, Optional.ofNullable(target), token);
    }
}
