package io.jenkins.plugins.stagedrollout.core.notify;

import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Subject and plain-text body of each notification. Subjects start with the ticket title so replies thread. */
public record MailText(String subject, String body) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    public static MailText of(Notification n) {
        return of(n, ZoneOffset.UTC);
    }

    /** Deadlines are shown in {@code zone} (the working calendar's), followed by the UTC instant. */
    public static MailText of(Notification n, ZoneId zone) {
        return of(n, zone, null);
    }

    /**
     * As {@link #of(Notification, ZoneId)}; invitations and reminders also link to the team's page of every rollout
     * it is invited to, {@code teamPages?team=<team id>}, when the host has such a page ({@code teamPages} not null).
     */
    public static MailText of(Notification n, ZoneId zone, String teamPages) {
        return of(n, zone, teamPages, false);
    }

    /** As {@link #of(Notification, ZoneId, String)}; {@code repliesRead}: the host reads mail replies as answers. */
    public static MailText of(Notification n, ZoneId zone, String teamPages, boolean repliesRead) {
        String title = n.release().ticketTitle();
        if (n instanceof Notification.Invitation i) {
            return new MailText(title + ": invitation for " + i.team(),
                    "Team " + i.team() + " is invited to the staged rollout of " + title + ".\n\n"
                            + links(i.links())
                            + "Package set: sha256 " + i.packageDigest() + "\n"
                            + "Please answer by " + when(i.deadline(), zone) + ".\n\n"
                            + howToAnswer(i.team(), i.links(), repliesRead) + teamPage(i.team(), teamPages));
        } else if (n instanceof Notification.Reminder r) {
            return new MailText(title + ": reminder, " + r.team() + " has not answered",
                    "Team " + r.team() + " has not yet answered the staged rollout invitation for " + title + ".\n"
                            + "The deadline is " + when(r.deadline(), zone) + ".\n\n" + howToAnswer(r.team(), r.links(), repliesRead)
                            + teamPage(r.team(), teamPages));
        } else if (n instanceof Notification.Escalation e) {
            return new MailText(title + ": manager action needed (" + e.reason() + ")",
                    e.detail() + "\n\nTeams concerned: " + e.teams().stream().map(TeamId::id).collect(Collectors.joining(", "))
                            + "\nRollout page: " + e.answerPage() + "\n");
        } else if (n instanceof Notification.PackageSetChanged p) {
            return new MailText(title + ": package set changed, please answer again",
                    "The packages under staged rollout changed; earlier answers and reports no longer count.\n"
                            + "New package set (sha256 " + p.packageDigest() + "):\n  " + String.join("\n  ", p.nevras()) + "\n\n"
                            + "Please answer again by " + when(p.deadline(), zone) + ".\n\n" + links(p.links()));
        }
        Notification.Outcome o = (Notification.Outcome) n;
        return new MailText(title + ": " + o.outcome(),
                    "The staged rollout of " + title + " ended: " + o.outcome() + " (by " + o.decidedBy() + ").\n"
                            + "Reason: " + o.reason() + "\n");
    }

    static String when(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone)) + " " + zone.getId() + " (" + t + ")";
    }

    private static String links(ReleaseLinks links) {
        StringBuilder sb = new StringBuilder();
        for (String[] l : links.labelled()) {
            sb.append(l[0]).append(": ").append(l[1]).append('\n');
        }
        return sb.append('\n').toString();
    }

    private static String teamPage(TeamId team, String teamPages) {
        if (teamPages == null) {
            return "";
        }
        return "\nEvery staged rollout of " + team.id() + ": " + teamPages + "?team="
                + URLEncoder.encode(team.id(), StandardCharsets.UTF_8) + "\n";
    }

    private static String howToAnswer(TeamId team, ReleaseLinks links, boolean repliesRead) {
        if (repliesRead) {
            return "To answer, reply to this mail with one line (keep the subject; the reply is read automatically):\n"
                    + "  accept " + team.shortId() + "\n"
                    + "or\n"
                    + "  reject " + team.shortId() + " <reason>\n"
                    + "Send it from a contact address of the team or your own address as a member.\n"
                    + "Or log in on the answer page and press Accept or Reject: " + links.answerPage() + "\n";
        }
        // Without a reply reader only the answer page records an answer by itself; a mail reply counts once the
        // manager enters it, so the mail says so instead of promising more.
        return "To answer, log in on the answer page and press Accept or Reject: " + links.answerPage() + "\n"
                + "Where your Staged Rollout Manager takes answers by mail, reply with one line:\n"
                + "  accept " + team.shortId() + "\n"
                + "or\n"
                + "  reject " + team.shortId() + "\n";
    }
}
