package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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

    private PrimaryDependencies() {
    }

    /** @param source named in errors, e.g. the metadata file's path or URL */
    static List<RpmPackageDependencies> read(InputStream in, String repository, String source) throws IOException {
        MetadataTags tags = new MetadataTags(in, "package", "name", "arch", "version", "rpm:provides", "/rpm:provides",
                "rpm:requires", "/rpm:requires", "rpm:entry", "file", "/package", "/metadata");
        List<RpmPackageDependencies> packages = new ArrayList<>();
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
                    name = null;
                    arch = null;
                    evr = null;
                    provides = new ArrayList<>();
                    requires = new ArrayList<>();
                    files = new ArrayList<>();
                    section = -1;
                }
                case NAME -> name = name == null ? tags.text() : name;
                case ARCH -> arch = arch == null ? tags.text() : arch;
                case VERSION -> {
                    String a = tags.attributes();
                    if (evr == null) {
                        String epoch = MetadataTags.attribute(a, "epoch=");
                        evr = (epoch == null || "0".equals(epoch) ? "" : epoch + ":") + MetadataTags.attribute(a, "ver=") + "-"
                                + MetadataTags.attribute(a, "rel=");
                    }
                }
                case PROVIDES, REQUIRES -> section = tag;
                case PROVIDES_END, REQUIRES_END -> section = -1;
                case ENTRY -> {
                    if (section == PROVIDES || section == REQUIRES) {
                        entry(tags.attributes(), section == PROVIDES ? provides : null, section == REQUIRES ? requires : null, source, name);
                    }
                }
                case FILE -> files.add(tags.text());
                case PACKAGE_END -> {
                    if (name == null || arch == null || evr == null) {
                        throw new IOException(source + " has a package without name, arch or version (package " + (packages.size() + 1) + ")");
                    }
                    packages.add(new RpmPackageDependencies(name + "-" + evr + "." + arch, name, arch, repository, provides, requires, files));
                }
                case METADATA_END -> ended = true;
                default -> { }
            }
        }
        if (!ended) {
            throw new IOException(source + " ends before </metadata> (truncated)");
        }
        return packages;
    }

    private static void entry(String attributes, List<Capability> provides, List<Requirement> requires, String source, String packageName)
            throws IOException {
        String name = MetadataTags.attribute(attributes, "name=");
        if (name == null) {
            throw new IOException(source + " has a dependency without a name (package " + packageName + ")");
        }
        if (requires != null && name.startsWith("rpmlib(")) {
            return;
        }
        String flags = MetadataTags.attribute(attributes, "flags=");
        Comparison comparison = null;
        Evr evr = null;
        try {
            if (flags != null) {
                comparison = Comparison.of(flags);
                String epoch = MetadataTags.attribute(attributes, "epoch=");
                evr = new Evr(epoch == null ? 0 : Long.parseLong(epoch), MetadataTags.attribute(attributes, "ver="),
                        MetadataTags.attribute(attributes, "rel="));
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
