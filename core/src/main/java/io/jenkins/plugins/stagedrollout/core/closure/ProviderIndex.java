package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who provides what among the packages a client can install: provides by name, files by path, in layers that are
 * built once and kept (one per base repository and metadata checksum; the checked repository's packages as they
 * came, see {@link DependencyCheck}), plus the file owners one check found in file lists. Packages of other architectures are kept apart, only to say why a
 * requirement they would meet stays unmet.
 */
final class ProviderIndex {

    /** A provide of one package. */
    record Provider(RpmPackageDependencies pkg, Capability capability) {
    }

    /** The provides and files of one repository's packages, split by whether a client installs them. */
    static final class Layer {
        private final Map<String, List<Provider>> provides;
        private final Map<String, List<RpmPackageDependencies>> files = new HashMap<>();
        private final Map<String, List<Provider>> otherArchProvides = new HashMap<>();
        private final Map<String, List<RpmPackageDependencies>> otherArchFiles = new HashMap<>();

        private Layer(int expectedNames) {
            provides = new HashMap<>(Math.max(16, expectedNames * 4 / 3));
        }

        static Layer of(Collection<RpmPackageDependencies> packages, Predicate<String> installable) {
            Layer layer = new Layer(packages.size() * 4);
            layer.addAll(packages, installable);
            return layer;
        }

        private void addAll(Collection<RpmPackageDependencies> packages, Predicate<String> installable) {
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

        private void addFile(String path, RpmPackageDependencies owner, boolean installableOwner) {
            (installableOwner ? files : otherArchFiles).computeIfAbsent(path, k -> new ArrayList<>(1)).add(owner);
        }
    }

    /** The file owners this check found in file lists: its own, so that kept layers are never changed. */
    private final Layer found = new Layer(0);
    private final List<Layer> layers = new ArrayList<>();

    /** @param layers the packages' layers (kept ones are shared and only read) */
    ProviderIndex(List<Layer> layers) {
        this.layers.add(found);
        this.layers.addAll(layers);
    }

    /** An index of one list of packages, for tests. */
    static ProviderIndex of(Collection<RpmPackageDependencies> packages, Predicate<String> installable) {
        return new ProviderIndex(List.of(Layer.of(packages, installable)));
    }

    /** A file owner found in filelists.xml. */
    void addFile(String path, RpmPackageDependencies owner, boolean installableOwner) {
        found.addFile(path, owner, installableOwner);
    }

    /** Whether an installable package meets the capability (the common case: no list is made). */
    boolean meets(Capability wanted) {
        for (Layer layer : layers) {
            for (Provider provider : layer.provides.getOrDefault(wanted.name(), List.of())) {
                if (provider.capability().satisfies(wanted)) {
                    return true;
                }
            }
        }
        if (wanted.name().startsWith("/") && wanted.comparison() == null) {
            for (Layer layer : layers) {
                if (layer.files.containsKey(wanted.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    List<Provider> providers(String name) {
        List<Provider> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.provides.getOrDefault(name, List.of())));
        return all;
    }

    List<Provider> otherArchProviders(String name) {
        List<Provider> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.otherArchProvides.getOrDefault(name, List.of())));
        return all;
    }

    List<RpmPackageDependencies> fileOwners(String path) {
        List<RpmPackageDependencies> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.files.getOrDefault(path, List.of())));
        return all;
    }

    List<RpmPackageDependencies> otherArchFileOwners(String path) {
        List<RpmPackageDependencies> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.otherArchFiles.getOrDefault(path, List.of())));
        return all;
    }

    /** Whether a path is known as an installable file or as a provide (rpm lets a package provide a path). */
    boolean knowsPath(String path) {
        for (Layer layer : layers) {
            if (layer.files.containsKey(path) || layer.provides.containsKey(path)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> names(List<Provider> providers) {
        Set<String> names = new LinkedHashSet<>();
        providers.forEach(p -> names.add(p.pkg().nevra()));
        return names;
    }
}
