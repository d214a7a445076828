package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The packages of one repository with their dependencies, read from its primary metadata, and its file lists,
 * read only for the paths a check could not find in primary.xml. Base repositories change rarely and are large
 * (AppStream: 5,000 packages), so their provider layers and file owners are kept (softly, a few at a time) by the
 * checksum repomd.xml gives.
 */
final class RepositoryMetadata {

    private static final int KEPT = 8;

    /** The packages last read for each checked repository (by its label), by package id: see {@link #packagesSince}. */
    private static final KeptValues<Map<String, RpmPackageDependencies>> CHECKED = new KeptValues<>(KEPT);

    /** Base repositories' provider layers, per metadata checksum and architecture policy. */
    private static final KeptValues<ProviderIndex.Layer> LAYERS = new KeptValues<>(KEPT);

    /** Base repositories' file owners, per metadata checksum: the paths looked up so far and who owns them. */
    private static final KeptValues<Map<String, List<FileOwner>>> OWNERS = new KeptValues<>(KEPT);

    private final MetadataSource source;
    private final String primaryHref;
    private final String primaryChecksum;
    private final String filelistsHref;

    private RepositoryMetadata(MetadataSource source, String primaryHref, String primaryChecksum, String filelistsHref) {
        this.source = source;
        this.primaryHref = primaryHref;
        this.primaryChecksum = primaryChecksum;
        this.filelistsHref = filelistsHref;
    }

