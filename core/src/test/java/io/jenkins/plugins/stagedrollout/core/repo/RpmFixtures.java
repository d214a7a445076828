package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;

/** Writes small, valid RPM files (real headers and payload) with packager-rpm, for tests and the benchmark. */
public final class RpmFixtures {

    private RpmFixtures() {
    }

    /** Writes {@code name-version-release.arch.rpm} into {@code directory} (epoch 0) and returns its path. */
    public static Path write(Path directory, String name, String version, String release, String arch) {
        return write(directory, name, 0, version, release, arch);
    }

    public static Path write(Path directory, String name, int epoch, String version, String release, String arch) {
        return write(directory, name, epoch, version, release, arch, List.of(), List.of());
    }

    /**
     * Writes a package with dependencies, each {@code name} or {@code name OP version} (OP one of &lt; &lt;= = &gt;= &gt;), e.g.
     * {@code requires = List.of("libfoo.so.1()(64bit)", "bdii >= 6.0")}.
     */
    public static Path write(Path directory, String name, int epoch, String version, String release, String arch, List<String> provides,
            List<String> requires) {
        try {
            Files.createDirectories(directory);
            RpmVersion rpmVersion = epoch == 0 ? new RpmVersion(version, release) : new RpmVersion(epoch, version, release);
            try (RpmBuilder builder = new RpmBuilder(name, rpmVersion, arch, directory)) {
                builder.setInformation(information(name));
                provides.forEach(p -> dependency(p, builder::addProvides));
                requires.forEach(r -> dependency(r, builder::addRequirement));
                BuilderContext context = builder.newContext();
                context.addFile("/usr/share/" + name + "/README", ("package " + name + " " + version + "-" + release + "\n").getBytes(StandardCharsets.UTF_8));
                builder.build();
                Path written = builder.getTargetFile();
                Path wanted = directory.resolve(name + "-" + version + "-" + release + "." + arch + ".rpm");
                return written.equals(wanted) ? written : Files.move(written, wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface DependencyAdder {
        void add(String name, String version, RpmDependencyFlags... flags);
    }

    private static void dependency(String text, DependencyAdder adder) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length == 1 || text.startsWith("(")) {
            adder.add(text.strip(), "");
            return;
        }
        if (parts.length == 1) {
            adder.add(parts[0], "");
            return;
        }
        EnumSet<RpmDependencyFlags> flags = EnumSet.noneOf(RpmDependencyFlags.class);
        if (parts[1].contains("<")) {
            flags.add(RpmDependencyFlags.LESS);
        }
        if (parts[1].contains(">")) {
            flags.add(RpmDependencyFlags.GREATER);
        }
        if (parts[1].contains("=")) {
            flags.add(RpmDependencyFlags.EQUAL);
        }
        adder.add(parts[0], parts[2], flags.toArray(RpmDependencyFlags[]::new));
    }

    private static RpmBuilder.PackageInformation information(String name) {
        RpmBuilder.PackageInformation information = new RpmBuilder.PackageInformation();
        information.setSummary("Test package " + name);
        information.setDescription("A package written by the staged-rollout tests.");
        information.setLicense("Apache-2.0");
        information.setGroup("Unspecified");
        information.setBuildHost("localhost");
        return information;
    }
}
