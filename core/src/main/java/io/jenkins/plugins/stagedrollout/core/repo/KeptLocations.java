package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The pool locations a new snapshot keeps from the one before it: streamed from that snapshot's list, or given. */
@FunctionalInterface
interface KeptLocations {

    void forEach(PackageList.Line href) throws IOException;

    /** Every location the package list of {@code snapshot} names, read as the new list is written. */
    static KeptLocations allOf(Path snapshot) {
        return href -> PackageList.forEach(snapshot, href);
    }

    static KeptLocations of(List<String> hrefs) {
        List<String> copy = List.copyOf(hrefs);
        return line -> {
            for (String href : copy) {
                line.accept(href);
            }
        };
    }
}
