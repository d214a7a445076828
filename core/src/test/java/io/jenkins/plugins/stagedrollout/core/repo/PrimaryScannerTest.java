package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verification's primary scanner: same answer as the StAX reader on real createrepo_c output, strict on damaged output. */
class PrimaryScannerTest {

    @TempDir
    Path root;

    @Test
    void agreesWithTheXmlParserOnRealCreaterepoOutput() throws IOException {
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-daemon", 3, "2.0", "5.el9", "x86_64");
        for (int i = 0; i < 50; i++) {
            RpmFixtures.write(untested, "egi-lib" + i, "0." + i, "1", "noarch");
        }
        String id = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults())
                .promote("untested", "testing", "el9", "x86_64", PackageSelection.of("*")).snapshotId();
        Path served = root.resolve("testing/el9/x86_64");
        String primary = RepodataReader.readRepomd(served).primaryHref();

        Map<String, String> scanned = scan(served, primary);

        assertThat(scanned).hasSize(52).containsEntry("packages/" + id + "/egi-daemon-2.0-5.el9.x86_64.rpm", "egi-daemon-3:2.0-5.el9.x86_64")
                .containsEntry("packages/" + id + "/egi-lib7-0.7-1.noarch.rpm", "egi-lib7-0.7-1.noarch");
        assertThat(scanned).containsExactlyEntriesOf(RepodataReader.readPrimary(served, primary));
    }

    private static Map<String, String> scan(Path repository, String primaryHref) throws IOException {
        Map<String, String> packages = new LinkedHashMap<>();
        long count = PrimaryScanner.scan(repository, primaryHref, packages::put);
        assertThat(count).isEqualTo(packages.size());
        return packages;
    }

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<metadata xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"%d\">\n";
    private static final String PACKAGE = "<package type=\"rpm\">\n  <name>%s</name>\n  <arch>noarch</arch>\n"
            + "  <version epoch=\"0\" ver=\"1.0\" rel=\"1\"/>\n  <summary>a &lt;name&gt; in text</summary>\n"
            + "  <location href=\"%s\"/>\n  <format><rpm:provides><rpm:entry name=\"x\"/></rpm:provides><file>/usr/bin/x</file></format>\n</package>\n";

    static Stream<Arguments> damaged() {
        String one = String.format(PACKAGE, "a", "a-1.0-1.noarch.rpm");
        String two = String.format(PACKAGE, "b", "b-1.0-1.noarch.rpm");
        return Stream.of(
                Arguments.of("truncated", String.format(HEAD, 2) + one + two.substring(0, 40),
                        "ends before </metadata> (truncated)"),
                Arguments.of("count lower than the packages", String.format(HEAD, 1) + one + two + "</metadata>\n",
                        "declares 1 package(s) but holds 2 <package> element(s)"),
                Arguments.of("count higher than the packages", String.format(HEAD, 3) + one + two + "</metadata>\n",
                        "declares 3 package(s) but holds 2 <package> element(s)"),
                Arguments.of("package without a name", String.format(HEAD, 1) + one.replace("<name>a</name>", "") + "</metadata>\n",
                        "has a package without location, name, arch or version (package 1)"),
                Arguments.of("no package count", String.format(HEAD, 1).replace(" packages=\"1\"", "") + one + "</metadata>\n",
                        "declares no valid package count (packages=\"null\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void damagedMetadataIsRefused(String name, String xml, String expected) throws IOException {
        Files.writeString(root.resolve("primary.xml"), xml);

        IOException error = catchThrowableOfType(IOException.class, () -> scan(root, "primary.xml"));

        assertThat(error).as(name).hasMessage(root.resolve("primary.xml") + " " + expected);
    }

    @Test
    void escapedTextAndAttributesAreDecoded() throws IOException {
        Files.writeString(root.resolve("primary.xml"), String.format(HEAD, 1)
                + String.format(PACKAGE, "a&amp;b", "dir/a&amp;b-1.0-1.noarch.rpm").replace("epoch=\"0\"", "epoch=\"&#50;\"") + "</metadata>\n");

        assertThat(scan(root, "primary.xml")).containsExactly(java.util.Map.entry("dir/a&b-1.0-1.noarch.rpm", "a&b-2:1.0-1.noarch"));
    }
}
