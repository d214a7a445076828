package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads what a client reads: repodata/repomd.xml and the primary metadata it points to. Streams the XML
 * (StAX) so that memory stays flat in the number of packages. Public so that tests and tools can check a
 * served repository the way dnf sees it.
 */
public final class RepodataReader {

    private static final String REPO_NS = "http://linux.duke.edu/metadata/repo";
    private static final String COMMON_NS = "http://linux.duke.edu/metadata/common";

    /** The data files repomd.xml lists (href relative to the repository) and which one is primary. */
    public record Repomd(List<String> hrefs, String primaryHref) {
    }

    private RepodataReader() {
    }

    public static Repomd readRepomd(Path repository) throws IOException {
        return readRepomdFile(repository.resolve("repodata/repomd.xml"));
    }

    /** A repomd.xml by its own path (hrefs stay relative to the repository that holds its {@code repodata/}). */
    public static Repomd readRepomdFile(Path repomd) throws IOException {
        List<String> hrefs = new ArrayList<>();
        String primary = null;
        String dataType = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(repomd))) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT || !REPO_NS.equals(xml.getNamespaceURI())) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "data" -> dataType = xml.getAttributeValue(null, "type");
                    case "location" -> {
                        String href = xml.getAttributeValue(null, "href");
                        hrefs.add(href);
                        if ("primary".equals(dataType)) {
                            primary = href;
                        }
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(repomd + " is not well-formed XML: " + e.getMessage(), e);
        }
        if (primary == null) {
            throw new IOException(repomd + " lists no primary metadata");
        }
        return new Repomd(List.copyOf(hrefs), primary);
    }

    /** location href -> NEVRA of every package in the primary metadata. */
    public static Map<String, String> readPrimary(Path repository, String primaryHref) throws IOException {
        Path primary = repository.resolve(primaryHref);
        Map<String, String> packages = new LinkedHashMap<>();
        try (InputStream in = MetadataCompression.open(new BufferedInputStream(Files.newInputStream(primary), 64 * 1024), primary.toString())) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            String name = null;
            String arch = null;
            String evr = null;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT || !COMMON_NS.equals(xml.getNamespaceURI())) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "name" -> name = xml.getElementText();
                    case "arch" -> arch = xml.getElementText();
                    case "version" -> {
                        String epoch = xml.getAttributeValue(null, "epoch");
                        evr = (epoch == null || "0".equals(epoch) ? "" : epoch + ":") + xml.getAttributeValue(null, "ver")
                                + "-" + xml.getAttributeValue(null, "rel");
                    }
                    case "location" -> packages.put(xml.getAttributeValue(null, "href"), name + "-" + evr + "." + arch);
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(primary + " is not well-formed XML: " + e.getMessage(), e);
        }
        return packages;
    }

    /**
     * The JDK's own StAX parser, without the service lookup of {@code newFactory()}: that scans the class path on
     * every call, which on a Jenkins agent means resource requests to the controller.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
