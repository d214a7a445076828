package io.jenkins.plugins.stagedrollout.core.release;

import java.util.regex.Pattern;

/** The {@code .<ext>} of report and summary files: short, alphanumeric (doc, docx, odt, pdf, md, html, json). */
final class FileExtension {
    private static final Pattern EXT = Pattern.compile("[A-Za-z0-9]{1,5}");

    private FileExtension() {
    }

    static String check(String ext, String fileName) {
        if (ext == null || !EXT.matcher(ext).matches()) {
            throw new InvalidNameException("File name '" + fileName + "' has extension '" + ext
                    + "'; use 1-5 letters or digits such as odt, docx, pdf, md or json");
        }
        return ext;
    }

    static int dot(String fileName, String pattern) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            throw new InvalidNameException("File name '" + fileName + "' has no extension; name it " + pattern);
        }
        return dot;
    }
}
