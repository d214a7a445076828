package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import java.time.Instant;

/** What a command needs besides the rollout: who belongs where, the working calendar, and the current time. */
public record RolloutContext(Roster roster, WorkingCalendar calendar, Instant now) {
}
