package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gives a clear error (problem and fix) of the right kind, and the whole repository tree
 * (served links, snapshots, packages, metadata) is byte for byte as before.
 */
class BadInputTest {

    @TempDir
    Path base;
    @TempDir
    Path dnfCache;

    private Path root;
    private Path outside;
    private PromotionResult published;

    /** One bad call against a fresh repository: root and a directory outside it in, the exception out. */
    interface BadCall {
        void run(Path root, Path outside) throws IOException;
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(base.resolve("repos"));
        outside = Files.createDirectories(base.resolve("elsewhere"));
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-tool", "1.1", "1.el9", "noarch");
        Files.writeString(untested.resolve("broken-1.0-1.noarch.rpm"), "<html>404 Not Found</html>\n");
        RpmFixtures.write(outside, "evil", "1", "1", "noarch");
        Files.createSymbolicLink(untested.resolve("evil-1-1.noarch.rpm"), outside.resolve("evil-1-1.noarch.rpm"));
        Files.createDirectories(root.resolve("untested/el9"));
        Files.createSymbolicLink(root.resolve("untested/el9/aarch64"), outside);
        // A rebuilt package that reuses a published file name: production is a plain directory here, as builders may leave it.
        Path production = Files.createDirectories(root.resolve("production/el9/x86_64"));
        Files.copy(untested.resolve("egi-tool-1.1-1.el9.noarch.rpm"), production.resolve("egi-tool-1.0-1.el9.noarch.rpm"));
        published = engine().promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
    }

    private RepositoryEngine engine() {
        return engine(EngineOptions.defaults());
    }

    private RepositoryEngine engine(EngineOptions options) {
        return RepositoryEngine.create(StageLayout.of(root), options);
    }

