package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks that every requirement of every package of a repository is met by the repository itself or by the base
 * repositories (BaseOS, AppStream, EPEL, ...) its clients also enable, as {@code dnf repoclosure} checks it: versioned
 * requirements with epochs, file requirements (from primary.xml, then filelists.xml for what is not there), virtual
 * provides, rich dependencies (see {@link RequirementCheck} for where it is stricter than repoclosure) and the
 * architectures a client installs (noarch and the repository's own; 32-bit x86 on x86_64 only with multilib).
 */
public final class DependencyCheck {

    private DependencyCheck() {
    }

    /**
     * @param repository the repository to check (a directory with repodata/, e.g. a snapshot before it is published)
     * @param label      how the report names it, e.g. {@code testing/el9/x86_64}
     * @param arch       the repository's architecture directory (x86_64, aarch64, ...)
     * @param bases      the base repositories its clients enable
     * @param multilib   whether 32-bit packages count on a 64-bit repository
     * @throws IOException naming the repository whose metadata cannot be read
     */
    public static ClosureReport check(Path repository, String label, String arch, List<MetadataSource> bases, boolean multilib)
            throws IOException {
        long start = System.nanoTime();
        Predicate<String> installable = Architectures.installableOn(arch, multilib);
        RepositoryMetadata own = RepositoryMetadata.of(MetadataSource.directory(repository, label));
        List<RpmPackageDependencies> packages = own.packagesSince(label);
        List<RepositoryMetadata> all = new ArrayList<>(List.of(own));
        ProviderIndex index = new ProviderIndex(packages, installable);
        for (MetadataSource base : bases) {
            RepositoryMetadata metadata = RepositoryMetadata.of(base);
            all.add(metadata);
            index.addLayer(metadata.layer(arch + (multilib ? "+multilib" : ""), installable));
        }
        List<RpmPackageDependencies> checked = packages.stream().filter(p -> !p.isSource() && installable.test(p.arch())).toList();
        Set<String> missingPaths = new HashSet<>();
        for (RpmPackageDependencies pkg : checked) {
            pkg.requires().forEach(r -> collectUnknownPaths(r, index, missingPaths));
        }
        // The base repositories first: their owners are kept by checksum, so the snapshot's own file lists (read
        // anew for every snapshot) are read only for the paths no installable base package owns.
        for (RepositoryMetadata metadata : all.subList(1, all.size())) {
            addOwners(index, metadata.owners(missingPaths, metadata.label(), true), installable, missingPaths);
        }
        addOwners(index, own.owners(missingPaths, own.label(), false), installable, missingPaths);
        RequirementCheck requirements = new RequirementCheck(index);
        List<Unresolved> unresolved = new ArrayList<>();
        for (RpmPackageDependencies pkg : checked) {
            Set<Requirement> seen = new HashSet<>();
            for (Requirement requirement : pkg.requires()) {
                if (seen.add(requirement)) {
                    Optional<String> why = requirements.unmet(requirement);
                    why.ifPresent(w -> unresolved.add(new Unresolved(pkg.nevra(), requirement.text(), w)));
                }
            }
        }
        unresolved.sort(Comparator.comparing(Unresolved::packageNevra).thenComparing(Unresolved::requirement));
        return new ClosureReport(label, checked.size(), packages.size() - checked.size(), bases.stream().map(MetadataSource::label).toList(),
                unresolved, (System.nanoTime() - start) / 1_000_000);
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
