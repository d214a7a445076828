package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every package's provides, requires and listed files from primary.xml. Requirements rpm itself satisfies
 * ({@code rpmlib(...)}) are left out, as dnf repoclosure leaves them out.
 */
final class PrimaryDependencies {

    private static final int PACKAGE = 0;
    private static final int NAME = 1;
    private static final int ARCH = 2;
    private static final int VERSION = 3;
    private static final int PROVIDES = 4;
    private static final int PROVIDES_END = 5;
    private static final int REQUIRES = 6;
    private static final int REQUIRES_END = 7;
    private static final int ENTRY = 8;
    private static final int FILE = 9;
    private static final int PACKAGE_END = 10;
    private static final int METADATA_END = 11;
    private static final int CHECKSUM = 12;

    private static final MetadataTags.Keys VERSION_KEYS = new MetadataTags.Keys("epoch", "ver", "rel");
    private static final MetadataTags.Keys ENTRY_KEYS = new MetadataTags.Keys("name", "flags", "epoch", "ver", "rel");
    private static final MetadataTags.Keys CHECKSUM_KEYS = new MetadataTags.Keys("pkgid");

    /** The packages read, and the same by package id (the checksum of the RPM file), to be given as {@code known} next time. */
    record Parsed(List<RpmPackageDependencies> packages, Map<String, RpmPackageDependencies> byPackageId) {
    }

    private PrimaryDependencies() {
    }

    /**
     * @param source named in errors, e.g. the metadata file's path or URL
     * @param known  packages read before, by package id: a package whose id is known is taken from there and its
     *              dependencies are skipped, not read again (the id is the checksum of the RPM file, so the same id
     *              is the same package). A promotion adds a few packages to thousands already checked.
     */
    static Parsed read(InputStream in, String repository, String source, Map<String, RpmPackageDependencies> known) throws IOException {
        MetadataTags tags = new MetadataTags(in, "package", "name", "arch", "version", "rpm:provides", "/rpm:provides",
                "rpm:requires", "/rpm:requires", "rpm:entry", "file", "/package", "/metadata", "checksum");
        List<RpmPackageDependencies> packages = new ArrayList<>();
        Map<String, RpmPackageDependencies> byPackageId = new HashMap<>();
        String packageId = null;
        String name = null;
        String arch = null;
        String evr = null;
        List<Capability> provides = new ArrayList<>();
        List<Requirement> requires = new ArrayList<>();
        List<String> files = new ArrayList<>();
        int section = -1;
        boolean ended = false;
        int tag;
        while ((tag = tags.next()) != MetadataTags.END_OF_INPUT) {
            switch (tag) {
                case PACKAGE -> {
                    packageId = null;
                    name = null;
                    arch = null;
                    evr = null;
                    provides = new ArrayList<>();
                    requires = new ArrayList<>();
                    files = new ArrayList<>();
                    section = -1;
                }
                case CHECKSUM -> {
                    if ("YES".equals(tags.attributes(CHECKSUM_KEYS)[0]) && packageId == null) {
                        packageId = tags.text();
                        RpmPackageDependencies seen = known.get(packageId);
                        if (seen != null) {
                            while ((tag = tags.next()) != PACKAGE_END && tag != MetadataTags.END_OF_INPUT) {
                                // skipped: the same file as before
                            }
                            packages.add(seen);
                            byPackageId.put(packageId, seen);
                        }
                    }
                }
                case NAME -> name = name == null ? tags.text() : name;
                case ARCH -> arch = arch == null ? tags.text() : arch;
                case VERSION -> {
                    String[] v = tags.attributes(VERSION_KEYS);
                    if (evr == null) {
                        evr = evr(v[0], v[1], v[2]);
                    }
                }
                case PROVIDES, REQUIRES -> section = tag;
                case PROVIDES_END, REQUIRES_END -> section = -1;
                case ENTRY -> {
                    if (section == PROVIDES || section == REQUIRES) {
                        entry(tags.attributes(ENTRY_KEYS), section == PROVIDES ? provides : null, section == REQUIRES ? requires : null, source, name);
                    }
                }
                case FILE -> files.add(tags.text());
                case PACKAGE_END -> {
                    if (name == null || arch == null || evr == null) {
                        throw new IOException(source + " has a package without name, arch or version (package " + (packages.size() + 1) + ")");
                    }
                    RpmPackageDependencies pkg = new RpmPackageDependencies(name + "-" + evr + "." + arch, name, arch, repository, provides,
                            requires, files);
                    packages.add(pkg);
                    if (packageId != null) {
                        byPackageId.put(packageId, pkg);
                    }
                }
                case METADATA_END -> ended = true;
                default -> { }
            }
        }
        if (!ended) {
            throw new IOException(source + " ends before </metadata> (truncated)");
        }
        return new Parsed(packages, byPackageId);
    }

    /** {@code [epoch:]version-release} as dnf prints it: epoch only when not 0. */
    static String evr(String epoch, String version, String release) {
        return (epoch == null || "0".equals(epoch) ? "" : epoch + ":") + version + "-" + release;
    }

    private static void entry(String[] attributes, List<Capability> provides, List<Requirement> requires, String source, String packageName)
            throws IOException {
        String name = attributes[0];
        if (name == null) {
            throw new IOException(source + " has a dependency without a name (package " + packageName + ")");
        }
        if (requires != null && name.startsWith("rpmlib(")) {
            return;
        }
        String flags = attributes[1];
        Comparison comparison = null;
        Evr evr = null;
        try {
            if (flags != null) {
                comparison = Comparison.of(flags);
                String epoch = attributes[2];
                evr = new Evr(epoch == null ? 0 : Long.parseLong(epoch), attributes[3], attributes[4]);
            }
            if (provides != null) {
                provides.add(new Capability(name, comparison, evr));
            } else {
                requires.add(Requirement.of(name, comparison, evr));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": package " + packageName + " has a dependency that cannot be read (" + name + "): " + e.getMessage(), e);
        }
    }
}
