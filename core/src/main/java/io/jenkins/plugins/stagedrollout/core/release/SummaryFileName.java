package io.jenkins.plugins.stagedrollout.core.release;

/** {@code summary-<MW stack>-<component>-<version>.<ext>}, the manager's summary of all EA reports. */
public record SummaryFileName(Release release, String extension) {
    private static final String PATTERN = "summary-<MW stack>-<component>-<version>.<ext>";

    public SummaryFileName {
        FileExtension.check(extension, "summary-" + release.fileNameStem() + "." + extension);
    }

    public static SummaryFileName of(Release release, String extension) {
        return new SummaryFileName(release, extension);
    }

    /** Validates {@code fileName} as the summary of {@code release}; the stack/component/version must match exactly. */
    public static SummaryFileName parse(String fileName, Release release) {
        String expected = "summary-" + release.fileNameStem();
        int dot = FileExtension.dotAfter(fileName, expected, PATTERN);
        if (dot != expected.length() || !fileName.startsWith(expected)) {
            throw new InvalidNameException("Summary file name '" + fileName + "' does not match " + PATTERN
                    + " for " + release.ticketTitle() + "; name it " + expected + "." + FileExtension.suggested(fileName));
        }
        return new SummaryFileName(release, fileName.substring(dot + 1));
    }

    public String fileName() {
        return "summary-" + release.fileNameStem() + "." + extension;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
