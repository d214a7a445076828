package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.Set;

/** The checks every command starts with; each throws {@link RolloutException} with the problem and the fix. */
final class Guards {
    static final int MAX_TEXT = 4000;

    private Guards() {
    }

    static void require(Rollout r, Command command) {
        if (!command.allowedIn(r.state())) {
            String moves = Command.allowedMoves(r.state());
            throw new RolloutException("Cannot " + command.label() + ": " + r.release() + " is " + r.state()
                    + (r.state().terminal() ? " (final)" : "") + "; allowed in " + r.state() + ": " + moves);
        }
    }

    static void requireActor(Actor actor) {
        if (actor == null) {
            throw new RolloutException("No actor given; pass the authenticated user (or Actor.SYSTEM for the host itself)");
        }
    }

    static void requireManager(Rollout r, RolloutContext ctx, Actor actor, String what) {
        requireActor(actor);
        if (!ctx.roster().managesStack(actor, r.release().stack())) {
            throw new RolloutException("User " + actor.userId() + " may not " + what + ": only managers of stack "
                    + r.release().stack() + " or administrators may; ask a Staged Rollout Manager");
        }
    }

    static TeamStatus invitedTeam(Rollout r, RolloutContext ctx, TeamId team) {
        if (team == null) {
            throw new RolloutException("No team given; name the team, e.g. ea-NGI_IT-INFN-T1");
        }
        TeamStatus status = r.teams().get(team);
        if (status == null) {
            String invited = r.teams().isEmpty() ? "none" : String.join(", ", r.teams().keySet().stream().map(TeamId::id).toList());
            if (ctx.roster().team(team).isEmpty()) {
                throw new RolloutException("Team " + team + " is unknown: it is not in the Early Adopter roster; check the id"
                        + " (invited teams: " + invited + ")");
            }
            throw new RolloutException("Team " + team + " was not invited to " + r.release() + "; ask the manager to invite it"
                    + " (invited teams: " + invited + ")");
        }
        return status;
    }

    static void requireTeamActor(Rollout r, RolloutContext ctx, Actor actor, TeamId team, String what) {
        requireActor(actor);
        if (!ctx.roster().mayActFor(actor, team, r.release().stack())) {
            Set<TeamId> own = ctx.roster().teamsOf(actor);
            throw new RolloutException("User " + actor.userId() + " is not a member of " + team + " and may not " + what
                    + " for it; a member answers for their own team only (" + actor.userId() + "'s teams: "
                    + (own.isEmpty() ? "none" : own) + ")");
        }
    }

    static void checkWorkingDays(int workingDays) {
        try {
            WorkingCalendar.checkWorkingDays(workingDays);
        } catch (IllegalArgumentException e) {
            throw new RolloutException("Deadline extension: " + e.getMessage());
        }
    }

    static String text(String s, String what, boolean required) {
        if (s == null || s.isBlank()) {
            if (required) {
                throw new RolloutException("The " + what + " is empty; write one");
            }
            return null;
        }
        if (s.length() > MAX_TEXT) {
            throw new RolloutException("The " + what + " has " + s.length() + " characters; shorten it to " + MAX_TEXT + " or less");
        }
        return s.strip();
    }
}
