package io.jenkins.plugins.stagedrollout.core.closure;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository checked again reuses the packages read last time by package id (the RPM file's checksum): a package
 * rebuilt under the same name and version is another file, and its new requirements are the ones checked.
 */
class RepeatedCheckTest {

    @TempDir
    Path work;

    @Test
    void aRebuiltPackageWithTheSameNevraIsReadAgain() throws IOException {
        Path first = work.resolve("first");
        RpmFixtures.write(first, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("glue-schema"));
        RpmFixtures.write(first, "glue-schema", 0, "2.1", "1.el9", "noarch", List.of(), List.of());
        Tools.createrepo(first);
        assertThat(DependencyCheck.check(first, "testing/el9/x86_64", "x86_64", List.of(), false).closed()).isTrue();

        Path second = work.resolve("second");
        RpmFixtures.write(second, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("glue-schema", "libldap.so.2()(64bit)"));
        RpmFixtures.write(second, "glue-schema", 0, "2.1", "1.el9", "noarch", List.of(), List.of());
        Tools.createrepo(second);
        ClosureReport again = DependencyCheck.check(second, "testing/el9/x86_64", "x86_64", List.of(), false);
        assertThat(again.unresolved()).extracting(Unresolved::toString)
                .containsExactly("bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit)");

        assertThat(DependencyCheck.check(first, "testing/el9/x86_64", "x86_64", List.of(), false).closed())
                .as("and back: the first repository's packages are met again").isTrue();
    }

    @Test
    void aCheckThatBuildsOnTheLastOneGivesTheVerdictOfAFullCheck() throws IOException {
        Path pool = work.resolve("pool");
        Path app = RpmFixtures.write(pool, "app", 0, "1.0", "1", "noarch", List.of(), List.of("libb >= 2", "/usr/share/libd/README"));
        Path tool = RpmFixtures.write(pool, "tool", 0, "1.0", "1", "noarch", List.of(), List.of("missing-thing"));
        Path libb = RpmFixtures.write(pool, "libb", 0, "2.0", "1", "noarch", List.of(), List.of());
        Path libd = RpmFixtures.write(pool, "libd", 0, "1.0", "1", "noarch", List.of(), List.of("(libb or libc)"));
        Path extra = RpmFixtures.write(pool, "extra", 0, "1.0", "1", "noarch", List.of(), List.of("(libb with libb > 3)"));

        List<String> first = check(repository("r1", app, tool), true);
        assertThat(first).containsExactly("app-1.0-1.noarch requires /usr/share/libd/README", "app-1.0-1.noarch requires libb >= 2",
                "tool-1.0-1.noarch requires missing-thing");
        // Packages added: only they and what was unmet are evaluated, with the same verdict as a full check.
        Path grown = repository("r2", app, tool, libb, libd, extra);
        List<String> incremental = check(grown, true);
        assertThat(incremental).isEqualTo(check(grown, false))
                .containsExactly("extra-1.0-1.noarch requires (libb with libb > 3)", "tool-1.0-1.noarch requires missing-thing");
        check(grown, true);
        // A package withdrawn: a full check again, which finds what it leaves unmet.
        Path shrunk = repository("r3", app, tool, libd, extra);
        assertThat(check(shrunk, true)).isEqualTo(check(shrunk, false)).contains("app-1.0-1.noarch requires libb >= 2",
                "libd-1.0-1.noarch requires (libb or libc)");
    }

    private Path repository(String name, Path... rpms) throws IOException {
        Path directory = java.nio.file.Files.createDirectories(work.resolve(name));
        for (Path rpm : rpms) {
            java.nio.file.Files.createLink(directory.resolve(rpm.getFileName()), rpm);
        }
        Tools.createrepo(directory);
        return directory;
    }

    /** @param afterTheLast false: a full check, as if none had run before */
    private static List<String> check(Path repository, boolean afterTheLast) throws IOException {
        if (!afterTheLast) {
            DependencyCheck.forgetEarlierChecks();
        }
        return DependencyCheck.check(repository, "production/el9/x86_64", "x86_64", List.of(), false).unresolved().stream()
                .map(u -> u.packageNevra() + " requires " + u.requirement()).toList();
    }
}
