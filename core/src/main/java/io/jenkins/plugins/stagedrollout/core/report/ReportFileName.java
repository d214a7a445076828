package io.jenkins.plugins.stagedrollout.core.report;

import io.jenkins.plugins.stagedrollout.core.release.FileExtension;
import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;

/**
 * {@code ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext>}. Site names, components and versions all
 * contain dashes, so a name can only be split knowing the release: parsing takes it and reads the team from the rest.
 * Here, not beside the release's other file names, because it names a team: {@code release} stays below {@code team}.
 */
public record ReportFileName(TeamId team, Release release, String extension) {
    private static final String PATTERN = "ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext>";

    public ReportFileName {
        FileExtension.check(extension, team.id() + "-" + release.fileNameStem() + "." + extension);
    }

    public static ReportFileName of(TeamId team, Release release, String extension) {
        return new ReportFileName(team, release, extension);
    }

    public static ReportFileName parse(String fileName, Release release) {
        String tail = "-" + release.fileNameStem();
        int dot = FileExtension.dotAfter(fileName, tail, PATTERN);
        if (dot < 0 || !fileName.startsWith("ea-") || dot == tail.length() + 3) {
            throw new InvalidNameException("Report file name '" + fileName + "' does not match " + PATTERN
                    + " for " + release.ticketTitle() + "; name it ea-<NGI>-<Site-name>" + tail + "." + FileExtension.suggested(fileName));
        }
        TeamId team = TeamId.parse(fileName.substring(0, dot - tail.length()));
        return new ReportFileName(team, release, fileName.substring(dot + 1));
    }

    public String fileName() {
        return team.id() + "-" + release.fileNameStem() + "." + extension;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
