package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules that fire by themselves: time-driven (reminders, escalations, soak end, report reminder) and state-driven
 * (soak start, automatic accept).
 */
final class Timers {
    private Timers() {
    }

    static Transition tick(Rollout r, RolloutContext ctx) {
        Draft d = new Draft(r, ctx.now());
        if (r.state().terminal()) {
            return d.done();
        }
        Instant now = ctx.now();
        String digest = r.packageDigest();
        if (r.state() == RolloutState.AWAITING_ANSWERS || r.state() == RolloutState.SOAK) {
            for (TeamStatus t : r.teams().values()) {
                if (!t.reminded() && t.silent(digest) && !t.remindAt().isAfter(now)) {
                    d.emit(Actor.SYSTEM, new Change.ReminderSent(t.team()));
                }
            }
        }
        if (r.state() == RolloutState.AWAITING_ANSWERS) {
            List<TeamId> due = r.teams().values().stream().filter(t -> !t.escalated() && !t.deadline().isAfter(now))
                    .map(TeamStatus::team).toList();
            if (!due.isEmpty()) {
                d.emit(Actor.SYSTEM, new Change.Escalated(EscalationReason.NO_QUORUM_BY_DEADLINE, due, r.accepted().size()
                        + " of " + r.policy().minAccepts() + " required teams accepted by the deadline; invite more teams or extend the deadline"));
            }
        }
        if (r.state() == RolloutState.SOAK && !r.soakEnd().orElseThrow().isAfter(now)) {
            d.emit(Actor.SYSTEM, new Change.SoakEnded());
        }
        Rollout c = d.current();
        // Only before the due time: at or after it the overdue escalation below tells the managers instead.
        Instant reportsReminder = c.reportsReminderAt().orElse(null);
        if (reportsReminder != null && !reportsReminder.isAfter(now) && now.isBefore(c.reportsDue().orElseThrow())) {
            d.emit(Actor.SYSTEM, new Change.ReportsReminded(c.missingReports(), c.reportsDue().orElseThrow()));
        }
        c = d.current();
        if (c.state() == RolloutState.REPORTING && !c.reportsOverdueEscalated() && !c.reportsDue().orElseThrow().isAfter(now)
                && !c.missingReports().isEmpty()) {
            d.emit(Actor.SYSTEM, new Change.Escalated(EscalationReason.REPORTS_OVERDUE, c.missingReports(),
                    "Reports were due " + c.reportsDue().orElseThrow() + "; extend the soak or decide without them"));
        }
        followUps(d, ctx);
        return d.done();
    }

    /** Rules that fire by themselves after any change: quorum starts the soak; complete positive reports may accept. */
    static void followUps(Draft d, RolloutContext ctx) {
        Rollout c = d.current();
        if (c.state() == RolloutState.AWAITING_ANSWERS && c.quorumMet()) {
            d.emit(Actor.SYSTEM, new Change.SoakStarted(ctx.now().plus(Duration.ofDays(c.policy().soakMinDays())),
                    ctx.now().plus(Duration.ofDays(c.policy().soakMaxDays()))));
        }
        c = d.current();
        if (c.automaticAcceptBlocker().isEmpty()) {
            d.emit(Actor.SYSTEM, new Change.Decided(Decision.ACCEPT, "Automatic: " + c.accepted().size()
                    + " teams accepted, the soak ended, all reports are positive and no team rejected", true));
        } else if (c.state() == RolloutState.REPORTING && !c.decisionRequested() && c.quorumMet() && c.missingReports().isEmpty()) {
            long negative = c.reports().stream().filter(r -> !r.positive()).count();
            d.emit(Actor.SYSTEM, new Change.Escalated(EscalationReason.READY_FOR_DECISION, c.accepted(), "All "
                    + c.accepted().size() + " accepting teams reported (" + (c.reports().size() - negative) + " positive, "
                    + negative + " negative) and " + c.rejected().size() + " rejected; record ACCEPT or REJECT ("
                    + c.automaticAcceptBlocker().orElseThrow() + ")"));
        }
    }

    static Change.TeamDeadline deadline(Rollout r, RolloutContext ctx, TeamId team, Instant from) {
        WorkingCalendar cal = ctx.calendar();
        Instant deadline = cal.plusWorkingDays(from, r.policy().answerWorkingDays());
        return new Change.TeamDeadline(team, deadline, cal.halfway(from, deadline));
    }

}
