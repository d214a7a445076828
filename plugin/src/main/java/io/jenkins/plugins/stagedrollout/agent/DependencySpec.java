package io.jenkins.plugins.stagedrollout.agent;

import io.jenkins.plugins.stagedrollout.core.repo.DependencyOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency check settings as plain values that travel to the agent and are kept in {@code build.xml} (a plain
 * class for XStream). A record written before the check existed has none: the core's defaults apply.
 */
public final class DependencySpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code os/arch} -> base repository locations. */
    private final LinkedHashMap<String, ArrayList<String>> baseRepositories;

    /** Inverted, so that the default of a missing field (false) means "checked", as the core's default is. */
    private final boolean earlierStagesUnchecked;

    private final boolean multilib;

    public DependencySpec(Map<String, List<String>> baseRepositories, boolean checkEarlierStages, boolean multilib) {
        this.baseRepositories = new LinkedHashMap<>();
        baseRepositories.forEach(
                (platform, locations) -> this.baseRepositories.put(platform, new ArrayList<>(locations)));
        this.earlierStagesUnchecked = !checkEarlierStages;
        this.multilib = multilib;
    }

    public DependencyOptions toOptions() {
        Map<String, List<String>> bases = new LinkedHashMap<>();
        if (baseRepositories != null) {
            baseRepositories.forEach((platform, locations) -> bases.put(platform, List.copyOf(locations)));
        }
        return new DependencyOptions(!earlierStagesUnchecked, bases, multilib);
    }
}
