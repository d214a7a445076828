package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a package file into a snapshot: a hard link (O(1), no byte copied, same inode) when source and
 * snapshot share a filesystem, otherwise a copy that keeps the modification time (createrepo_c
 * {@code --update} reuses metadata by file name, size and mtime). Sources must not be symbolic links
 * (link(2) would link the link itself): callers pass real paths for those.
 */
final class PackageLinker {

    private int copies;

    void place(Path source, Path destination) throws IOException {
        try {
            Files.createLink(destination, source);
        } catch (FileSystemException e) {
            if (e.getReason() == null || !e.getReason().toLowerCase().contains("cross-device")) {
                throw e;
            }
            Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
            copies++;
        } catch (UnsupportedOperationException noHardLinks) {
            Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
            copies++;
        }
    }

    int copies() {
        return copies;
    }
}
