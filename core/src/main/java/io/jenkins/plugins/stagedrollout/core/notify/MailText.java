package io.jenkins.plugins.stagedrollout.core.notify;

import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Subject and plain-text body of each notification. Subjects start with the ticket title so replies thread. */
public record MailText(String subject, String body) {

    /** Both the soak-dates mail and the report reminder end the report's part with this rule. */
    private static final String OVERDUE_REPORTS_ESCALATE =
            "Reports still missing at the due time are escalated to the Staged Rollout Managers.\n";

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
        return of(n, zone, teamPages, repliesRead, null);
    }

    /**
     * As {@link #of(Notification, ZoneId, String, boolean)}; mails to teams about the packages under test say where to
     * install them: the {@code .repo} file of {@code testing} and the dnf command, or, with {@code testing} null (the
     * host names no repository URL for the stack), the packages alone.
     */
    public static MailText of(Notification n, ZoneId zone, String teamPages, boolean repliesRead, TestingRepository testing) {
        String title = n.release().ticketTitle();
        if (n instanceof Notification.Invitation i) {
            return new MailText(title + ": invitation for " + i.team(),
                    "Team " + i.team() + " is invited to the staged rollout of " + title + ".\n\n"
                            + links(i.links())
                            + "Please answer by " + when(i.deadline(), zone) + ".\n\n"
                            + howToAnswer(i.team(), i.links(), repliesRead) + "\n"
                            + whereToInstall(i.nevras(), i.packageDigest(), testing) + teamPage(i.team(), teamPages));
        } else if (n instanceof Notification.Reminder r) {
            return new MailText(title + ": reminder, " + r.team() + " has not answered",
                    "Team " + r.team() + " has not yet answered the staged rollout invitation for " + title + ".\n"
                            + "The deadline is " + when(r.deadline(), zone) + ".\n\n" + howToAnswer(r.team(), r.links(), repliesRead)
                            + "\n" + whereToInstall(r.nevras(), null, testing) + teamPage(r.team(), teamPages));
        } else if (n instanceof Notification.SoakDates d) {
            return soakDates(d, zone, testing);
        } else if (n instanceof Notification.ReportReminder r) {
            return new MailText(title + ": reminder, " + r.team() + " has not filed its report",
                    "Team " + r.team() + " accepted the staged rollout of " + title + " and has not filed its report yet.\n"
                            + "Your report for " + title + " is due by " + when(r.reportsDue(), zone) + ".\n"
                            + "Log in on the answer page and file it there: " + r.links().answerPage() + "\n"
                            + OVERDUE_REPORTS_ESCALATE);
        } else if (n instanceof Notification.Escalation e) {
            return new MailText(title + ": manager action needed (" + e.reason() + ")",
                    e.detail() + "\n\nTeams concerned: " + e.teams().stream().map(TeamId::id).collect(Collectors.joining(", "))
                            + "\nRollout page: " + e.answerPage() + "\n");
        } else if (n instanceof Notification.PackageSetChanged p) {
            return new MailText(title + ": package set changed, please answer again",
                    "The packages under staged rollout changed; earlier answers and reports no longer count.\n"
                            + "Please answer again by " + when(p.deadline(), zone) + ".\n\n" + links(p.links())
                            + whereToInstall(p.nevras(), p.packageDigest(), testing));
        }
        Notification.Outcome o = (Notification.Outcome) n;
        return new MailText(title + ": " + o.outcome(),
                    "The staged rollout of " + title + " ended: " + o.outcome() + " (by " + o.decidedBy() + ").\n"
                            + "Reason: " + o.reason() + "\n");
    }

    /**
     * The soak's dates as the engine keeps them. Every sentence is a rule the engine enforces: answers are taken until
     * the soak ends (REPORTING freezes them), reports from accepting teams in SOAK and REPORTING until the decision,
     * and the reports missing at the due time escalate to the managers.
     */
    private static MailText soakDates(Notification.SoakDates d, ZoneId zone, TestingRepository testing) {
        String title = d.release().ticketTitle();
        String quorum = d.accepted() + (d.accepted() == 1 ? " team" : " teams") + " accepted, " + d.minAccepts() + " required";
        String subject;
        String opening;
        if (d.occasion() == Notification.SoakOccasion.QUORUM_MET) {
            subject = title + ": quorum met, soak dates for " + d.team();
            opening = "Quorum is met for " + title + " (" + quorum + "), so the soak has started.\n"
                    + "Team " + d.team() + " accepted: install the packages under test now and run them under production load.\n\n";
        } else if (d.occasion() == Notification.SoakOccasion.ACCEPTED_DURING_SOAK) {
            subject = title + ": soak dates for " + d.team();
            opening = "Team " + d.team() + " accepted " + title + " while its soak runs (quorum was already met; " + quorum + ").\n"
                    + "Install the packages under test now and run them under production load.\n\n";
        } else {
            subject = title + ": soak extended, new dates for " + d.team();
            opening = "The soak of " + title + " was extended. The new dates for team " + d.team() + ":\n\n";
        }
        return new MailText(subject, opening
                + "The soak runs from " + when(d.soakStart(), zone) + "\n"
                + "                to " + when(d.soakEnd(), zone) + ".\n"
                + "Until the soak ends your team can still change its answer (reject or withdraw); then answers are frozen.\n"
                + "Your report is due by " + when(d.reportsDue(), zone) + ".\n"
                + "Log in on the answer page and file it there, from now on until the rollout is decided: "
                + d.links().answerPage() + "\n"
                + OVERDUE_REPORTS_ESCALATE
                + (d.nevras().isEmpty() ? "" : "\n" + whereToInstall(d.nevras(), d.packageDigest(), testing)));
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

    /**
     * The packages under test and, where the repository is known, how to install exactly them: the {@code .repo} file
     * (as {@code repo-file} writes it) and the dnf command. Nothing before a package set is bound.
     */
    static String whereToInstall(List<String> nevras, String digest, TestingRepository testing) {
        if (nevras.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Packages under test");
        if (digest != null) {
            sb.append(" (package set sha256 ").append(digest).append(')');
        }
        sb.append(":\n  ").append(String.join("\n  ", nevras)).append("\n\n");
        if (testing == null) {
            return sb.append("Install exactly these versions from the testing repository your Staged Rollout Manager names.\n").toString();
        }
        return sb.append("Where to install them (").append(testing.stage()).append(", ").append(testing.os()).append(' ')
                .append(testing.arch()).append("): save these lines as ").append(testing.path()).append("\n\n  ")
                .append(testing.repoFile().strip().replace("\n", "\n  ")).append("\n\n")
                .append("then install exactly these packages (the repository stays disabled for everything else):\n\n  ")
                .append(testing.dnfInstall(nevras)).append("\n").toString();
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
