package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions and the dependency check: refused with the list and nothing changed, or allowed on someone's word. */
class DependencyGateTest {

    @TempDir
    Path root;
    @TempDir
    Path baseos;
    @TempDir
    Path dnfCache;

    private final List<String> log = new ArrayList<>();
    private Path untested;

    @BeforeEach
    void setUp() throws IOException {
        untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("libldap.so.2()(64bit)", "glue-schema >= 2.1"));
        RpmFixtures.write(untested, "glue-schema", 0, "2.0", "1.el9", "noarch", List.of(), List.of());
        RpmFixtures.write(untested, "glue-schema", 0, "2.1", "3.el9", "noarch", List.of(), List.of());
        RpmFixtures.write(baseos, "openldap", 0, "2.6.6", "3.el9", "x86_64", List.of("libldap.so.2()(64bit)"), List.of());
        Files.createDirectories(root.resolve("production/el9"));
        String out = Tools.run("createrepo_c", "--quiet", baseos.toString()).out();
        assertThat(baseos.resolve("repodata/repomd.xml")).as(out).isRegularFile();
    }

    private RepositoryEngine engine(DependencyOptions dependencies) {
        return RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withOutputSink(log::add).withDependencies(dependencies));
    }

    private DependencyOptions withBaseOs() {
        return DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(baseos.toString()));
    }

    @Test
    void aPromotionWithUnmetRequirementsIsRefusedWithTheListAndChangesNothing() throws IOException {
        RepositoryEngine engine = engine(withBaseOs());
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("glue-schema-2.0-1.el9.noarch.rpm"));
        String before = TreeDigest.of(root);

        assertThatThrownBy(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("bdii-6.0.1-1.el9.noarch.rpm")))
                .isInstanceOfSatisfying(RepositoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
                    assertThat(e.problem()).isEqualTo("The promotion into testing/el9/x86_64 would leave 1 requirement(s) that nothing meets, so dnf"
                            + " could not install those packages:\n  bdii-6.0.1-1.el9.noarch requires glue-schema >= 2.1: only other versions are"
                            + " provided: glue-schema = 2.0-1.el9 (glue-schema-2.0-1.el9.noarch)");
                    assertThat(e.fix()).contains("Promote the missing packages too", "configured: " + baseos, "allow broken dependencies with a reason",
                            "the served repository is unchanged");
                });
        assertThat(TreeDigest.of(root)).isEqualTo(before);
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("a"))).containsExactly("glue-schema-2.0-1.el9.noarch");

        PromotionResult together = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*"));
        assertThat(together.dependencyReport().closed()).isTrue();
        assertThat(together.dependencyReport().packagesChecked()).isEqualTo(3);
        assertThat(log).anyMatch(line -> line.startsWith("Dependency check of testing/el9/x86_64: 3 package(s) checked against the repository"
                + " itself and " + baseos + ", 0 unresolved requirement(s)"));
    }

    @Test
    void withoutBaseRepositoriesTheSystemLibraryIsUnmetAndTheFixSaysNoneAreConfigured() {
        RepositoryEngine engine = engine(DependencyOptions.defaults());
        assertThatThrownBy(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*")))
                .isInstanceOfSatisfying(RepositoryException.class, e -> {
                    assertThat(e.problem()).endsWith("bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit)");
                    assertThat(e.fix()).contains("(none are configured)");
                });
        assertThat(root.resolve("testing")).doesNotExist();
    }

    @Test
    void anOverridePublishesAndTheResultSaysWhoAllowedWhat() {
        RepositoryEngine engine = engine(DependencyOptions.defaults());
        PromotionResult result = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*"),
                Optional.of(new DependencyOverride("alice", "openldap comes from the sites' own BaseOS mirror")));
        assertThat(result.changed()).isTrue();
        assertThat(result.dependencyReport().unresolved()).extracting(u -> u.packageNevra() + " requires " + u.requirement())
                .containsExactly("bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit)");
        assertThat(result.message()).endsWith("; 1 requirement(s) unmet, allowed by alice: openldap comes from the sites' own BaseOS mirror.");
        assertThat(log).anyMatch(line -> line.startsWith("Publishing testing/el9/x86_64 with 1 unmet requirement(s), allowed by alice: openldap"));
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("b")))
                .containsExactly("bdii-6.0.1-1.el9.noarch", "glue-schema-2.1-3.el9.noarch");
    }

    @Test
    void testingCanBeLeftUncheckedButProductionIsAlwaysChecked() {
        RepositoryEngine engine = engine(DependencyOptions.defaults().withCheckEarlierStages(false));
        PromotionResult testing = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("bdii-6.0.1*"));
        assertThat(testing.dependencyReport()).isNull();
        assertThat(log).noneMatch(line -> line.startsWith("Dependency check"));

        assertThatThrownBy(() -> engine.promote("testing", "production", "el9", "x86_64", PackageSelection.of("bdii")))
                .isInstanceOfSatisfying(RepositoryException.class, e -> assertThat(e.problem()).startsWith(
                        "The promotion into production/el9/x86_64 would leave 2 requirement(s)"));
        assertThat(root.resolve("production/el9/x86_64")).doesNotExist();
    }

    @Test
    void withdrawalsAreNeverRefused() {
        RepositoryEngine engine = engine(withBaseOs());
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*"));
        PromotionResult withdrawn = engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("glue-schema"));
        assertThat(withdrawn.changed()).isTrue();
        assertThat(Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("c"))).containsExactly("bdii-6.0.1-1.el9.noarch");
    }

    @Test
    void anUnreadableBaseRepositoryRefusesThePromotionAndNamesIt() {
        Path missing = baseos.resolve("no-such-mirror");
        RepositoryEngine engine = engine(DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(missing.toString())));
        assertThatThrownBy(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("glue-schema-2.1*")))
                .isInstanceOfSatisfying(RepositoryException.class, e -> {
                    assertThat(e.problem()).contains("cannot read its metadata", missing + "/repodata/repomd.xml does not exist");
                    assertThat(e.fix()).contains("Check the base repositories configured for el9/x86_64");
                });
        assertThat(root.resolve("testing")).doesNotExist();
    }

    @Test
    void badBaseRepositorySettingsAreRefusedUpFront() {
        assertThatThrownBy(() -> new DependencyOptions(true, Map.of("el9", List.of("/srv/mirror/baseos")), false))
                .hasMessageContaining("'el9', which is no OS/architecture");
        assertThatThrownBy(() -> DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of("mirror/baseos")))
                .hasMessageContaining("'mirror/baseos' is neither an absolute path nor a file:, http: or https: URL");
    }

    @Test
    void aBaseRepositoryServedOverHttpCountsAndItsPackagesAreReadOncePerChecksum() throws IOException {
        List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/baseos/", exchange -> {
            Path file = baseos.resolve(exchange.getRequestURI().getPath().substring("/baseos/".length())).normalize();
            requested.add(baseos.relativize(file).toString());
            byte[] body = file.startsWith(baseos) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/baseos/";
            RepositoryEngine engine = engine(DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(url)));
            PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*"));
            assertThat(first.dependencyReport().closed()).isTrue();
            assertThat(first.dependencyReport().baseRepositories()).containsExactly(url);
            assertThat(requested).hasSize(2).first().isEqualTo("repodata/repomd.xml");
            assertThat(requested.get(1)).endsWith("-primary.xml.gz");

            engine.promote("testing", "production", "el9", "x86_64", PackageSelection.parse("bdii, glue-schema"));
            assertThat(requested).as("the second check reads repomd.xml and finds the same primary checksum").hasSize(3)
                    .last().isEqualTo("repodata/repomd.xml");

            RepositoryEngine wrongUrl = engine(DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(url + "nothing/")));
            assertThatThrownBy(() -> wrongUrl.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("glue-schema-2.0*")))
                    .hasMessageContaining("answered HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aZstdBaseRepositoryOverHttpIsReadAndAnUnknownCompressionIsNamed() throws IOException {
        ZstdRepodata.recompress(baseos); // as current Fedora, EPEL 10 and EL10 mirrors publish it
        List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/baseos/", exchange -> {
            Path file = baseos.resolve(exchange.getRequestURI().getPath().substring("/baseos/".length())).normalize();
            requested.add(baseos.relativize(file).toString());
            byte[] body = file.startsWith(baseos) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/baseos/";
            PromotionResult promoted = engine(DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(url)))
                    .promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*"));
            assertThat(promoted.dependencyReport().closed()).as("libldap.so.2()(64bit) met by the zstd base repository").isTrue();
            assertThat(requested).hasSize(2).last().asString().endsWith("-primary.xml.zst");
        } finally {
            server.stop(0);
        }

        // A compression nothing here reads (zchunk): the base repository cannot be read, named with the file.
        String repomd = Files.readString(baseos.resolve("repodata/repomd.xml"));
        String primary = RepodataReader.readRepomd(baseos).primaryHref();
        Files.move(baseos.resolve(primary), baseos.resolve(primary.replace(".zst", ".zck")));
        Files.writeString(baseos.resolve("repodata/repomd.xml"), repomd.replace(primary, primary.replace(".zst", ".zck")));
        RepositoryException refused = catchThrowableOfType(RepositoryException.class, () -> engine(withBaseOs())
                .promote("untested", "production", "el9", "x86_64", PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*")));
        assertThat(refused.kind()).isEqualTo(RepositoryException.Kind.IO_FAILURE);
        assertThat(refused.problem()).contains(baseos + "/" + primary.replace(".zst", ".zck") + " is compressed in a way that is not read here:"
                + " metadata files must end in .gz, .xz, .bz2, .zst or .xml (plain XML).");
    }

    @Test
    void packagesOfAnotherArchitectureAreNotCheckedAndSayHowMany() {
        RpmFixtures.write(untested, "bdii-arm", 0, "1.0", "1.el9", "aarch64", List.of(), List.of("libnowhere.so.1()(64bit)"));
        PromotionResult result = engine(withBaseOs()).promote("untested", "testing", "el9", "x86_64",
                PackageSelection.parse("bdii-6.0.1*, glue-schema-2.1*, bdii-arm"));
        assertThat(result.dependencyReport().closed()).isTrue();
        assertThat(result.dependencyReport().packagesChecked()).isEqualTo(2);
        assertThat(result.dependencyReport().packagesSkipped()).isEqualTo(1);
        assertThat(log).anyMatch(line -> line.contains("0 unresolved requirement(s), 1 source or other-architecture package(s) not checked"));
    }
}
