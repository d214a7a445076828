package io.jenkins.plugins.stagedrollout.core.release;

import java.util.regex.Pattern;

/** The {@code .<ext>} of report and summary files: short, alphanumeric (doc, docx, odt, pdf, md, html, json). */
public final class FileExtension {
    private static final Pattern EXT = Pattern.compile("[A-Za-z0-9]{1,5}");

    private FileExtension() {
    }

    public static String check(String ext, String fileName) {
        if (ext == null || !EXT.matcher(ext).matches()) {
            throw new InvalidNameException("File name '" + fileName + "' has extension '" + ext
                    + "'; use 1-5 letters or digits such as odt, docx, pdf, md or json");
        }
        return ext;
    }

    /**
     * Index of the dot before the extension: the one right after {@code stem} (versions contain dots, so the last
     * dot is not necessarily it), or -1 when the name does not end with {@code stem.<ext>}.
     */
    public static int dotAfter(String fileName, String stem, String pattern) {
        if (fileName == null) {
            throw new InvalidNameException("No file name given; name it " + pattern);
        }
        if (fileName.endsWith(stem)) {
            throw new InvalidNameException("File name '" + fileName + "' has no extension; name it " + pattern);
        }
        int i = fileName.lastIndexOf(stem + ".");
        return i < 0 ? -1 : i + stem.length();
    }

    /** The extension to suggest in an error: the one the user wrote if it looks like one. */
    public static String suggested(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1);
        return EXT.matcher(ext).matches() ? ext : "<ext>";
    }
}
