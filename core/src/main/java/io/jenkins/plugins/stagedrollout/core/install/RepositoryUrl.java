package io.jenkins.plugins.stagedrollout.core.install;

import java.io.Serializable;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the web server serves the stage repositories of one stack, as a template such as
 * {@code https://repository.example.org/umd/4/{stage}/{os}/{arch}/}: {@code {os}} and {@code {arch}} are required (each
 * platform is a repository of its own), {@code {stage}} is optional (a host may serve only testing).
 * http(s) for sites elsewhere, file:// for a shared file system.
 */
public record RepositoryUrl(String template) implements Serializable {

    private static final Pattern URL = Pattern.compile("(https?|file)://\\S+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> KNOWN = Set.of("stage", "os", "arch");

    public RepositoryUrl {
        String example = "e.g. https://repository.example.org/umd/4/{stage}/{os}/{arch}/";
        if (template == null || !URL.matcher(template.strip()).matches()) {
            throw new IllegalArgumentException("The repository URL '" + template + "' is not an http(s):// or file:// URL"
                    + " without spaces; write it as " + example);
        }
        template = template.strip();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw new IllegalArgumentException("The repository URL '" + template + "' names {" + m.group(1)
                        + "}; only {stage}, {os} and {arch} are filled in, " + example);
            }
        }
        if (!template.contains("{os}") || !template.contains("{arch}")) {
            throw new IllegalArgumentException("The repository URL '" + template + "' lacks {os} or {arch}: each OS and"
                    + " architecture is a repository of its own; write it as " + example);
        }
    }

    /** The URL of one stage repository. */
    public String of(String stage, String os, String arch) {
        return template.replace("{stage}", stage).replace("{os}", os).replace("{arch}", arch);
    }
}
