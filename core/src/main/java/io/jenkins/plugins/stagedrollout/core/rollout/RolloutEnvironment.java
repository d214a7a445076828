package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notifier;
import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import java.time.Clock;

/** What a host supplies to run rollouts: its teams and managers, calendar, mail, and clock. */
public record RolloutEnvironment(Roster roster, WorkingCalendar calendar, Notifier notifier, Clock clock) {
    RolloutContext context() {
        return new RolloutContext(roster, calendar, clock.instant());
    }
}
