package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which package architectures a client of a repository's architecture installs, as dnf's architecture policy has
 * them: noarch always; the 32-bit x86 (or s390, ppc) packages on a 64-bit repository only with multilib on.
 */
final class Architectures {

    private static final Map<String, Set<String>> NATIVE = Map.of(
            "x86_64", Set.of("x86_64", "amd64", "ia32e"),
            "aarch64", Set.of("aarch64"),
            "ppc64le", Set.of("ppc64le"),
            "ppc64", Set.of("ppc64"),
            "s390x", Set.of("s390x"),
            "i686", Set.of("i686", "i586", "i486", "i386", "athlon"),
            "armv7hl", Set.of("armv7hl", "armv7hnl"));
    private static final Map<String, Set<String>> MULTILIB = Map.of(
            "x86_64", Set.of("i686", "i586", "i486", "i386", "athlon"),
            "ppc64", Set.of("ppc"),
            "s390x", Set.of("s390"));

    private Architectures() {
    }

    /** An architecture directory that names no rpm architecture (e.g. {@code all}) accepts every package. */
    static Predicate<String> installableOn(String repositoryArch, boolean multilib) {
        Set<String> natives = NATIVE.get(repositoryArch);
        if (natives == null) {
            return arch -> !"src".equals(arch) && !"nosrc".equals(arch);
        }
        Set<String> extra = multilib ? MULTILIB.getOrDefault(repositoryArch, Set.of()) : Set.of();
        return arch -> "noarch".equals(arch) || natives.contains(arch) || extra.contains(arch);
    }

    static boolean isMultilibOnly(String repositoryArch, String arch) {
        return MULTILIB.getOrDefault(repositoryArch, Set.of()).contains(arch);
    }
}
