package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Serializable;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What hosts show and return: plain data, no behaviour. {@code outcome} is ACCEPT, REJECT, ABORTED or PENDING;
 * {@code reports} counts the current reports and {@code reported} names the teams that filed them;
 * {@code reportsReminder} is when the teams still owing a report will be reminded (absent when no reminder is due).
 */
public record RolloutView(String title, String stack, String component, String version, String state, String outcome,
                          String reason, String decidedBy, boolean automatic, String packageDigest, int packageCount,
                          int minAccepts, boolean quorumMet, List<String> accepted, List<String> rejected, List<String> silent,
                          int reports, List<String> reported, List<String> missingReports, Instant soakEnd, Instant reportsDue,
                          Instant reportsReminder, Instant nextDeadline, String automaticAcceptBlocker, int escalations,
                          List<TeamView> teams, String allowedMoves) implements Serializable {

    static RolloutView of(Rollout r) {
        String outcome = r.state() == RolloutState.ABORTED ? "ABORTED" : r.decision().map(Enum::name).orElse("PENDING");
        return new RolloutView(r.release().ticketTitle(), r.release().stackRelease(), r.release().component(), r.release().version(),
                r.state().name(), outcome, r.reason().orElse(null), r.decidedBy().orElse(null), r.automatic(),
                r.packageDigest(), r.packages().map(p -> p.nevras().size()).orElse(0), r.policy().minAccepts(), r.quorumMet(),
                ids(r.accepted()), ids(r.rejected()), ids(r.silent()), r.reports().size(),
                ids(r.reports().stream().map(EaReport::team).toList()), ids(r.missingReports()),
                r.soakEnd().orElse(null), r.reportsDue().orElse(null), r.reportsReminderAt().orElse(null),
                r.nextDeadline().orElse(null),
                r.automaticAcceptBlocker().orElse(null), r.escalations().size(),
                r.teams().values().stream().map(t -> TeamView.of(t, r.packageDigest())).toList(),
                Command.allowedMoves(r.state()));
    }

    private static List<String> ids(List<TeamId> teams) {
        return teams.stream().map(TeamId::id).toList();
    }

    /** Only String, Boolean, Integer, List and Map values (safe to hand to Pipeline scripts). Absent values are "". */
    public Map<String, Object> toPlainMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("stack", stack);
        m.put("component", component);
        m.put("version", version);
        m.put("state", state);
        m.put("outcome", outcome);
        m.put("reason", text(reason));
        m.put("decidedBy", text(decidedBy));
        m.put("automatic", automatic);
        m.put("packageDigest", packageDigest);
        m.put("packageCount", packageCount);
        m.put("minAccepts", minAccepts);
        m.put("quorumMet", quorumMet);
        m.put("accepted", List.copyOf(accepted));
        m.put("rejected", List.copyOf(rejected));
        m.put("silent", List.copyOf(silent));
        m.put("reports", reports);
        m.put("reported", List.copyOf(reported));
        m.put("missingReports", List.copyOf(missingReports));
        m.put("soakEnd", text(soakEnd));
        m.put("reportsDue", text(reportsDue));
        m.put("reportsReminder", text(reportsReminder));
        m.put("nextDeadline", text(nextDeadline));
        m.put("automaticAcceptBlocker", text(automaticAcceptBlocker));
        m.put("escalations", escalations);
        List<Map<String, Object>> t = new ArrayList<>();
        teams.forEach(v -> t.add(v.toPlainMap()));
        m.put("teams", t);
        m.put("allowedMoves", allowedMoves);
        return m;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
