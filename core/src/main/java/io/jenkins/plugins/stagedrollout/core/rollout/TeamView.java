package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One team's line on the rollout page: status (INVITED, ACCEPTED, REJECTED, WITHDRAWN), deadline, last answer, report. */
public record TeamView(String team, String status, Instant invitedAt, Instant deadline, boolean reminded,
                       String answeredBy, Instant answeredAt, String comment, int answerChanges, String report) implements Serializable {

    static TeamView of(TeamStatus t, String digest) {
        Answer last = t.history().isEmpty() ? null : t.history().get(t.history().size() - 1);
        boolean current = last != null && last.packageDigest().equals(digest);
        String status = !current ? "INVITED" : last.kind() == AnswerKind.WITHDRAW ? "WITHDRAWN"
                : last.kind() == AnswerKind.ACCEPT ? "ACCEPTED" : "REJECTED";
        String report = t.report() == null ? "NONE" : t.report().verdict().name();
        return new TeamView(t.team().id(), status, t.invitedAt(), t.deadline(), t.reminded(),
                current ? last.by() : null, current ? last.at() : null, current ? last.comment() : null,
                t.history().size(), report);
    }

    public Map<String, Object> toPlainMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("team", team);
        m.put("status", status);
        m.put("invitedAt", invitedAt.toString());
        m.put("deadline", deadline.toString());
        m.put("reminded", reminded);
        m.put("answeredBy", answeredBy == null ? "" : answeredBy);
        m.put("answeredAt", answeredAt == null ? "" : answeredAt.toString());
        m.put("comment", comment == null ? "" : comment);
        m.put("answerChanges", answerChanges);
        m.put("report", report);
        return m;
    }
}
