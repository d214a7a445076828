package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @TempDir
    Path base;

    @Test
    void deleteTreeRemovesASnapshotAndFollowsNoLink() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Path kept = Files.writeString(outside.resolve("kept.rpm"), "not to be deleted");
        Path snapshot = base.resolve("snapshot");
        Files.createDirectories(snapshot.resolve("repodata/deeper"));
        Files.writeString(snapshot.resolve("repodata/repomd.xml"), "<repomd/>");
        Files.writeString(snapshot.resolve("repodata/deeper/x.xml.gz"), "x");
        for (int i = 0; i < 300; i++) {
            Files.createLink(base.resolve("snapshot/p" + i + ".rpm"), kept);
        }
        Files.createSymbolicLink(base.resolve("snapshot/link-to-file.rpm"), kept);
        Files.createSymbolicLink(base.resolve("snapshot/link-to-directory"), outside);

        SnapshotStore.deleteTree(snapshot);

        assertThat(snapshot).doesNotExist();
        assertThat(kept).hasContent("not to be deleted");
        assertThat(Files.getAttribute(kept, "unix:nlink")).isEqualTo(1);
        assertThat(outside).isDirectoryContaining("glob:**/kept.rpm");
    }

    @Test
    void deleteTreeOfALinkRemovesOnlyTheLink() throws IOException {
        Path target = Files.createDirectories(base.resolve("target"));
        Files.writeString(target.resolve("a.rpm"), "a");
        Path link = Files.createSymbolicLink(base.resolve("link"), target);

        SnapshotStore.deleteTree(link);

        assertThat(link).doesNotExist();
        assertThat(target.resolve("a.rpm")).hasContent("a");
        SnapshotStore.deleteTree(base.resolve("missing"));
        assertThat(base.resolve("missing")).doesNotExist();
    }
}
