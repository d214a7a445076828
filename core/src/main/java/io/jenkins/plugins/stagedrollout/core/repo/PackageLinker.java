package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts package files into a snapshot: a hard link (O(1), no byte copied, same inode) when source and
 * snapshot share a filesystem, otherwise a copy that keeps the modification time (createrepo_c
 * {@code --update} reuses metadata by file name, size and mtime). Sources must not be symbolic links
 * (link(2) would link the link itself): callers pass real paths for those.
 */
final class PackageLinker {

    private static final Executor LINKERS = DaemonThreads.named("snapshot-linker");

    private final AtomicInteger copies = new AtomicInteger();

    /**
     * Places every file, one slice per core (measured: 11,000 links 125-150 ms in one thread, about 80 ms
     * in two). Returns or throws only when every slice has stopped, so that the caller's clean-up of a
     * failed snapshot never races with a link still being made.
     *
     * @param files file name in {@code directory} -> where to link it from
     */
    void placeAll(Map<String, Path> files, Path directory) throws IOException {
        List<Map.Entry<String, Path>> entries = new ArrayList<>(files.entrySet());
        int slices = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), entries.size() / 256));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            List<Map.Entry<String, Path>> part = entries.subList(slice * entries.size() / slices, (slice + 1) * entries.size() / slices);
            running.add(CompletableFuture.runAsync(() -> {
                for (Map.Entry<String, Path> file : part) {
                    try {
                        place(file.getValue(), directory.resolve(file.getKey()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, LINKERS));
        }
        IOException failure = null;
        for (CompletableFuture<Void> slice : running) {
            try {
                slice.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void place(Path source, Path destination) throws IOException {
        try {
            Files.createLink(destination, source);
        } catch (FileSystemException e) {
            if (e.getReason() == null || !e.getReason().toLowerCase().contains("cross-device")) {
                throw e;
            }
            Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
            copies.incrementAndGet();
        } catch (UnsupportedOperationException noHardLinks) {
            Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
            copies.incrementAndGet();
        }
    }

    int copies() {
        return copies.get();
    }
}
