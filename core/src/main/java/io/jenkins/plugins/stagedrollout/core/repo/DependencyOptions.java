package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.MetadataSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How promotions check dependencies: the last stage (production) is always checked, the stages before it
 * (testing) unless {@code checkEarlierStages} is off; each requirement must be met by the new snapshot or by the
 * base repositories its clients enable for that OS and architecture.
 *
 * @param checkEarlierStages  check promotions into the stages before the last one too (on by default)
 * @param baseRepositories    {@code os/arch} (e.g. {@code el9/x86_64}) -> locations of base repositories: absolute
 *                            paths or file:, http:, https: URLs of repositories (the folder holding repodata/)
 * @param multilib            whether 32-bit x86 packages meet requirements on x86_64 (off, as dnf's default
 *                            {@code multilib_policy=best} installs them only when asked)
 */
public record DependencyOptions(boolean checkEarlierStages, Map<String, List<String>> baseRepositories, boolean multilib) {

    public DependencyOptions {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        for (Map.Entry<String, List<String>> entry : (baseRepositories == null ? Map.<String, List<String>>of() : baseRepositories).entrySet()) {
            String key = entry.getKey() == null ? "" : entry.getKey().strip();
            String[] parts = key.split("/", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw RepositoryException.badInput("Base repositories are given for '" + key + "', which is no OS/architecture.",
                        "Name them by OS and architecture as the stage repositories are laid out, e.g. el9/x86_64.");
            }
            for (String location : entry.getValue()) {
                try {
                    MetadataSource.of(location);
                } catch (IllegalArgumentException e) {
                    throw RepositoryException.badInput(e.getMessage(), "Give each base repository of " + key
                            + " as an absolute path or a file:, http: or https: URL of the folder that holds repodata/.");
                }
            }
            copy.put(key, List.copyOf(entry.getValue()));
        }
        baseRepositories = java.util.Collections.unmodifiableMap(copy);
    }

    public static DependencyOptions defaults() {
        return new DependencyOptions(true, Map.of(), false);
    }

    public DependencyOptions withBaseRepositories(String os, String arch, List<String> locations) {
        Map<String, List<String>> changed = new TreeMap<>(baseRepositories);
        changed.put(os + "/" + arch, locations);
        return new DependencyOptions(checkEarlierStages, changed, multilib);
    }

    public DependencyOptions withCheckEarlierStages(boolean check) {
        return new DependencyOptions(check, baseRepositories, multilib);
    }

    public DependencyOptions withMultilib(boolean on) {
        return new DependencyOptions(checkEarlierStages, baseRepositories, on);
    }

    /** The base repositories of one OS and architecture (none when not configured). */
    public List<MetadataSource> basesOf(String os, String arch) {
        return baseRepositories.getOrDefault(os + "/" + arch, List.of()).stream().map(MetadataSource::of).toList();
    }
}
