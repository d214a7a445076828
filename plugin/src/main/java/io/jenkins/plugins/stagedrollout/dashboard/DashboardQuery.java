package io.jenkins.plugins.stagedrollout.dashboard;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dashboard's filters, from the query string: {@code stack} (UMD or UMD-4), {@code state} (a rollout state),
 * {@code team} (invited teams), {@code mine=waiting} (open rollouts waiting for one of the viewer's teams) and
 * {@code mine=decide} (rollouts of the stacks the viewer manages). Empty or absent means no filter; a value that
 * cannot match anything is refused with the accepted values.
 */
public final class DashboardQuery {

    /** What {@code mine} may ask for. */
    public enum Mine {
        /** Open rollouts waiting for an answer or report of one of the viewer's teams; outcomes of their rollouts. */
        WAITING,
        /** Rollouts of the stacks the viewer manages (an administrator manages all). */
        DECIDE
    }

    static final DashboardQuery ALL = new DashboardQuery(null, null, null, null);

    @CheckForNull
    private final String stack;

    @CheckForNull
    private final RolloutState state;

    @CheckForNull
    private final TeamId team;

    @CheckForNull
    private final Mine mine;

    private DashboardQuery(String stack, RolloutState state, TeamId team, Mine mine) {
        this.stack = stack;
        this.state = state;
        this.team = team;
        this.mine = mine;
    }

    /** Refuses with {@link IllegalArgumentException} a value naming no state, no team id or no {@code mine}. */
    public static DashboardQuery parse(String stack, String state, String team, String mine) {
        return new DashboardQuery(blankToNull(stack), parseState(state), parseTeam(team), parseMine(mine));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RolloutState parseState(String state) {
        String s = blankToNull(state);
        if (s == null) {
            return null;
        }
        for (RolloutState r : RolloutState.values()) {
            if (r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException(Messages.RolloutDashboard_BadState(
                state, Arrays.stream(RolloutState.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    private static TeamId parseTeam(String team) {
        String s = blankToNull(team);
        if (s == null) {
            return null;
        }
        return TeamId.parse(s);
    }

    private static Mine parseMine(String mine) {
        String s = blankToNull(mine);
        if (s == null) {
            return null;
        }
        try {
            return Mine.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.RolloutDashboard_BadMine(mine), e);
        }
    }

    /** Whether the entry passes every filter for this viewer. */
    boolean matches(RolloutEntry e, Viewer viewer) {
        if (stack != null && !stack.equalsIgnoreCase(e.getStack()) && !stack.equalsIgnoreCase(e.getStackRelease())) {
            return false;
        }
        if (state != null && !state.name().equals(e.getState())) {
            return false;
        }
        if (team != null && e.getTeams().stream().noneMatch(t -> t.getTeam().equals(team.id()))) {
            return false;
        }
        if (mine == Mine.WAITING) {
            return e.getTeams().stream()
                    .anyMatch(t -> viewer.teams().contains(t.getTeam()) && (t.isWaiting() || !e.isOpen()));
        }
        if (mine == Mine.DECIDE) {
            return viewer.manages(e.getStack());
        }
        return true;
    }

    @CheckForNull
    public String getStack() {
        return stack;
    }

    /** The state's name, or null. */
    @CheckForNull
    public String getState() {
        return state == null ? null : state.name();
    }

    /** The team's canonical id, or null. */
    @CheckForNull
    public String getTeam() {
        return team == null ? null : team.id();
    }

    /** {@code waiting}, {@code decide} or null. */
    @CheckForNull
    public String getMine() {
        return mine == null ? null : mine.name().toLowerCase(Locale.ROOT);
    }

    public boolean isEmpty() {
        return stack == null && state == null && team == null && mine == null;
    }
}
