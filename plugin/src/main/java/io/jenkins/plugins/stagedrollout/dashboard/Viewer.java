package io.jenkins.plugins.stagedrollout.dashboard;

import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.security.CurrentActor;
import io.jenkins.plugins.stagedrollout.security.RealmMembershipPolicy;
import java.util.Set;
import java.util.stream.Collectors;

/** The user looking at the dashboard: the teams they belong to and who manages what, looked up once per request. */
final class Viewer {

    private final Actor actor;
    private final Roster roster;
    private final Set<String> teams;

    private Viewer(Actor actor, Roster roster) {
        this.actor = actor;
        this.roster = roster;
        this.teams = roster.teamsOf(actor).stream().map(TeamId::id).collect(Collectors.toUnmodifiableSet());
    }

    static Viewer current() {
        return new Viewer(CurrentActor.get(), StagedRolloutConfiguration.get().toRoster(new RealmMembershipPolicy()));
    }

    /** Canonical ids of the viewer's teams (by user id or group). */
    Set<String> teams() {
        return teams;
    }

    boolean manages(String stack) {
        return roster.managesStack(actor, stack);
    }
}
