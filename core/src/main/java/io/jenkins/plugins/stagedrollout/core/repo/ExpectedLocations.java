package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Checks, as the primary metadata streams by ({@link PrimaryScanner}), that it lists exactly the locations of a
 * snapshot's package list, each once, and keeps the NEVRAs of the packages asked for. It holds the locations not
 * seen yet, no String of its own per package: the metadata of 11,000 packages is checked in the memory of their list.
 */
final class ExpectedLocations implements BiConsumer<String, String> {

    private final int expected;
    private final Set<String> notSeen;
    private final Set<String> nevrasOf;
    private final Map<String, String> nevras = new HashMap<>();
    private final TreeSet<String> unexpected = new TreeSet<>();
    private long listed;

    /**
     * @param hrefs    the locations the metadata must list (distinct)
     * @param nevrasOf file names whose NEVRAs to keep
     */
    ExpectedLocations(Collection<String> hrefs, Set<String> nevrasOf) {
        this.expected = hrefs.size();
        this.notSeen = new HashSet<>(hrefs);
        this.nevrasOf = Set.copyOf(nevrasOf);
    }

    @Override
    public void accept(String href, String nevra) {
        listed++;
        if (!notSeen.remove(href)) {
            unexpected.add(href); // not in the list, or listed a second time
        } else if (nevrasOf.contains(PackageList.fileName(href))) {
            nevras.put(PackageList.fileName(href), nevra);
        }
    }

    /** What differs, by file name; empty when the metadata listed exactly the expected locations. */
    Optional<String> mismatch() {
        if (notSeen.isEmpty() && unexpected.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the metadata lists " + listed + " package(s), expected " + expected + "; missing " + fileNames(new TreeSet<>(notSeen))
                + ", unexpected " + fileNames(unexpected));
    }

    /** file name -> NEVRA of the packages asked for that the metadata listed. */
    Map<String, String> nevras() {
        return Map.copyOf(nevras);
    }

    private static List<String> fileNames(TreeSet<String> hrefs) {
        return hrefs.stream().map(PackageList::fileName).toList();
    }
}
