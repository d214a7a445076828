package io.jenkins.plugins.stagedrollout.core.closure;

/**
 * An epoch, version and release as a dependency or a package carries them; a missing epoch is 0 and a missing
 * release ({@code null}) matches any release, as in rpm and libsolv ({@code foo >= 1.0} is met by {@code foo-1.0-1}).
 */
public record Evr(long epoch, String version, String release) implements Comparable<Evr> {

    public Evr {
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException("a version is needed");
        }
        release = release == null || release.isEmpty() ? null : release;
    }

    /** Parses {@code [epoch:]version[-release]}, as in a rich dependency. */
    public static Evr parse(String text) {
        long epoch = 0;
        String rest = text;
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = Long.parseLong(rest.substring(0, colon));
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash > 0 ? new Evr(epoch, rest.substring(0, dash), rest.substring(dash + 1)) : new Evr(epoch, rest, null);
    }

    /** Releases are compared only when both sides have one. */
    @Override
    public int compareTo(Evr other) {
        int c = Long.compare(epoch, other.epoch);
        if (c == 0) {
            c = RpmVersions.compare(version, other.version);
        }
        if (c == 0 && release != null && other.release != null) {
            c = RpmVersions.compare(release, other.release);
        }
        return c;
    }

    @Override
    public String toString() {
        return (epoch == 0 ? "" : epoch + ":") + version + (release == null ? "" : "-" + release);
    }
}
