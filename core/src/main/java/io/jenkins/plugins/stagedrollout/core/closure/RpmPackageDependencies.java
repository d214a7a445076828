package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.List;

/**
 * What the dependency check knows of one package: who it is, what it provides (its own name and version
 * included, as createrepo_c lists them), what it requires and the files the primary metadata lists for it.
 *
 * @param nevra      as dnf prints it, epoch only when not 0
 * @param repository where it comes from, for the report (e.g. {@code testing/el9/x86_64} or a base repository)
 * @param files      the files (and directories) primary.xml lists: binaries and /etc; the rest is in filelists.xml
 */
public record RpmPackageDependencies(String nevra, String name, String arch, String repository, List<Capability> provides,
                                     List<Requirement> requires, List<String> files) {

    public RpmPackageDependencies {
        provides = List.copyOf(provides);
        requires = List.copyOf(requires);
        files = List.copyOf(files);
    }

    boolean isSource() {
        return "src".equals(arch) || "nosrc".equals(arch);
    }
}
