package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of a rollout's history as people read it: when, who, what kind of step, and a sentence. Made from the event
 * log, so the page shows exactly what was recorded; the Pipeline's own steps are done by {@code SYSTEM}.
 *
 * @param kind one word for the step (opened, invited, answered, reminded, escalated, reported, promoted, decided...),
 *     for filtering and styling
 */
public record TimelineEntry(Instant at, String actor, String kind, String text) implements Serializable {

    /** The rollout's history, oldest first; events without meaning to people (the soak's end) are left out. */
    public static List<TimelineEntry> of(List<Event> events) {
        List<TimelineEntry> lines = new ArrayList<>();
        for (Event e : events) {
            TimelineEntry line = of(e);
            if (line != null) {
                lines.add(line);
            }
        }
        return List.copyOf(lines);
    }

    /** Filed reports with who filed them and when, newest first (a team that filed again shows both). */
    public static List<FiledReport> reports(List<Event> events) {
        List<FiledReport> filed = new ArrayList<>();
        for (Event e : events) {
            if (e.change() instanceof Change.ReportFiled r) {
                filed.add(0, new FiledReport(e.at(), e.actor(), r.report()));
            }
        }
        return List.copyOf(filed);
    }

    /** A report as filed: the report itself, who filed it and when. */
    public record FiledReport(Instant at, String actor, EaReport report) implements Serializable {}

    /** Java 17 has no pattern matching in switch: one instanceof per kind of change. */
    private static TimelineEntry of(Event e) {
        Change c = e.change();
        if (c instanceof Change.Opened o) {
            return line(e, "opened", "Opened " + o.release().ticketTitle());
        }
        if (c instanceof Change.PackageSetBound p) {
            return line(e, "packages", "Package set bound: " + p.packages().nevras().size() + " package(s)"
                    + (p.newDeadlines().isEmpty() ? "" : "; answers asked again from "
                            + teams(p.newDeadlines().stream().map(Change.TeamDeadline::team).toList())));
        }
        if (c instanceof Change.StagedRolloutStarted s) {
            return line(e, "started", "Staged rollout started" + note(firstLine(s.note())));
        }
        if (c instanceof Change.RepositoryChanged r) {
            return "withdrawn".equals(r.to())
                    ? line(e, "withdrawn", "Withdrawn from " + r.from() + note(firstLine(r.detail())))
                    : line(e, "promoted", "Promoted " + r.from() + " to " + r.to() + note(firstLine(r.detail())));
        }
        if (c instanceof Change.TeamInvited t) {
            return line(e, "invited", "Invited " + t.team().id());
        }
        if (c instanceof Change.Answered a) {
            return line(e, "answered", a.team().id() + " answered " + a.kind().name().toLowerCase(Locale.ROOT)
                    + channel(a.via()) + note(a.comment()));
        }
        if (c instanceof Change.ReminderSent r) {
            return line(e, "reminded", "Reminded " + r.team().id());
        }
        if (c instanceof Change.ReportsReminded r) {
            return line(e, "reminded", "Reminded " + teams(r.teams()) + " of the report due " + r.reportsDue());
        }
        if (c instanceof Change.Escalated x) {
            return line(e, "escalated", "Escalated to the manager: "
                    + x.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (x.teams().isEmpty() ? "" : " (" + teams(x.teams()) + ")"));
        }
        if (c instanceof Change.AnswerDeadlineExtended x) {
            return line(e, "extended", "Answer deadline extended by " + x.workingDays() + " working day(s)");
        }
        if (c instanceof Change.QuorumChanged q) {
            return line(e, "quorum", "Quorum set to " + q.minAccepts());
        }
        if (c instanceof Change.SoakStarted) {
            return line(e, "soak", "Quorum met: the soak started");
        }
        if (c instanceof Change.SoakExtended s) {
            return line(e, "extended", "Soak extended by " + s.days() + " day(s)");
        }
        if (c instanceof Change.ReportFiled r) {
            return line(e, "reported", r.report().team().id() + " filed a "
                    + r.report().verdict().name().toLowerCase(Locale.ROOT) + " report");
        }
        if (c instanceof Change.Decided d) {
            return line(e, "decided", "Decided " + d.decision().name() + (d.automatic() ? " automatically" : "")
                    + note(d.reason()));
        }
        if (c instanceof Change.Aborted a) {
            return line(e, "aborted", "Aborted" + note(a.reason()));
        }
        return null; // the soak's end: its consequences (reports due, escalations) have lines of their own
    }

    private static TimelineEntry line(Event e, String kind, String text) {
        return new TimelineEntry(e.at(), e.actor(), kind, text);
    }

    private static String teams(List<TeamId> ids) {
        return ids.stream().map(TeamId::id).collect(Collectors.joining(", "));
    }

    /** "web" is the page, "text" a mail-style answer posted by a gateway, "mail <Message-ID>" a mail reply. */
    private static String channel(String via) {
        if (via == null || via.equals("web")) {
            return "";
        }
        return via.startsWith("mail") ? " by mail" : " by " + via;
    }

    private static String note(String text) {
        return text == null || text.isBlank() ? "" : ": " + text.strip();
    }

    private static String firstLine(String text) {
        return text == null ? null : text.lines().findFirst().orElse("");
    }
}
