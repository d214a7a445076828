package io.jenkins.plugins.stagedrollout.core.closure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.jenkins.plugins.stagedrollout.core.repo.RepodataReader;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import io.jenkins.plugins.stagedrollout.core.repo.ZstdRepodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's verdict against {@code dnf repoclosure}'s on the same repositories: a fixture of real RPMs (rpmbuild)
 * with one package per case (versions, epochs, tilde and caret, files in primary.xml and only in filelists.xml,
 * virtual and unversioned provides, every rich operator, multilib). Where the check is stricter than repoclosure,
 * dnf's own solver is asked to install the package and must refuse it too.
 */
class RepoclosureAgreementTest {

    @TempDir
    static Path work;
    static Path snapshot;
    static Path base;

    /** Unmet for the check, met for repoclosure (whose lookup merges both sides), refused by dnf install. */
    static final Set<String> STRICTER = Set.of(
            "and-one-missing-1.0-1.noarch requires (libfixture and missing-and)",
            "ifelse-then-missing-1.0-1.noarch requires (missing-then if libfixture else libother)",
            "ifelse-else-missing-1.0-1.noarch requires (libother if missing-cond else missing-else)");
    /** Met for repoclosure by an i686 package, which a client of an x86_64 repository installs only with multilib. */
    static final String MULTILIB = "wants-32bit-libc-1.0-1.x86_64 requires libc.so.6";

    @BeforeAll
    static void buildFixtures() throws IOException {
        SpecRpms rpms = new SpecRpms(Files.createDirectories(work.resolve("spec")));
        base = work.resolve("base");
        rpms.build(base, "glibc", "2.34-100.el9", "x86_64", List.of("Provides: libc.so.6()(64bit)"),
                List.of("/usr/lib64/libc.so.6", "/usr/sbin/ldconfig"));
        rpms.build(base, "glibc", "2.34-100.el9", "i686", List.of("Provides: libc.so.6"), List.of("/usr/lib/libc.so.6"));
        rpms.build(base, "bash", "5.1.8-9.el9", "x86_64", List.of("Provides: /bin/sh"), List.of("/usr/bin/bash"));
        rpms.build(base, "python3", "3.9.18-1.el9", "x86_64", List.of("Provides: python(abi) = 3.9"), List.of("/usr/bin/python3.9"));
        rpms.build(base, "epochal", "2:1.0-1", "noarch", List.of(), List.of("/usr/share/epochal/f"));
        rpms.build(base, "aarch64-only", "1.0-1", "aarch64", List.of("Provides: arm-thing"), List.of("/usr/share/arm/f"));

        snapshot = work.resolve("snapshot");
        rpms.build(snapshot, "libfixture", "1.2-1", "noarch", List.of("Provides: virt-fixture = 2.0", "Provides: unversioned-virt"),
                List.of("/usr/share/libfixture/data"));
        rpms.build(snapshot, "libother", "1.0-1", "noarch", List.of(), List.of("/usr/share/libother/data"));
        rpms.build(snapshot, "pre", "1.0~rc1-1", "noarch", List.of("Provides: tilde-virt = 1.0~rc1"), List.of("/usr/share/pre/f"));
        rpms.build(snapshot, "snap", "1.0^git1-1", "noarch", List.of("Provides: caret-virt = 1.0^git1"), List.of("/usr/share/snap/f"));
        ok(rpms, "needs-python-abi", "Requires: python(abi) = 3.9");
        ok(rpms, "needs-python-abi-range", "Requires: python(abi) >= 3.6");
        ok(rpms, "needs-python-abi-below", "Requires: python(abi) < 3.10");
        ok(rpms, "too-new-python-abi", "Requires: python(abi) >= 3.11");
        ok(rpms, "needs-epoch", "Requires: epochal >= 2:1.0");
        ok(rpms, "needs-epoch-no-release", "Requires: epochal = 2:1.0");
        ok(rpms, "epoch-beats-version", "Requires: epochal >= 9.0");
        ok(rpms, "too-new-epoch", "Requires: epochal >= 3:0.1");
        ok(rpms, "needs-exact-release", "Requires: libfixture = 1.2-1");
        ok(rpms, "wrong-release", "Requires: libfixture = 1.2-2");
        ok(rpms, "needs-less-than", "Requires: libfixture < 1.2");
        ok(rpms, "tilde-is-older", "Requires: tilde-virt >= 1.0");
        ok(rpms, "tilde-meets-beta", "Requires: tilde-virt >= 1.0~beta");
        ok(rpms, "caret-is-newer", "Requires: caret-virt > 1.0");
        ok(rpms, "caret-below-next", "Requires: caret-virt >= 1.0.1");
        ok(rpms, "needs-virtual", "Requires: virt-fixture >= 1.5");
        ok(rpms, "needs-unversioned-virtual", "Requires: unversioned-virt >= 5");
        ok(rpms, "needs-soname", "Requires: libc.so.6()(64bit)");
        ok(rpms, "needs-nothing-provided", "Requires: libnothere.so.3()(64bit)");
        ok(rpms, "needs-primary-file", "Requires: /usr/sbin/ldconfig");
        ok(rpms, "needs-filelists-file", "Requires: /usr/lib64/libc.so.6");
        ok(rpms, "needs-own-data-file", "Requires: /usr/share/libother/data");
        ok(rpms, "needs-missing-file", "Requires: /usr/lib64/libnothere.so");
        ok(rpms, "needs-provided-path", "Requires: /bin/sh");
        ok(rpms, "needs-other-arch", "Requires: arm-thing");
        ok(rpms, "or-one-side", "Requires: (missing-or or libfixture)");
        ok(rpms, "or-none", "Requires: (missing-or-a or missing-or-b)");
        ok(rpms, "and-both", "Requires: (libfixture and libother)");
        ok(rpms, "and-one-missing", "Requires: (libfixture and missing-and)");
        ok(rpms, "if-then-met", "Requires: (libother if libfixture)");
        ok(rpms, "if-then-missing", "Requires: (missing-if if libfixture)");
        ok(rpms, "ifelse-both-met", "Requires: (libother if missing-cond else libfixture)");
        ok(rpms, "ifelse-then-missing", "Requires: (missing-then if libfixture else libother)");
        ok(rpms, "ifelse-else-missing", "Requires: (libother if missing-cond else missing-else)");
        ok(rpms, "with-met", "Requires: (libfixture with virt-fixture > 1)");
        ok(rpms, "with-unmet", "Requires: (libfixture with virt-fixture > 3)");
        ok(rpms, "without-met", "Requires: (libfixture without libother)");
        ok(rpms, "without-unmet", "Requires: (libfixture without virt-fixture)");
        ok(rpms, "nested", "Requires: ((missing-n or libfixture) and (libother or missing-m))");
        ok(rpms, "chain-or", "Requires: (missing-c1 or missing-c2 or libother)");
        rpms.build(snapshot, "wants-32bit-libc", "1.0-1", "x86_64", List.of("Requires: libc.so.6"), List.of("/usr/lib64/w/f"));
        rpms.build(snapshot, "wants-64bit-libc", "1.0-1", "x86_64", List.of("Requires: libc.so.6()(64bit)"), List.of("/usr/lib64/w64/f"));
        Tools.createrepo(base);
        Tools.createrepo(snapshot);
        assertThat(base.resolve("repodata/repomd.xml")).isRegularFile();
        assertThat(snapshot.resolve("repodata/repomd.xml")).isRegularFile();
    }

