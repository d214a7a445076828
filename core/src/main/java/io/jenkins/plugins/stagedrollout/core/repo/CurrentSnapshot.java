package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a promotion needs of the snapshot it builds on: which of the selected file names it holds already (and
 * where), what the new snapshot keeps, and which of its packages still have to be linked into the pool (those
 * of a snapshot made before the pool existed). A snapshot with a package list is read as a stream, keeping only
 * the selected names and a 64-bit hash per package (to refuse a list that names a file twice), so promoting into
 * 11,000 packages holds no String per package.
 *
 * @param kept     the pool locations the new snapshot keeps
 * @param relinked file name -> file of a package kept from a snapshot without a list, to link into the pool
 * @param present  selected file name -> the file the snapshot already holds under that name
 */
record CurrentSnapshot(KeptLocations kept, Map<String, Path> relinked, Map<String, Path> present) {

    static CurrentSnapshot of(SnapshotStore store, Optional<String> currentId, String label, Set<String> selected) {
        Path snapshot = currentId.map(store::snapshot).orElseGet(() -> store.directory().resolve(".none"));
        if (PackageList.isIn(snapshot)) {
            return listed(snapshot, label, selected);
        }
        // no snapshot yet, or one made before the pool: its packages are files in the snapshot directory
        return fromCatalog(PackageCatalog.of(snapshot, label), Set.of(), selected);
    }

    /** The packages of {@code catalog} but those named in {@code gone}: what a withdrawal keeps. */
    static CurrentSnapshot without(PackageCatalog catalog, Set<String> gone) {
        return fromCatalog(catalog, gone, Set.of());
    }

    private static CurrentSnapshot fromCatalog(PackageCatalog catalog, Set<String> gone, Set<String> selected) {
        List<String> kept = new ArrayList<>();
        Map<String, Path> relinked = new LinkedHashMap<>();
        Map<String, Path> present = new HashMap<>();
        for (String name : catalog.fileNames()) {
            if (gone.contains(name)) {
                continue;
            }
            String href = catalog.href(name);
            if (PackageList.isPooled(href)) {
                kept.add(href);
            } else {
                relinked.put(name, catalog.path(name));
            }
            if (selected.contains(name)) {
                present.put(name, catalog.path(name));
            }
        }
        return new CurrentSnapshot(KeptLocations.of(kept), relinked, present);
    }

    private static CurrentSnapshot listed(Path snapshot, String label, Set<String> selected) {
        Map<String, Path> present = new HashMap<>();
        PoolEntrySet names = new PoolEntrySet();
        try {
            PackageList.forEach(snapshot, href -> {
                String name = PackageList.fileName(href);
                names.add(name);
                if (selected.contains(name)) {
                    present.put(name, snapshot.resolve(href));
                }
            });
        } catch (IOException e) {
            throw PackageCatalog.unreadableList(snapshot, e);
        }
        if (names.seal() > 0) {
            // Two names with one hash: the catalog reads the list again and refuses a name listed twice (a mere
            // collision passes).
            PackageCatalog.of(snapshot, label).fileNames();
        }
        return new CurrentSnapshot(KeptLocations.allOf(snapshot), Map.of(), present);
    }
}
