package io.jenkins.plugins.stagedrollout.mailreply;

import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.User;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.core.mailreply.AnswerBook;
import io.jenkins.plugins.stagedrollout.core.mailreply.ReplyTarget;
import io.jenkins.plugins.stagedrollout.core.mailreply.ReplyTokens;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerText;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutException;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutEntry;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import io.jenkins.plugins.stagedrollout.dashboard.TeamEntry;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The controller as the reply reader sees it: tokens are matched against the dashboard's index of every rollout (no
 * build is loaded until one matches), senders against the team's listed members' mail addresses (Mailer's user
 * property) and, for group teams, against users in the group, and answers go to the rollout as a page answer does.
 */
final class JenkinsAnswerBook implements AnswerBook {
    private static final Logger LOGGER = Logger.getLogger(JenkinsAnswerBook.class.getName());

    private static final String NO_PAGE = "the rollout's page in Jenkins";

    private final ReplyTokens tokens;
    private final Roster roster;

    JenkinsAnswerBook(ReplyTokens tokens, Roster roster) {
        this.tokens = tokens;
        this.roster = roster;
    }

    @Override
    public Optional<ReplyTarget> target(String token) {
        for (RolloutEntry e : RolloutIndex.get().entries()) {
            for (TeamEntry t : e.getTeams()) {
                TeamId team = TeamId.parse(t.getTeam());
                if (tokens.token(key(e), team).equals(token)) {
                    String page = rolloutOf(e).map(JenkinsAnswerBook::page).orElse(NO_PAGE);
                    return roster.team(team).map(r -> new ReplyTarget(key(e), e.getTitle(), page, r));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Actor> member(ReplyTarget target, String address) {
        for (String id : target.team().members()) {
            User u = User.getById(id, false);
            if (u != null && address.equalsIgnoreCase(addressOf(u))) {
                return Optional.of(Actor.user(u.getId()));
            }
        }
        if (target.team().group() == null) {
            return Optional.empty();
        }
        for (User u : User.getAll()) {
            if (address.equalsIgnoreCase(addressOf(u))) {
                Actor actor = new Actor(u.getId(), groupsOf(u), false);
                if (roster.isMember(actor, target.team())) {
                    return Optional.of(actor);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean answered(ReplyTarget target, String messageId) {
        return rollout(target).map(r -> r.hasMailAnswer(messageId)).orElse(false);
    }

    @Override
    public void record(ReplyTarget target, Actor actor, AnswerText answer, String messageId) {
        rollout(target)
                .orElseThrow(() -> new RolloutException("The build of " + target.title()
                        + " no longer exists, so it takes no answers; ask the Staged Rollout Manager"))
                .answerByMail(actor, answer, messageId);
    }

    /** The rollout's reply key as the rollout makes it, from the index entry alone. */
    private static String key(RolloutEntry e) {
        return BuildRollout.replyKey(e.getJob() + "#" + e.getBuild(), e.getRolloutId());
    }

    private static String addressOf(User u) {
        Mailer.UserProperty p = u.getProperty(Mailer.UserProperty.class);
        return p == null ? null : p.getAddress();
    }

    /** The user's groups from the security realm; none when the realm cannot look the user up. */
    private static Set<String> groupsOf(User u) {
        Set<String> groups = new HashSet<>();
        try {
            for (GrantedAuthority a : u.impersonate2().getAuthorities()) {
                groups.add(a.getAuthority());
            }
        } catch (UsernameNotFoundException e) {
            LOGGER.log(Level.FINE, "No groups for " + u.getId(), e);
        }
        return groups;
    }

    private static Optional<BuildRollout> rollout(ReplyTarget target) {
        return RolloutIndex.get().entries().stream()
                .filter(e -> key(e).equals(target.rolloutId()))
                .findFirst()
                .flatMap(JenkinsAnswerBook::rolloutOf);
    }

    /** The rollout in its build; loads that one build. */
    private static Optional<BuildRollout> rolloutOf(RolloutEntry e) {
        Job<?, ?> job = Jenkins.get().getItemByFullName(e.getJob(), Job.class);
        Run<?, ?> run = job == null ? null : job.getBuildByNumber(e.getBuild());
        return run == null ? Optional.empty() : BuildRollout.of(run, e.getRolloutId());
    }

    /** The answer page as the invitations link it; without a Jenkins URL, words for it. */
    private static String page(BuildRollout rollout) {
        try {
            return rollout.absoluteUrl();
        } catch (AbortException e) {
            return NO_PAGE;
        }
    }
}