    private static void ok(SpecRpms rpms, String name, String requires) {
        rpms.build(snapshot, name, "1.0-1", "noarch", List.of(requires), List.of("/usr/share/" + name + "/f"));
    }

    @Test
    void agreesWithDnfRepoclosureExceptWhereDnfWouldNotInstall() throws IOException {
        Set<String> repoclosure = repoclosure();
        Set<String> check = check(false);

        assertThat(repoclosure).as("repoclosure finds the fixture's broken cases").contains("too-new-python-abi-1.0-1.noarch requires python(abi) >= 3.11",
                "needs-missing-file-1.0-1.noarch requires /usr/lib64/libnothere.so", "or-none-1.0-1.noarch requires (missing-or-a or missing-or-b)");
        assertThat(repoclosure).doesNotContainAnyElementsOf(STRICTER).doesNotContain(MULTILIB);
        Set<String> expected = new TreeSet<>(repoclosure);
        expected.addAll(STRICTER);
        expected.add(MULTILIB);
        assertThat(check).isEqualTo(expected);
    }

    @Test
    void withMultilibA32BitProviderCountsAsForRepoclosure() throws IOException {
        Set<String> expected = new TreeSet<>(repoclosure());
        expected.addAll(STRICTER);
        assertThat(check(true)).isEqualTo(expected);
    }

    @Test
    void whereTheCheckIsStricterDnfRefusesToInstallThePackage() {
        for (String unmet : STRICTER) {
            String name = unmet.substring(0, unmet.indexOf("-1.0-1.noarch"));
            String out = dnfInstall(name.startsWith("ifelse-then") ? List.of("libfixture", name) : List.of(name));
            assertThat(out).as(name).contains("Error:").doesNotContain("Operation aborted");
        }
        assertThat(dnfInstall(List.of("and-both"))).as("a package whose requirements are met installs").contains("Operation aborted.");
        assertThat(dnfInstall(List.of("ifelse-both-met"))).contains("Operation aborted.");
    }

