package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer written by a person, e.g. a mail reply: {@code accept NGI_IT-INFN-T1}, {@code Reject  ea-ngi_it-infn-t1
 * the CE fails after the update}, {@code withdraw NGI_IT-INFN-T1}. The first line that is neither blank nor quoted
 * ({@code >}) is the answer: a verb and one team id, case and spacing as they come; whatever follows the team on that
 * line, and the unquoted lines after it, is the comment (a reason for a rejection).
 */
public record AnswerText(AnswerKind kind, TeamId team, String comment) {
    private static final Pattern LINE = Pattern.compile("(?i)\\s*(accept|reject|withdraw)\\s+(\\S+)(?:\\s+(.*?))?\\s*");
    private static final String HOW = "write 'accept <NGI>-<Site-name>' or 'reject <NGI>-<Site-name> <reason>'"
            + " (or 'withdraw ...'), e.g. 'accept NGI_IT-INFN-T1'";

    public static AnswerText parse(String text) {
        List<String> lines = ownLines(text);
        if (lines.isEmpty()) {
            throw new RolloutException("The answer is empty; " + HOW);
        }
        String line = lines.get(0);
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new RolloutException("Answer '" + abbreviate(line) + "' is not understood; " + HOW);
        }
        TeamId team;
        try {
            team = TeamId.parse(m.group(2));
        } catch (InvalidNameException e) {
            throw new RolloutException("Answer '" + abbreviate(line) + "' names no valid team: " + e.getMessage());
        }
        List<String> comment = new ArrayList<>();
        if (m.group(3) != null) {
            comment.add(m.group(3));
        }
        comment.addAll(lines.subList(1, lines.size()));
        String joined = String.join("\n", comment).strip();
        return new AnswerText(AnswerKind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), team, joined.isEmpty() ? null : joined);
    }

    /** The lines from the first unquoted, non-blank one on, without quoted lines and trailing blanks. */
    private static List<String> ownLines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String l : text.split("\\R")) {
                boolean quoted = l.stripLeading().startsWith(">");
                if (!quoted && (!out.isEmpty() || !l.isBlank())) {
                    out.add(out.isEmpty() ? l.strip() : l.stripTrailing());
                }
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
