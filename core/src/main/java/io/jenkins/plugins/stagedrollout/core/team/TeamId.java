package io.jenkins.plugins.stagedrollout.core.team;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Early Adopter team {@code ea-<NGI>-<Site-name>}. Input is case-insensitive, spaces around it and the
 * {@code ea-} prefix are optional; the canonical form is upper case ({@code ea-NGI_IT-INFN-T1}), so two
 * spellings of one team are equal. The NGI is the part before the first dash (NGI names use '_', not '-').
 */
public record TeamId(String ngi, String site) implements Serializable, Comparable<TeamId> {
    private static final Pattern FORM = Pattern.compile("(?i)([A-Z0-9][A-Z0-9_]*)-([A-Z0-9][A-Z0-9_.-]*[A-Z0-9_]|[A-Z0-9])");

    public TeamId {
        ngi = ngi.toUpperCase(Locale.ROOT);
        site = site.toUpperCase(Locale.ROOT);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TeamId parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(s.regionMatches(true, 0, "ea-", 0, 3) ? s.substring(3) : s);
        if (!m.matches()) {
            throw new InvalidNameException("Team '" + text + "' is not an Early Adopter team id; write ea-<NGI>-<Site-name>"
                    + " or <NGI>-<Site-name>, e.g. ea-NGI_IT-INFN-T1");
        }
        return new TeamId(m.group(1), m.group(2));
    }

    /** {@code ea-NGI_IT-INFN-T1}. */
    @JsonValue
    public String id() {
        return "ea-" + ngi + "-" + site;
    }

    /** {@code NGI_IT-INFN-T1}, the form used in answers ({@code accept NGI_IT-INFN-T1}). */
    public String shortId() {
        return ngi + "-" + site;
    }

    @Override
    public int compareTo(TeamId o) {
        return id().compareTo(o.id());
    }

    @Override
    public String toString() {
        return id();
    }
}
