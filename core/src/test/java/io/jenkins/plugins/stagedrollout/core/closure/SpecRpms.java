package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds real RPMs with rpmbuild from a spec the test writes: the dependency tags are rpm's own, rich dependencies
 * included, so the fixtures carry exactly what a packager's spec would. No automatic dependencies (AutoReqProv: no).
 */
final class SpecRpms {

    private final Path work;

    SpecRpms(Path work) {
        this.work = work;
    }

    /**
     * @param evr   {@code [epoch:]version-release}
     * @param tags  spec lines such as {@code Requires: (a or b)} or {@code Provides: libfoo.so.1()(64bit)}
     * @param files absolute paths the package contains
     */
    Path build(Path into, String name, String evr, String arch, List<String> tags, List<String> files) {
        try {
            Evr parsed = Evr.parse(evr);
            Path spec = work.resolve(name + "-" + arch + ".spec");
            List<String> lines = new ArrayList<>(List.of("Name: " + name, "Version: " + parsed.version(), "Release: " + parsed.release(),
                    "Summary: fixture " + name, "License: MIT", "AutoReqProv: no"));
            if ("noarch".equals(arch)) {
                // other architectures come from --target: BuildArch would ask for a build host of that architecture
                lines.add("BuildArch: noarch");
            }
            if (parsed.epoch() != 0) {
                lines.add("Epoch: " + parsed.epoch());
            }
            lines.addAll(tags);
            lines.addAll(List.of("%description", "A dependency check fixture.", "%install"));
            for (String file : files) {
                lines.add("mkdir -p %{buildroot}" + file.substring(0, file.lastIndexOf('/')));
                lines.add("echo " + name + " > %{buildroot}" + file);
            }
            lines.add("%files");
            lines.addAll(files);
            Files.write(spec, lines, StandardCharsets.UTF_8);
            Files.createDirectories(into);
            Tools.Result built = Tools.run("rpmbuild", "-bb", "--quiet", "--target", arch, "--define", "_topdir " + work.resolve("top"),
                    "--define", "_rpmdir " + into, "--define", "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
                    "--define", "_build_id_links none", "--define", "debug_package %{nil}", "--define", "__os_install_post %{nil}", spec.toString());
            if (built.exit() != 0) {
                throw new IllegalStateException("rpmbuild failed for " + name + ": " + built.out());
            }
            return into.resolve(name + "-" + parsed.version() + "-" + parsed.release() + "." + arch + ".rpm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
