package io.jenkins.plugins.stagedrollout.core.demo;

import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root of the demo ({@code ./run-demo}) and of its end-to-end test: real RPMs written on the spot in
 * {@code untested/el9/x86_64}, the older bdii-site already promoted by the engine into testing and production, so the
 * release of {@code examples/release-scripted.Jenkinsfile} (bdii-site 1.0.1-1) is an update as on a real site.
 */
public final class DemoRepositories {

    public static final String OS = "el9";
    public static final String ARCH = "x86_64";
    /** The package the demo releases (the one the example names). */
    public static final String RELEASE = "bdii-site-1.0.1-1.el9.noarch.rpm";
    /** What production already serves before the demo's release. */
    public static final String PRODUCTION_BEFORE = "bdii-site-1.0.0-1.el9.noarch.rpm";

    private DemoRepositories() {
    }

    /** {@code DemoRepositories ROOT}: writes the demo repositories under ROOT (which must not exist yet). */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DemoRepositories ROOT (a directory that does not exist yet)");
            System.exit(2);
        }
        try {
            create(Path.of(args[0]).toAbsolutePath());
        } catch (IllegalArgumentException | RepositoryException | UncheckedIOException e) {
            System.err.println("The demo repositories were not made: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("Demo repositories in " + Path.of(args[0]).toAbsolutePath() + ": untested has " + RELEASE
                + ", argus-pap-1.7.4-1 and " + PRODUCTION_BEFORE + ", which testing and production serve");
    }

    /** Writes three RPMs into untested and brings the older bdii-site into testing and production. */
    public static void create(Path root) {
        if (Files.exists(root)) {
            throw new IllegalArgumentException(root + " exists already: remove it to start the demo afresh");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path untested = root.resolve("untested").resolve(OS).resolve(ARCH);
        RpmFixtures.write(untested, "bdii-site", "1.0.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "bdii-site", "1.0.1", "1.el9", "noarch");
        RpmFixtures.write(untested, "argus-pap", "1.7.4", "1.el9", "noarch");

        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults());
        PackageSelection older = PackageSelection.of(PRODUCTION_BEFORE);
        engine.promote("untested", "testing", OS, ARCH, older);
        engine.promote("testing", "production", OS, ARCH, older);
    }
}