    static RepositoryMetadata of(MetadataSource source) throws IOException {
        String primary = null;
        String checksum = null;
        String filelists = null;
        String type = null;
        boolean inChecksum = false;
        try (InputStream in = source.openRaw("repodata/repomd.xml")) {
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "data" -> type = xml.getAttributeValue(null, "type");
                        case "checksum" -> inChecksum = "primary".equals(type);
                        case "location" -> {
                            if ("primary".equals(type)) {
                                primary = xml.getAttributeValue(null, "href");
                            } else if ("filelists".equals(type)) {
                                filelists = xml.getAttributeValue(null, "href");
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && inChecksum) {
                    checksum = (checksum == null ? "" : checksum) + xml.getText().strip();
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    inChecksum = false;
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(source.label() + ": repodata/repomd.xml is not well-formed XML: " + e.getMessage(), e);
        }
        if (primary == null) {
            throw new IOException(source.label() + ": repodata/repomd.xml lists no primary metadata");
        }
        return new RepositoryMetadata(source, primary, checksum, filelists);
    }

    String label() {
        return source.label();
    }

    private String key() {
        return source.label() + "\n" + primaryHref + "\n" + primaryChecksum;
    }

    /**
     * The provides and files of a base repository's packages, built once per checksum and architecture policy.
     *
     * @param policy names {@code installable}, e.g. {@code x86_64+multilib}
     */
    ProviderIndex.Layer layer(String policy, java.util.function.Predicate<String> installable) throws IOException {
        String key = key() + "\n" + policy;
        ProviderIndex.Layer kept = primaryChecksum == null ? null : LAYERS.get(key);
        if (kept != null) {
            return kept;
        }
        ProviderIndex.Layer layer = ProviderIndex.Layer.of(readPrimary(source.label(), Map.of()).packages(), installable);
        if (primaryChecksum != null) {
            LAYERS.put(key, layer);
        }
        return layer;
    }

    /**
     * The packages of a repository checked again and again as it changes (a stage, snapshot after snapshot): those
     * read for the last check of {@code repositoryLabel} are reused by package id, and only new ones are read.
     */
    List<RpmPackageDependencies> packagesSince(String repositoryLabel) throws IOException {
        Map<String, RpmPackageDependencies> known = CHECKED.get(repositoryLabel);
        PrimaryDependencies.Parsed parsed = readPrimary(repositoryLabel, known == null ? Map.of() : known);
        CHECKED.put(repositoryLabel, parsed.byPackageId());
        return parsed.packages();
    }

    private PrimaryDependencies.Parsed readPrimary(String repositoryLabel, Map<String, RpmPackageDependencies> known) throws IOException {
        try (InputStream in = source.open(primaryHref)) {
            return PrimaryDependencies.read(in, repositoryLabel, source.label() + "/" + primaryHref, known);
        } catch (IllegalArgumentException badReference) {
            throw new IOException(source.label() + "/" + primaryHref + " holds an invalid character reference: " + badReference.getMessage(),
                    badReference);
        }
    }

    /**
     * The owners of the given paths in filelists.xml (none when the repository has no file lists).
     *
     * @param cacheable whether owners may be kept for the next check (base repositories: yes), so that their file
     *                  lists, the largest metadata they have, are read again only for paths not looked up before
     */
    List<FileOwner> owners(Set<String> paths, String repositoryLabel, boolean cacheable) throws IOException {
        if (filelistsHref == null || paths.isEmpty()) {
            return List.of();
        }
        if (!cacheable || primaryChecksum == null) {
            return read(paths, repositoryLabel);
        }
        Map<String, List<FileOwner>> known = knownOwners();
        synchronized (known) {
            Set<String> unknown = new java.util.HashSet<>(paths);
            unknown.removeAll(known.keySet());
            if (!unknown.isEmpty()) {
                // read first: a failed read must not leave the paths known as owned by nobody
                List<FileOwner> found = read(unknown, repositoryLabel);
                for (String path : unknown) {
                    known.put(path, new ArrayList<>(1));
                }
                for (FileOwner owner : found) {
                    known.get(owner.path()).add(owner);
                }
            }
            List<FileOwner> owners = new ArrayList<>();
            paths.forEach(path -> owners.addAll(known.get(path)));
            return owners;
        }
    }

    private Map<String, List<FileOwner>> knownOwners() {
        return OWNERS.getOrKeep(key(), new java.util.HashMap<>());
    }

    private List<FileOwner> read(Set<String> paths, String repositoryLabel) throws IOException {
        try (InputStream in = source.open(filelistsHref)) {
            return FileLists.owners(in, paths, repositoryLabel, source.label() + "/" + filelistsHref);
        } catch (IllegalArgumentException badReference) {
            throw new IOException(source.label() + "/" + filelistsHref + " holds an invalid character reference: " + badReference.getMessage(),
                    badReference);
        }
    }

    /** A package that contains a wanted path. */
    record FileOwner(String path, RpmPackageDependencies pkg) {
    }

    /** Reads filelists.xml for a few paths. */
    static final class FileLists {
        private static final MetadataTags.Keys PACKAGE_KEYS = new MetadataTags.Keys("name", "arch");
        private static final MetadataTags.Keys VERSION_KEYS = new MetadataTags.Keys("epoch", "ver", "rel");

        private FileLists() {
        }

        static List<FileOwner> owners(InputStream in, Set<String> paths, String repositoryLabel, String source) throws IOException {
            MetadataTags tags = new MetadataTags(in, "package", "version", "file", "/filelists");
            List<FileOwner> owners = new ArrayList<>();
            String name = null;
            String arch = null;
            String evr = null;
            RpmPackageDependencies current = null;
            boolean ended = false;
            int tag;
            while ((tag = tags.next()) != MetadataTags.END_OF_INPUT) {
                switch (tag) {
                    case 0 -> {
                        String[] a = tags.attributes(PACKAGE_KEYS);
                        name = a[0];
                        arch = a[1];
                        evr = null;
                        current = null;
                    }
                    case 1 -> {
                        String[] v = tags.attributes(VERSION_KEYS);
                        evr = PrimaryDependencies.evr(v[0], v[1], v[2]);
                    }
                    case 2 -> {
                        String path = tags.text();
                        if (paths.contains(path)) {
                            if (name == null || arch == null || evr == null) {
                                throw new IOException(source + " lists " + path + " for a package without name, arch or version");
                            }
                            if (current == null) {
                                current = new RpmPackageDependencies(name + "-" + evr + "." + arch, name, arch, repositoryLabel, List.of(),
                                        List.of(), List.of());
                            }
                            owners.add(new FileOwner(path, current));
                        }
                    }
                    case 3 -> ended = true;
                    default -> { }
                }
            }
            if (!ended) {
                throw new IOException(source + " ends before </filelists> (truncated)");
            }
            return owners;
        }
    }
}
