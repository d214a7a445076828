package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which messages a committed transition causes, and to whom. */
final class Notifications {
    private Notifications() {
    }

    static List<Notification> of(Transition t, Roster roster) {
        Rollout r = t.after();
        List<String> managers = roster.managerEmails(r.release().stack());
        List<Notification> out = new ArrayList<>();
        for (Event e : t.events()) {
            Change c = e.change();
            if (c instanceof Change.TeamInvited i) {
                out.add(new Notification.Invitation(r.release(), i.contacts(), i.team(), r.links(), i.deadline(), e.packageDigest(),
                        nevras(r)));
            } else if (c instanceof Change.ReminderSent s) {
                TeamStatus team = r.teams().get(s.team());
                out.add(new Notification.Reminder(r.release(), team.contacts(), s.team(), r.links(), team.deadline(), nevras(r)));
            } else if (c instanceof Change.SoakStarted) {
                r.accepted().forEach(team -> out.add(soakDates(r, team, Notification.SoakOccasion.QUORUM_MET)));
            } else if (c instanceof Change.Answered a && acceptedDuringSoak(t, r, a)) {
                out.add(soakDates(r, a.team(), Notification.SoakOccasion.ACCEPTED_DURING_SOAK));
            } else if (c instanceof Change.SoakExtended) {
                r.accepted().forEach(team -> out.add(soakDates(r, team, Notification.SoakOccasion.SOAK_EXTENDED)));
            } else if (c instanceof Change.ReportsReminded x) {
                x.teams().forEach(team -> out.add(new Notification.ReportReminder(r.release(), r.teams().get(team).contacts(),
                        team, x.reportsDue(), r.links())));
            } else if (c instanceof Change.Escalated x) {
                out.add(new Notification.Escalation(r.release(), managers, x.reason().name(), x.teams(), x.detail(),
                        r.links().answerPage()));
            } else if (c instanceof Change.PackageSetBound p && !p.newDeadlines().isEmpty()) {
                out.add(new Notification.PackageSetChanged(r.release(), teamContacts(r), p.packages().digest(),
                        p.packages().nevras(), p.newDeadlines().get(0).deadline(), r.links()));
            } else if (c instanceof Change.Decided d) {
                out.add(outcome(r, managers, d.decision().name(), d.reason(), e.actor()));
            } else if (c instanceof Change.Aborted a) {
                out.add(outcome(r, managers, "ABORTED", a.reason(), e.actor()));
            }
        }
        return out;
    }

    private static Notification soakDates(Rollout r, TeamId team, Notification.SoakOccasion occasion) {
        List<String> nevras = occasion == Notification.SoakOccasion.SOAK_EXTENDED ? List.of() : nevras(r);
        return new Notification.SoakDates(r.release(), r.teams().get(team).contacts(), team, occasion, r.accepted().size(),
                r.policy().minAccepts(), r.soakStart().orElseThrow(), r.soakEnd().orElseThrow(), r.reportsDue().orElseThrow(),
                r.links(), r.packageDigest(), nevras);
    }

    /**
     * A new accept while the soak already ran: the command left the rollout in SOAK without starting the soak (an
     * answer command holds one answer), and the team's answer before this one was not already an accept of these
     * packages (a repeated accept with a new comment learns nothing new).
     */
    private static boolean acceptedDuringSoak(Transition t, Rollout r, Change.Answered a) {
        if (a.kind() != AnswerKind.ACCEPT || r.state() != RolloutState.SOAK
                || t.events().stream().anyMatch(e -> e.change() instanceof Change.SoakStarted)) {
            return false;
        }
        List<Answer> history = r.teams().get(a.team()).history();
        if (history.size() < 2) {
            return true;
        }
        Answer previous = history.get(history.size() - 2);
        return previous.kind() != AnswerKind.ACCEPT || !previous.packageDigest().equals(r.packageDigest());
    }

    private static Notification outcome(Rollout r, List<String> managers, String outcome, String reason, String by) {
        Set<String> to = new LinkedHashSet<>(teamContacts(r));
        to.addAll(managers);
        return new Notification.Outcome(r.release(), List.copyOf(to), outcome, reason, by);
    }

    private static List<String> nevras(Rollout r) {
        return r.packages().map(p -> p.nevras()).orElse(List.of());
    }

    private static List<String> teamContacts(Rollout r) {
        return r.teams().values().stream().flatMap(t -> t.contacts().stream()).distinct().toList();
    }
}
