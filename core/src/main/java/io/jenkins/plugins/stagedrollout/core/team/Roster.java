package io.jenkins.plugins.stagedrollout.core.team;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** All known EA teams and the managers per stack, plus the rule that decides who belongs where. */
public final class Roster implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<TeamId, EarlyAdopterTeam> teams = new LinkedHashMap<>();
    private final List<StackManagers> managers;
    private final MembershipPolicy policy;

    public Roster(Collection<EarlyAdopterTeam> teams, Collection<StackManagers> managers, MembershipPolicy policy) {
        for (EarlyAdopterTeam t : teams) {
            if (this.teams.put(t.id(), t) != null) {
                throw new InvalidNameException("Team " + t.id() + " is listed twice in the roster; keep one entry");
            }
        }
        this.managers = List.copyOf(managers);
        this.policy = policy;
    }

    public static Roster of(Collection<EarlyAdopterTeam> teams, Collection<StackManagers> managers) {
        return new Roster(teams, managers, MembershipPolicy.EXACT);
    }

    public Optional<EarlyAdopterTeam> team(TeamId id) {
        return Optional.ofNullable(teams.get(id));
    }

    public Collection<EarlyAdopterTeam> teams() {
        return Collections.unmodifiableCollection(teams.values());
    }

    /** The teams the actor is a member of (listed user id, member of the team's group, or its contact address). */
    public Set<TeamId> teamsOf(Actor actor) {
        Set<TeamId> out = new TreeSet<>();
        for (EarlyAdopterTeam t : teams.values()) {
            if (isMember(actor, t)) {
                out.add(t.id());
            }
        }
        return out;
    }

    public boolean isMember(Actor actor, EarlyAdopterTeam team) {
        return actor.speaksFor().contains(team.id())
                || team.members().stream().anyMatch(u -> policy.sameUser(u, actor.userId()))
                || (team.group() != null && actor.groups().stream().anyMatch(g -> policy.sameGroup(g, team.group())));
    }

    /** Managers of the stack, or administrators, run a rollout of that stack. */
    public boolean managesStack(Actor actor, String stack) {
        return actor.admin() || managers.stream().filter(m -> m.stack().equalsIgnoreCase(stack)).anyMatch(m ->
                m.users().stream().anyMatch(u -> policy.sameUser(u, actor.userId()))
                        || actor.groups().stream().anyMatch(g -> m.groups().stream().anyMatch(mg -> policy.sameGroup(g, mg))));
    }

    /** Whether the actor may answer or report for the team: its members, and the stack's managers transcribing a reply. */
    public boolean mayActFor(Actor actor, TeamId team, String stack) {
        return managesStack(actor, stack) || team(team).map(t -> isMember(actor, t)).orElse(false);
    }

    /** The teams the actor may answer and report for in a rollout of the stack: all for its managers, else its own. */
    public Set<TeamId> teamsActorMayActFor(Actor actor, String stack) {
        return managesStack(actor, stack) ? new TreeSet<>(teams.keySet()) : teamsOf(actor);
    }

    public List<String> managerEmails(String stack) {
        return managers.stream().filter(m -> m.stack().equalsIgnoreCase(stack)).flatMap(m -> m.emails().stream()).distinct().toList();
    }
}
