package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Names what differs between a snapshot's package list and the primary metadata streamed by ({@link PrimaryScanner}):
 * missing locations, and locations not in the list or listed twice. Run only when their {@link LocationDigest}s
 * differ, to say which packages, so it may hold the list.
 */
final class ExpectedLocations implements BiConsumer<String, String> {

    private final int expected;
    private final Set<String> notSeen;
    private final TreeSet<String> unexpected = new TreeSet<>();
    private long listed;

    /** @param hrefs the locations the metadata must list */
    ExpectedLocations(Collection<String> hrefs) {
        this.expected = hrefs.size();
        this.notSeen = new HashSet<>(hrefs);
    }

    @Override
    public void accept(String href, String nevra) {
        listed++;
        if (!notSeen.remove(href)) {
            unexpected.add(href); // not in the list, or listed a second time
        }
    }

    /** What differs, by file name; empty when the metadata listed exactly the expected locations, each once. */
    Optional<String> mismatch() {
        if (listed == expected && notSeen.isEmpty() && unexpected.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the metadata lists " + listed + " package(s), expected " + expected + "; missing " + fileNames(new TreeSet<>(notSeen))
                + ", unexpected " + fileNames(unexpected));
    }

    private static List<String> fileNames(TreeSet<String> hrefs) {
        return hrefs.stream().map(PackageList::fileName).toList();
    }
}
