package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;

/** One RPM file of a repository: its file name and its NEVRA as read from the RPM header. */
public record RpmPackage(String fileName, String name, int epoch, String version, String release, String arch)
        implements Serializable {

    public static RpmPackage of(String fileName, String name, int epoch, String version, String release, String arch) {
        return new RpmPackage(fileName, name, epoch, version, release, arch);
    }

    /** {@code name-[epoch:]version-release.arch}, the epoch only when it is not 0 (as dnf prints it). */
    public String nevra() {
        return name + "-" + (epoch == 0 ? "" : epoch + ":") + version + "-" + release + "." + arch;
    }

    /** {@code name-epoch:version-release.arch} with the epoch always present. */
    public String fullNevra() {
        return name + "-" + epoch + ":" + version + "-" + release + "." + arch;
    }
}