    @Test
    void saysWhyNothingMeetsARequirement() throws IOException {
        ClosureReport report = DependencyCheck.check(snapshot, "testing/el9/x86_64", "x86_64", List.of(MetadataSource.of(base.toString())), false);
        assertThat(report.unresolved()).extracting(Unresolved::toString).contains(
                "too-new-python-abi-1.0-1.noarch requires python(abi) >= 3.11: only other versions are provided: python(abi) = 3.9 (python3-3.9.18-1.el9.x86_64)",
                "needs-nothing-provided-1.0-1.noarch requires libnothere.so.3()(64bit): nothing provides libnothere.so.3()(64bit)",
                "needs-missing-file-1.0-1.noarch requires /usr/lib64/libnothere.so: no package contains the file /usr/lib64/libnothere.so",
                "needs-other-arch-1.0-1.noarch requires arm-thing: only packages of another architecture provide it (aarch64-only-1.0-1.aarch64),"
                        + " which clients of this repository do not install",
                "and-one-missing-1.0-1.noarch requires (libfixture and missing-and): nothing provides missing-and",
                "if-then-missing-1.0-1.noarch requires (missing-if if libfixture): nothing provides missing-if (needed when libfixture is installed)",
                "with-unmet-1.0-1.noarch requires (libfixture with virt-fixture > 3): no package meets both libfixture and virt-fixture > 3"
                        + " (libfixture-1.2-1.noarch meet only the first)");
        assertThat(report.packagesChecked()).isEqualTo(46);
        assertThat(report.summary()).contains("46 package(s) checked", base.toString());
    }

    @Test
    void withoutTheBaseRepositoriesEverySystemRequirementIsUnmet() throws IOException {
        ClosureReport report = DependencyCheck.check(snapshot, "testing/el9/x86_64", "x86_64", List.of(), false);
        assertThat(report.unresolved()).extracting(Unresolved::toString)
                .contains("needs-soname-1.0-1.noarch requires libc.so.6()(64bit): nothing provides libc.so.6()(64bit)",
                        "needs-filelists-file-1.0-1.noarch requires /usr/lib64/libc.so.6: no package contains the file /usr/lib64/libc.so.6")
                .doesNotContain("needs-own-data-file-1.0-1.noarch requires /usr/share/libother/data: no package contains the file"
                        + " /usr/share/libother/data");
    }

    @Test
    void agreesWithDnfRepoclosureOnZstdMetadata() throws IOException {
        // What createrepo_c 1.0 and later write (Fedora 39+, EL10 and their mirrors); Debian 12's dnf reads it too.
        Path zstdSnapshot = work.resolve("zstd/snapshot");
        Path zstdBase = work.resolve("zstd/base");
        copyRepository(snapshot, zstdSnapshot);
        copyRepository(base, zstdBase);
        ZstdRepodata.recompress(zstdSnapshot);
        ZstdRepodata.recompress(zstdBase);
        assertThat(RepodataReader.readRepomd(zstdBase).hrefs()).filteredOn(href -> href.contains(".xml")).hasSize(3)
                .allMatch(href -> href.endsWith(".xml.zst"));

        Set<String> repoclosure = repoclosure(zstdSnapshot, zstdBase);

        assertThat(repoclosure).as("dnf read the zstd metadata").isEqualTo(repoclosure());
        Set<String> expected = new TreeSet<>(repoclosure);
        expected.addAll(STRICTER);
        expected.add(MULTILIB);
        assertThat(check(zstdSnapshot, zstdBase, false)).isEqualTo(expected);
    }

    private static void copyRepository(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Set<String> check(boolean multilib) throws IOException {
        return check(snapshot, base, multilib);
    }

    private static Set<String> check(Path snapshot, Path base, boolean multilib) throws IOException {
        ClosureReport report = DependencyCheck.check(snapshot, "snapshot", "x86_64", List.of(MetadataSource.of("file://" + base)), multilib);
        return report.unresolved().stream().map(u -> u.packageNevra() + " requires " + u.requirement()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** dnf repoclosure's "package: NEVRA from repo / unresolved deps (N): / dep" as "NEVRA requires dep". */
    private static Set<String> repoclosure() {
        return repoclosure(snapshot, base);
    }

    private static Set<String> repoclosure(Path snapshot, Path base) {
        String out = run(List.of("dnf", "repoclosure", "--releasever=9", "--nogpgcheck", "--setopt=reposdir=/nonexistent",
                "--setopt=cachedir=" + work.resolve("cache-" + System.nanoTime()), "--repofrompath=snap," + snapshot,
                "--repofrompath=base," + base, "--repo=snap", "--repo=base", "--check=snap"));
        Set<String> unresolved = new TreeSet<>();
        String pkg = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith("package: ")) {
                pkg = line.substring("package: ".length(), line.indexOf(" from "));
            } else if (line.startsWith("    ") && pkg != null) {
                unresolved.add(pkg + " requires " + line.strip());
            }
        }
        return unresolved;
    }

    private static String dnfInstall(List<String> packages) {
        List<String> command = new ArrayList<>(List.of("dnf", "install", "--assumeno", "--releasever=9", "--nogpgcheck",
                "--setopt=reposdir=/nonexistent", "--setopt=install_weak_deps=0", "--setopt=cachedir=" + work.resolve("cache-" + System.nanoTime()),
                "--installroot=" + work.resolve("root-" + System.nanoTime()), "--repofrompath=snap," + snapshot, "--repofrompath=base," + base,
                "--repo=snap", "--repo=base"));
        command.addAll(packages);
        return run(command);
    }

    private static String run(List<String> command) {
        return Tools.run(command).out();
    }
}
