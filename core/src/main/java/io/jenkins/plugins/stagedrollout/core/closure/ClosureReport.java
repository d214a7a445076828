package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of one dependency check.
 *
 * @param repository       the checked repository, e.g. {@code testing/el9/x86_64}
 * @param packagesChecked  packages whose requirements were checked
 * @param packagesSkipped  source packages and packages of architectures the repository's clients do not install
 * @param baseRepositories the base repositories that counted as providers, as configured
 * @param unresolved       every unmet requirement, sorted by package
 * @param millis           how long the check took
 */
public record ClosureReport(String repository, int packagesChecked, int packagesSkipped, List<String> baseRepositories,
                            List<Unresolved> unresolved, long millis) implements Serializable {

    public ClosureReport {
        baseRepositories = List.copyOf(baseRepositories);
        unresolved = List.copyOf(unresolved);
    }

    public boolean closed() {
        return unresolved.isEmpty();
    }

    /** One line per unmet requirement, at most {@code max} of them (then how many more). */
    public String describe(int max) {
        StringBuilder out = new StringBuilder();
        unresolved.stream().limit(max).forEach(u -> out.append("  ").append(u).append('\n'));
        if (unresolved.size() > max) {
            out.append("  ... and ").append(unresolved.size() - max).append(" more\n");
        }
        return out.toString();
    }

    /** One line for logs. */
    public String summary() {
        return "Dependency check of " + repository + ": " + packagesChecked + " package(s) checked against the repository itself"
                + (baseRepositories.isEmpty() ? "" : " and " + String.join(", ", baseRepositories)) + ", " + unresolved.size()
                + " unresolved requirement(s)" + (packagesSkipped == 0 ? "" : ", " + packagesSkipped + " source or other-architecture package(s) not checked")
                + " (" + millis + " ms)";
    }
}
