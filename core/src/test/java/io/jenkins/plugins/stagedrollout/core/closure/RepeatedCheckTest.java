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
}
