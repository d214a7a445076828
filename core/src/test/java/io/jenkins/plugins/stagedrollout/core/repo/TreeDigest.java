package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A digest of a whole tree: every path, symbolic link target and file content, without following links; but for the
 * repositories' change logs ({@code .changes}), which only grow: an undo is a change too, and who made it is kept;
 * and for the root's settings ({@link RootSettings#FILE}), which say what Jenkins runs with, not what a stage serves.
 */
public final class TreeDigest {

    private TreeDigest() {
    }

    public static String of(Path root) throws IOException {
        return of(root, path -> true);
    }

    /**
     * The digest of what is retained: without what a prune left to delete (a {@code .trash-<id>} snapshot and the
     * pool files no retained snapshot lists), which any next change deletes.
     */
    public static String ofRetained(Path root) throws IOException {
        Set<Path> listed = new HashSet<>();
        List<Path> lists;
        try (Stream<Path> walk = Files.walk(root)) {
            lists = walk.filter(path -> path.getFileName().toString().equals(".pkglist") && !path.toString().contains("/.trash-")).toList();
        }
        for (Path list : lists) {
            for (String href : Files.readAllLines(list)) {
                listed.add(list.getParent().getParent().resolve(".pool").resolve(href.substring("packages/".length())));
            }
        }
        return of(root, path -> !path.toString().contains("/.trash-")
                && (!path.getParent().getParent().getFileName().toString().equals(".pool") || listed.contains(path)));
    }

    private static String of(Path root, Predicate<Path> included) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(path -> path.equals(root) || path.getParent().equals(root) || included.test(path))
                        .filter(path -> !path.getFileName().toString().equals(ChangeLog.FILE)
                                && !path.getFileName().toString().equals(RootSettings.FILE))
                        .sorted().toList();
            }
            for (Path path : paths) {
                digest.update(root.relativize(path).toString().getBytes());
                if (Files.isSymbolicLink(path)) {
                    digest.update(("->" + Files.readSymbolicLink(path)).getBytes());
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    digest.update(Files.readAllBytes(path));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
