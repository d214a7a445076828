package io.jenkins.plugins.stagedrollout.dashboard;

import java.util.Objects;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One invited team of an indexed rollout: its status (INVITED, ACCEPTED, REJECTED, WITHDRAWN, as on the rollout page)
 * and whether the rollout waits for it (no answer for the current package set yet, or an accepting team's report).
 */
@ExportedBean(defaultVisibility = 2)
public final class TeamEntry {

    private final String team;
    private final String status;
    private final boolean waiting;

    public TeamEntry(String team, String status, boolean waiting) {
        this.team = team;
        this.status = status;
        this.waiting = waiting;
    }

    @Exported
    public String getTeam() {
        return team;
    }

    @Exported
    public String getStatus() {
        return status;
    }

    @Exported
    public boolean isWaiting() {
        return waiting;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeamEntry t && t.team.equals(team) && t.status.equals(status) && t.waiting == waiting;
    }

    @Override
    public int hashCode() {
        return Objects.hash(team, status, waiting);
    }
}
