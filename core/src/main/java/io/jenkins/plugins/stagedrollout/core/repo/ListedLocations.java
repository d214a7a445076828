package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the verification takes from the primary metadata as it streams by ({@link PrimaryScanner}): the digest of
 * its locations, to compare with the package list's, and the NEVRAs of the packages asked for. Nothing else is
 * held per package.
 */
final class ListedLocations implements BiConsumer<String, String> {

    private final Set<String> nevrasOf;
    private final LocationDigest digest = new LocationDigest();
    private final Map<String, String> nevras = new HashMap<>();

    /** @param nevrasOf file names whose NEVRAs to keep */
    ListedLocations(Set<String> nevrasOf) {
        this.nevrasOf = Set.copyOf(nevrasOf);
    }

    @Override
    public void accept(String href, String nevra) {
        digest.add(href);
        if (!nevrasOf.isEmpty()) {
            String fileName = PackageList.fileName(href);
            if (nevrasOf.contains(fileName)) {
                nevras.put(fileName, nevra);
            }
        }
    }

    LocationDigest digest() {
        return digest;
    }

    /** file name -> NEVRA of the packages asked for that the metadata listed. */
    Map<String, String> nevras() {
        return Map.copyOf(nevras);
    }
}
