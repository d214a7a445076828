package io.jenkins.plugins.stagedrollout.core.release;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The links a rollout carries (seed step 3): release notes, install/upgrade/configuration docs, fixed bugs,
 * documentation, the report collection, and the page where EA teams answer. Any may be null except the
 * answer page, which invitations always show.
 */
public record ReleaseLinks(String releaseNotes, String installation, String fixedBugs, String documentation,
                           String reportCollection, String answerPage) implements Serializable {

    public ReleaseLinks {
        for (String link : new String[] {releaseNotes, installation, fixedBugs, documentation, reportCollection, answerPage}) {
            if (link != null) {
                checkUrl(link);
            }
        }
    }

    public static ReleaseLinks answerPageOnly(String answerPage) {
        return new ReleaseLinks(null, null, null, null, null, answerPage);
    }

    /** Label/URL pairs for the links that are set, in a fixed order, for mails and pages. */
    public List<String[]> labelled() {
        List<String[]> out = new ArrayList<>();
        add(out, "Release notes", releaseNotes);
        add(out, "Installation, upgrade and configuration", installation);
        add(out, "Bugs or issues fixed", fixedBugs);
        add(out, "Documentation", documentation);
        add(out, "Report collection", reportCollection);
        add(out, "Answer page", answerPage);
        return out;
    }

    private static void add(List<String[]> out, String label, String url) {
        if (url != null) {
            out.add(new String[] {label, url});
        }
    }

    /** Only absolute http(s) links: they are put into mails sent to other sites. */
    public static String checkUrl(String link) {
        try {
            URI uri = new URI(link);
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return link;
            }
        } catch (Exception e) {
            // reported below with the fix
        }
        throw new InvalidNameException("Link '" + link + "' is not an absolute http(s) URL; write it as https://host/path");
    }
}
