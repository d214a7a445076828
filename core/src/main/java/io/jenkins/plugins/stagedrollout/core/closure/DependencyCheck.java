package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks that every requirement of every package of a repository is met by the repository itself or by the base
 * repositories (BaseOS, AppStream, EPEL, ...) its clients also enable, as {@code dnf repoclosure} checks it: versioned
 * requirements with epochs, file requirements (from primary.xml, then filelists.xml for what is not there), virtual
 * provides, rich dependencies (see {@link RequirementCheck} for where it is stricter than repoclosure) and the
 * architectures a client installs (noarch and the repository's own; 32-bit x86 on x86_64 only with multilib).
 *
 * <p>A stage is checked snapshot after snapshot, and a promotion only adds packages. So the check keeps, per
 * repository label, what it found: when the new snapshot holds every package of the last one (the same files, by
 * package id) and the base repositories are unchanged, only the new packages and the requirements that were unmet
 * are evaluated. That gives the verdict of a full check, because every rule is monotone: more providers never
 * leave a met requirement unmet. Otherwise (a withdrawal, another base repository) everything is checked again.
 */
public final class DependencyCheck {

    private static final int KEPT = 8;
    /** Layers of a repository's own packages kept in a chain, one per change, before they are merged into one. */
    private static final int CHAIN = 8;

    /** What the last check of a repository label found. */
    private record Last(String policy, Set<RpmPackageDependencies> packages, List<ProviderIndex.Layer> ownLayers,
                        List<ProviderIndex.Layer> baseLayers, Map<RpmPackageDependencies, List<Requirement>> unmet) {
    }

    private static final KeptValues<Last> LAST = new KeptValues<>(KEPT);

    private DependencyCheck() {
    }

    /**
     * @param repository the repository to check (a directory with repodata/, e.g. a snapshot before it is published)
     * @param label      how the report names it, e.g. {@code testing/el9/x86_64}; checks of one label build on each other
     * @param arch       the repository's architecture directory (x86_64, aarch64, ...)
     * @param bases      the base repositories its clients enable
     * @param multilib   whether 32-bit packages count on a 64-bit repository
     * @throws IOException naming the repository whose metadata cannot be read
     */
    public static ClosureReport check(Path repository, String label, String arch, List<MetadataSource> bases, boolean multilib)
            throws IOException {
        long start = System.nanoTime();
        String policy = arch + (multilib ? "+multilib" : "");
        Predicate<String> installable = Architectures.installableOn(arch, multilib);
        RepositoryMetadata own = RepositoryMetadata.of(MetadataSource.directory(repository, label));
        List<RpmPackageDependencies> packages = own.packagesSince(label);
        List<RepositoryMetadata> baseMetadata = new ArrayList<>();
        List<ProviderIndex.Layer> baseLayers = new ArrayList<>();
        for (MetadataSource base : bases) {
            RepositoryMetadata metadata = RepositoryMetadata.of(base);
            baseMetadata.add(metadata);
            baseLayers.add(metadata.layer(policy, installable));
        }
        List<RpmPackageDependencies> checked = packages.stream().filter(p -> !p.isSource() && installable.test(p.arch())).toList();

        Last last = LAST.get(label);
        Set<RpmPackageDependencies> now = Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(packages);
        List<ProviderIndex.Layer> ownLayers = new ArrayList<>();
        List<RpmPackageDependencies> toEvaluate;
        if (last != null && last.policy().equals(policy) && sameObjects(last.baseLayers(), baseLayers) && now.containsAll(last.packages())) {
            List<RpmPackageDependencies> added = checkedOrNot(packages, last.packages());
            ownLayers.addAll(last.ownLayers());
            if (!added.isEmpty()) {
                ownLayers.add(ProviderIndex.Layer.of(added, installable));
            }
            toEvaluate = new ArrayList<>();
            for (RpmPackageDependencies pkg : checked) {
                if (!last.packages().contains(pkg) || last.unmet().containsKey(pkg)) {
                    toEvaluate.add(pkg);
                }
            }
        } else {
            ownLayers.add(ProviderIndex.Layer.of(packages, installable));
            toEvaluate = checked;
        }
        if (ownLayers.size() > CHAIN) {
            ownLayers = new ArrayList<>(List.of(ProviderIndex.Layer.of(packages, installable)));
        }
        List<ProviderIndex.Layer> layers = new ArrayList<>(ownLayers);
        layers.addAll(baseLayers);
        ProviderIndex index = new ProviderIndex(layers);

        Set<String> missingPaths = new HashSet<>();
        for (RpmPackageDependencies pkg : toEvaluate) {
            pkg.requires().forEach(r -> collectUnknownPaths(r, index, missingPaths));
        }
        // The base repositories first: their owners are kept by checksum, so the snapshot's own file lists (read
        // anew for every snapshot) are read only for the paths no installable base package owns.
        for (RepositoryMetadata metadata : baseMetadata) {
            addOwners(index, metadata.owners(missingPaths, metadata.label(), true), installable, missingPaths);
        }
        addOwners(index, own.owners(missingPaths, own.label(), false), installable, missingPaths);

        RequirementCheck requirements = new RequirementCheck(index);
        List<Unresolved> unresolved = new ArrayList<>();
        Map<RpmPackageDependencies, List<Requirement>> unmet = new IdentityHashMap<>();
        for (RpmPackageDependencies pkg : toEvaluate) {
            Set<Requirement> seen = new HashSet<>();
            for (Requirement requirement : pkg.requires()) {
                if (seen.add(requirement)) {
                    Optional<String> why = requirements.unmet(requirement);
                    if (why.isPresent()) {
                        unresolved.add(new Unresolved(pkg.nevra(), requirement.text(), why.get()));
                        unmet.computeIfAbsent(pkg, k -> new ArrayList<>()).add(requirement);
                    }
                }
            }
        }
        LAST.put(label, new Last(policy, now, List.copyOf(ownLayers), List.copyOf(baseLayers), unmet));
        unresolved.sort(Comparator.comparing(Unresolved::packageNevra).thenComparing(Unresolved::requirement));
        return new ClosureReport(label, checked.size(), packages.size() - checked.size(), bases.stream().map(MetadataSource::label).toList(),
                unresolved, (System.nanoTime() - start) / 1_000_000);
    }

    /** Forgets what earlier checks found, so that the next check of every repository is a full one. */
    static void forgetEarlierChecks() {
        LAST.clear();
    }

    private static boolean sameObjects(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The packages of {@code packages} that {@code before} does not hold (source packages included: they provide nothing). */
    private static List<RpmPackageDependencies> checkedOrNot(List<RpmPackageDependencies> packages, Set<RpmPackageDependencies> before) {
        return packages.stream().filter(p -> !before.contains(p)).toList();
    }

    /** Adds the owners found; a path an installable package owns needs no further file list. */
    private static void addOwners(ProviderIndex index, List<RepositoryMetadata.FileOwner> owners, Predicate<String> installable,
            Set<String> stillMissing) {
        for (RepositoryMetadata.FileOwner owner : owners) {
            boolean ok = installable.test(owner.pkg().arch());
            index.addFile(owner.path(), owner.pkg(), ok);
            if (ok) {
                stillMissing.remove(owner.path());
            }
        }
    }

    private static void collectUnknownPaths(Requirement requirement, ProviderIndex index, Set<String> paths) {
        if (requirement instanceof Requirement.Simple simple) {
            String name = simple.capability().name();
            if (name.startsWith("/") && !index.knowsPath(name)) {
                paths.add(name);
            }
        } else if (requirement instanceof Requirement.Rich rich) {
            collectUnknownPaths(rich.left(), index, paths);
            collectUnknownPaths(rich.right(), index, paths);
            if (rich.otherwise() != null) {
                collectUnknownPaths(rich.otherwise(), index, paths);
            }
        }
    }
}
