package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
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