    static Stream<Arguments> badCalls() {
        String createrepoHint = "Install createrepo_c: 'apt-get install createrepo-c' (Debian/Ubuntu) or 'dnf install createrepo_c' (EL/Fedora), "
                + "or set the createrepo_c command to its full path.";
        String available = "Available: broken-1.0-1.noarch.rpm, egi-tool-1.0-1.el9.noarch.rpm, egi-tool-1.1-1.el9.noarch.rpm, evil-1-1.noarch.rpm.";
        return Stream.of(
                bad("missing createrepo_c", RepositoryException.Kind.TOOL_FAILURE,
                        (root, outside) -> RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withCreaterepoCommand("no-such-createrepo_c"))
                                .promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*")),
                        root -> "createrepo_c was not found ('no-such-createrepo_c' is not an executable file on PATH). Fix: " + createrepoHint),
                bad("non-RPM file", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("broken-1.0-1.noarch.rpm")),
                        root -> "'broken-1.0-1.noarch.rpm' in " + root.resolve("untested/el9/x86_64") + " is not a valid RPM package: it has no RPM lead magic. "
                                + "Fix: Remove or rebuild the file, then run the promotion again."),
                // createrepo_c 0.17.3 skips a non-RPM with a warning and exits 0: verification finds it missing, and the
                // engine then reads the new headers to name the file
                bad("non-RPM file among good ones, createrepo_c skipping it", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64",
                                PackageSelection.parse("egi-tool-1.1*, broken-1.0-1.noarch.rpm")),
                        root -> "'broken-1.0-1.noarch.rpm' in " + root.resolve("untested/el9/x86_64") + " is not a valid RPM package: it has no RPM lead magic. "
                                + "Fix: Remove or rebuild the file, then run the promotion again."),
                // the headers are read when the build fails: the corrupt file must still be what the error names
                bad("non-RPM file among good ones, createrepo_c failing too", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> {
                            Path script = outside.resolve("createrepo_c-failing");
                            Files.writeString(script, "#!/bin/sh\necho 'cannot read broken-1.0-1.noarch.rpm'\nexit 2\n");
                            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                            RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withCreaterepoCommand(script.toString()))
                                    .promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("egi-tool-1.1*, broken-1.0-1.noarch.rpm"));
                        },
                        root -> "'broken-1.0-1.noarch.rpm' in " + root.resolve("untested/el9/x86_64") + " is not a valid RPM package: it has no RPM lead magic. "
                                + "Fix: Remove or rebuild the file, then run the promotion again."),
                bad("unknown package name", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*", "egi-tol")),
                        root -> "No package in untested/el9/x86_64 matches 'egi-tol'. " + available
                                + " Fix: Select by an existing file name, NEVRA, package name or glob."),
                bad("unknown package to withdraw", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1-1.el9.noarch")),
                        root -> "No package in testing/el9/x86_64 matches 'egi-tool-1.1-1.el9.noarch'. Available: egi-tool-1.0-1.el9.noarch.rpm."
                                + " Fix: Select by an existing file name, NEVRA, package name or glob."),
                bad("'..' in the OS", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "../../..", "x86_64", PackageSelection.of("egi-tool")),
                        root -> "The OS '../../..' escapes the repository root. Fix: Use letters, digits and . _ + - only (no '/', no '..', no leading dot), e.g. el9 or x86_64."),
                bad("absolute path as architecture", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).withdraw("testing", "el9", "/etc", PackageSelection.of("egi-tool")),
                        root -> "The architecture '/etc' escapes the repository root. Fix: Use letters, digits and . _ + - only (no '/', no '..', no leading dot), e.g. el9 or x86_64."),
                bad("path in the selection", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("../../../elsewhere/evil-1-1.noarch.rpm")),
                        root -> "The package pattern '../../../elsewhere/evil-1-1.noarch.rpm' escapes the stage directory. Fix: Give file names, NEVRAs or globs without '/', '\\' or a leading '.'."),
                bad("package linked out of the root", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("evil-1-1.noarch.rpm")),
                        root -> "'evil-1-1.noarch.rpm' escapes the repository root through a symbolic link (" + root.resolveSibling("elsewhere").resolve("evil-1-1.noarch.rpm")
                                + "). Fix: Keep packages inside " + root + " (copy them in instead of linking to them)."),
                bad("stage directory linked out of the root", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "aarch64", PackageSelection.of("evil")),
                        root -> "'untested/el9/aarch64' escapes the repository root through a symbolic link (" + root.resolveSibling("elsewhere")
                                + "). Fix: Keep packages inside " + root + " (copy them in instead of linking to them)."),
                bad("unknown stage", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "staging", "el9", "x86_64", PackageSelection.of("egi-tool")),
                        root -> "Unknown stage 'staging'. Fix: Use one of the configured stages: untested, testing, production."),
                bad("promotion into the same stage", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("testing", "testing", "el9", "x86_64", PackageSelection.of("egi-tool")),
                        root -> "Promotion from 'testing' to itself. Fix: Give two different stages, e.g. untested -> testing."),
                bad("empty selection", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.parse(" , ")),
                        root -> "The package selection is empty. Fix: Name at least one package: a file name, a NEVRA, a package name or a glob such as 'foo-*'."),
                bad("rollback to an unknown snapshot", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).rollback("testing", "el9", "x86_64", "20200101T000000.000Z"),
                        root -> "No retained snapshot '20200101T000000.000Z' in testing/el9/x86_64. Retained: " + servedId(root)
                                + ". Fix: Pick one of the retained snapshots (command 'snapshots')."),
                bad("served path not made by the engine", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> {
                            Files.createSymbolicLink(root.resolve("testing/el9/noarch"), Path.of("x86_64"));
                            try {
                                engineAt(root).withdraw("testing", "el9", "noarch", PackageSelection.of("egi-tool"));
                            } finally {
                                Files.delete(root.resolve("testing/el9/noarch"));
                            }
                        },
                        root -> "The served path of testing/el9/noarch (" + root.resolve("testing/el9/noarch") + ") is a symbolic link to "
                                + "x86_64, not to one of its snapshots, so it cannot be switched atomically. "
                                + "Fix: Take it over first with the command 'adopt' (its content becomes the first snapshot; clients keep finding a repository)."),
                bad("same name, other content", RepositoryException.Kind.BAD_INPUT,
                        (root, outside) -> engineAt(root).promote("production", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm")),
                        root -> "testing/el9/x86_64 already holds a different file named egi-tool-1.0-1.el9.noarch.rpm (same name, other content). "
                                + "Fix: Rebuild the package with a higher release, or withdraw the published one first."),
                bad("createrepo_c failing halfway", RepositoryException.Kind.TOOL_FAILURE,
                        (root, outside) -> {
                            Path script = outside.resolve("createrepo_c-crashing");
                            Files.writeString(script, "#!/bin/sh\nfor out; do :; done\ncreaterepo_c \"$@\" >/dev/null && rm -f \"$out\"/repodata/repomd.xml\necho 'segmentation fault (simulated)'\nexit 1\n");
                            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                            RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withCreaterepoCommand(script.toString()))
                                    .promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*"));
                        },
                        root -> "createrepo_c failed with exit code 1 (" + root.resolveSibling("elsewhere").resolve("createrepo_c-crashing") + " --update --no-database --update-md-path "
                                + root.resolve("testing/el9/.snapshots/x86_64").resolve(servedId(root)) + " --skip-stat --pkglist " + root.resolve("testing/el9/.snapshots/x86_64/.tmp-")
                                + "<id>/.pkglist " + root.resolve("testing/el9/.snapshots/x86_64/.tmp-") + "<id>"
                                + "). Its output:\nsegmentation fault (simulated) Fix: Correct the cause shown in the output (disk space, permissions, a broken package), "
                                + "then run again; the served repository is unchanged."),
                bad("createrepo_c leaving a package out of its metadata", RepositoryException.Kind.TOOL_FAILURE,
                        (root, outside) -> {
                            Path script = outside.resolve("createrepo_c-forgetful");
                            // drops the package from the list it is given (createrepo_c ignores --excludes for a --pkglist)
                            Files.writeString(script, "#!/bin/bash\nargs=()\nfor a in \"$@\"; do\n  if [[ $a == *.pkglist ]]; then grep -v 'egi-tool-1.1' \"$a\" > \"$a.forgetful\"; a=$a.forgetful; fi\n"
                                    + "  args+=(\"$a\")\ndone\nexec createrepo_c \"${args[@]}\"\n");
                            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                            RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withCreaterepoCommand(script.toString()))
                                    .promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*"));
                        },
                        root -> "The new snapshot failed verification: the metadata lists 1 package(s), expected 2; missing [egi-tool-1.1-1.el9.noarch.rpm], "
                                + "unexpected []. Fix: Check the createrepo_c version and its output above; the served repository is unchanged."),
                bad("a live writer holds the lock", RepositoryException.Kind.BUSY,
                        (root, outside) -> {
                            Path lock = root.resolve("testing/el9/.snapshots/x86_64/.lock");
                            ProcessHandle me = ProcessHandle.current();
                            Files.writeString(lock, "host=" + RepositoryLock.hostName() + "\npid=" + me.pid() + "\nprocessStart="
                                    + me.info().startInstant().orElseThrow() + "\nacquired=2026-11-25T03:00:00Z\n");
                            try {
                                engineAt(root).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*"));
                            } finally {
                                Files.delete(lock);
                            }
                        },
                        root -> "The repository is locked by another writer: pid " + ProcessHandle.current().pid() + " on " + RepositoryLock.hostName()
                                + " since 2026-11-25T03:00:00Z (lock file " + root.resolve("testing/el9/.snapshots/x86_64/.lock") + "). "
                                + "Fix: Wait for that promotion to finish and run again. If that process is surely gone, delete the lock file."));
    }

    private static Arguments bad(String name, RepositoryException.Kind kind, BadCall call, Function<Path, String> expectedMessage) {
        return Arguments.of(name, kind, call, expectedMessage);
    }

    private static RepositoryEngine engineAt(Path root) {
        return RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults());
    }

    private static String servedId(Path root) {
        try {
            return Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void clearErrorAndNothingChanged(String name, RepositoryException.Kind kind, BadCall call, Function<Path, String> expectedMessage) throws IOException {
        String before = TreeDigest.of(root);

        RepositoryException error = catchThrowableOfType(RepositoryException.class, () -> call.run(root, outside));

        assertThat(error).as(name).isNotNull();
        String expected = expectedMessage.apply(root);
        if (expected.contains("<id>")) {
            assertThat(error.getMessage()).matches(java.util.regex.Pattern.quote(expected).replace("<id>", "\\E[0-9TZ.-]+\\Q"));
        } else {
            assertThat(error.getMessage()).isEqualTo(expected);
        }
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(TreeDigest.of(root)).as("repository tree after: " + name).isEqualTo(before);
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("c" + System.nanoTime())))
                .containsExactly("egi-tool-1.0-1.el9.noarch");
        assertThat(published.snapshotId()).isEqualTo(servedId(root));
    }
}
