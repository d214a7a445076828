package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real small filesystems (tmpfs, mounted as root, as on the CI machines): a full disk, and a source stage on
 * another filesystem than the target (copy instead of hard link).
 */
class TmpfsTest {

    @TempDir
    Path base;
    @TempDir
    Path dnfCache;

    private final List<Path> mounted = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private Path tmpfs(Path where, String size) throws IOException {
        Files.createDirectories(where);
        Tools.Result mount = Tools.run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", where.toString());
        assumeTrue(mount.exit() == 0, "mounting a tmpfs needs root: " + mount.out());
        mounted.add(where);
        return where;
    }

    @AfterEach
    void unmount() {
        mounted.forEach(path -> Tools.run("umount", path.toString()));
    }

    @Test
    void fullDiskLeavesTheServedRepositoryAsItWasAndTheNextPromotionWorksOnceThereIsSpace() throws IOException {
        Path root = tmpfs(base.resolve("repos"), "2m");
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-tool", "1.1", "1.el9", "noarch");
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withOutputSink(log::add));
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*"));
        Path filler = root.resolve("filler");
        fillLeaving(filler, 8 * 1024);
        String before = TreeDigest.of(root);

        RepositoryException error = catchThrowableOfType(RepositoryException.class,
                () -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*")));

        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.TOOL_FAILURE);
        assertThat(error.getMessage()).matches("(?s)createrepo_c failed with exit code 1 .*\nOnly \\d+ KiB are free on the filesystem of "
                + java.util.regex.Pattern.quote(root.resolve("testing/el9/.snapshots/x86_64").toString()) + ": the disk is probably full\\. "
                + "Fix: Free space on that filesystem \\(or keep fewer snapshots\\) and run again; the served repository is unchanged\\.");
        assertThat(TreeDigest.of(root)).isEqualTo(before);
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("a"))).containsExactly("egi-tool-1.0-1.el9.noarch");

        Files.delete(filler);
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*"));
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("b")))
                .containsExactly("egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");
    }

    @Test
    void sourceOnAnotherFilesystemIsCopiedWithItsModificationTime() throws IOException {
        Path root = Files.createDirectories(base.resolve("repos"));
        Path untested = tmpfs(root.resolve("untested"), "4m").resolve("el9/x86_64");
        Path rpm = RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withOutputSink(log::add));

        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));

        Path published = Tools.servedFile(root.resolve("testing/el9/x86_64"), "egi-tool-1.0-1.el9.noarch.rpm");
        assertThat(Files.getAttribute(published, "unix:nlink")).isEqualTo(1);
        // createrepo_c --update compares whole seconds; Java copies the time to the microsecond
        assertThat(Files.getLastModifiedTime(published).toInstant().getEpochSecond()).isEqualTo(Files.getLastModifiedTime(rpm).toInstant().getEpochSecond());
        assertThat(Files.mismatch(published, rpm)).isEqualTo(-1L);
        assertThat(log).anyMatch(line -> line.endsWith("1 package(s), 1 new: 0 hard-linked, 1 copied (other filesystem)"));
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache)).containsExactly("egi-tool-1.0-1.el9.noarch");
    }

    private static void fillLeaving(Path filler, long keepFree) throws IOException {
        long usable = Files.getFileStore(filler.getParent()).getUsableSpace();
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written + block.length <= usable - keepFree; written += block.length) {
                out.write(block);
            }
        }
    }
}
