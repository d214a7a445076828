package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer written by a person, e.g. a mail reply: {@code accept NGI_IT-INFN-T1}, {@code Reject  ea-ngi_it-infn-t1},
 * {@code withdraw NGI_IT-INFN-T1}. The first line that is neither blank nor quoted ({@code >}) is the answer; case
 * and spacing do not matter, but it must be exactly a verb and one team id.
 */
public record AnswerText(AnswerKind kind, TeamId team) {
    private static final Pattern LINE = Pattern.compile("(?i)\\s*(accept|reject|withdraw)\\s+(\\S+)\\s*");
    private static final String HOW = "write 'accept <NGI>-<Site-name>' or 'reject <NGI>-<Site-name>' (or 'withdraw ...'),"
            + " e.g. 'accept NGI_IT-INFN-T1'";

    public static AnswerText parse(String text) {
        String line = firstLine(text);
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
        return new AnswerText(AnswerKind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), team);
    }

    private static String firstLine(String text) {
        if (text != null) {
            for (String l : text.split("\\R")) {
                if (!l.isBlank() && !l.stripLeading().startsWith(">")) {
                    return l.strip();
                }
            }
        }
        throw new RolloutException("The answer is empty; " + HOW);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
