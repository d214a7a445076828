package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who provides what among the packages a client can install: provides by name, files by path. Packages of other
 * architectures are kept apart, only to say why a requirement they would meet stays unmet.
 */
final class ProviderIndex {

    /** A provide of one package. */
    record Provider(RpmPackageDependencies pkg, Capability capability) {
    }

    private final Map<String, List<Provider>> provides = new HashMap<>();
    private final Map<String, List<RpmPackageDependencies>> files = new HashMap<>();
    private final Map<String, List<Provider>> otherArchProvides = new HashMap<>();
    private final Map<String, List<RpmPackageDependencies>> otherArchFiles = new HashMap<>();
    private final Predicate<String> installable;

    ProviderIndex(Predicate<String> installable) {
        this.installable = installable;
    }

    void addAll(Collection<RpmPackageDependencies> packages) {
        for (RpmPackageDependencies pkg : packages) {
            if (pkg.isSource()) {
                continue;
            }
            boolean ok = installable.test(pkg.arch());
            Map<String, List<Provider>> byName = ok ? provides : otherArchProvides;
            for (Capability capability : pkg.provides()) {
                byName.computeIfAbsent(capability.name(), k -> new ArrayList<>(1)).add(new Provider(pkg, capability));
            }
            for (String file : pkg.files()) {
                addFile(file, pkg, ok);
            }
        }
    }

    /** A file owner found in filelists.xml. */
    void addFile(String path, RpmPackageDependencies owner, boolean installableOwner) {
        (installableOwner ? files : otherArchFiles).computeIfAbsent(path, k -> new ArrayList<>(1)).add(owner);
    }

    boolean installable(String arch) {
        return installable.test(arch);
    }

    List<Provider> providers(String name) {
        return provides.getOrDefault(name, List.of());
    }

    List<Provider> otherArchProviders(String name) {
        return otherArchProvides.getOrDefault(name, List.of());
    }

    List<RpmPackageDependencies> fileOwners(String path) {
        return files.getOrDefault(path, List.of());
    }

    List<RpmPackageDependencies> otherArchFileOwners(String path) {
        return otherArchFiles.getOrDefault(path, List.of());
    }

    /** Whether a path is known as a file or as a provide (rpm lets a package provide a path). */
    boolean knowsPath(String path) {
        return files.containsKey(path) || provides.containsKey(path);
    }

    static Set<String> names(List<Provider> providers) {
        Set<String> names = new java.util.LinkedHashSet<>();
        providers.forEach(p -> names.add(p.pkg().nevra()));
        return names;
    }
}
