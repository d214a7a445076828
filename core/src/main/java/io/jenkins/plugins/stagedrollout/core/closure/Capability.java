package io.jenkins.plugins.stagedrollout.core.closure;

/**
 * One provide or simple requirement: a name, optionally with a relation to a version ({@code libfoo.so.1()(64bit)},
 * {@code bdii >= 6.0}, {@code config(bdii) = 6.0.1-1}).
 *
 * @param comparison null when unversioned, then {@code evr} is null too
 */
public record Capability(String name, Comparison comparison, Evr evr) {

    public Capability {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a capability needs a name");
        }
        if ((comparison == null) != (evr == null)) {
            throw new IllegalArgumentException("a version needs a comparison and a comparison a version: " + name);
        }
    }

    public static Capability unversioned(String name) {
        return new Capability(name, null, null);
    }

    /**
     * Whether this provide meets {@code requirement} (same name; an unversioned side matches any version, as in rpm).
     */
    public boolean satisfies(Capability requirement) {
        if (!name.equals(requirement.name)) {
            return false;
        }
        if (comparison == null || requirement.comparison == null) {
            return true;
        }
        return comparison.overlaps(evr, requirement.comparison, requirement.evr);
    }

    @Override
    public String toString() {
        return comparison == null ? name : name + " " + comparison.symbol() + " " + evr;
    }
}
