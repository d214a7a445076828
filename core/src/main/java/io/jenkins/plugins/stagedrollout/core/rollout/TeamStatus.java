package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One invited team inside a rollout: its deadline, its current answer and every earlier one, its report. */
public record TeamStatus(TeamId team, List<String> contacts, Instant invitedAt, Instant deadline, Instant remindAt,
                         boolean reminded, boolean escalated, List<Answer> history, EaReport report) implements Serializable {

    public TeamStatus {
        contacts = List.copyOf(contacts);
        history = List.copyOf(history);
    }

    /** ACCEPT or REJECT, or null when the team is silent or withdrew its answer. */
    public AnswerKind current() {
        if (history.isEmpty()) {
            return null;
        }
        AnswerKind last = history.get(history.size() - 1).kind();
        return last == AnswerKind.WITHDRAW ? null : last;
    }

    /** Answers count only for the package set they were given for; older ones are history. */
    public AnswerKind currentFor(String digest) {
        if (history.isEmpty() || !history.get(history.size() - 1).packageDigest().equals(digest)) {
            return null;
        }
        return current();
    }

    boolean silent(String digest) {
        return history.isEmpty() || !history.get(history.size() - 1).packageDigest().equals(digest);
    }

    TeamStatus withAnswer(Answer answer) {
        List<Answer> h = new ArrayList<>(history);
        h.add(answer);
        EaReport keptReport = answer.kind() == AnswerKind.ACCEPT ? report : null;
        return new TeamStatus(team, contacts, invitedAt, deadline, remindAt, reminded, escalated, h, keptReport);
    }

    TeamStatus withDeadline(Instant newDeadline, Instant newRemindAt) {
        return new TeamStatus(team, contacts, invitedAt, newDeadline, newRemindAt, false, false, history, report);
    }

    TeamStatus markReminded() {
        return new TeamStatus(team, contacts, invitedAt, deadline, remindAt, true, escalated, history, report);
    }

    TeamStatus markEscalated() {
        return new TeamStatus(team, contacts, invitedAt, deadline, remindAt, reminded, true, history, report);
    }

    TeamStatus withReport(EaReport r) {
        return new TeamStatus(team, contacts, invitedAt, deadline, remindAt, reminded, escalated, history, r);
    }
}
