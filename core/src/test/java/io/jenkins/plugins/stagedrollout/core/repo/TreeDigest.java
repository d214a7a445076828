package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A digest of a whole tree: every path, symbolic link target and file content, without following links. */
public final class TreeDigest {

    private TreeDigest() {
    }

    public static String of(Path root) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted().toList();
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
