package io.jenkins.plugins.stagedrollout.core.closure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one opener of metadata files: each suffix with a file written by the real compression tool, and what it refuses. */
class MetadataCompressionTest {

    /** Large enough for several decompressor buffers, with bytes beyond ASCII. */
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata packages=\"0\">\n"
            + "<!-- é ü 漢 -->\n".repeat(20_000) + "</metadata>\n";

    @TempDir
    Path dir;

    static Stream<Arguments> suffixes() {
        return Stream.of(
                Arguments.of("primary.xml", List.<String>of()),
                Arguments.of("primary.xml.gz", List.of("gzip", "-k")),
                Arguments.of("primary.xml.xz", List.of("xz", "-k")),
                Arguments.of("primary.xml.bz2", List.of("bzip2", "-k")),
                Arguments.of("primary.xml.zst", List.of("zstd", "-q", "-k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suffixes")
    void readsWhatTheToolWrote(String fileName, List<String> compressor) throws IOException {
        Path file = compressed(fileName, compressor);

        try (InputStream in = MetadataCompression.open(Files.newInputStream(file), file.toString())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(XML);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"primary.xml.zck", "primary.xml.lzma", "primary.sqlite", "primary.xml.gz.part", "primary"})
    void anUnknownSuffixIsRefusedNamingTheFileAndTheSuffixesRead(String fileName) {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream raw = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        IOException error = catchThrowableOfType(IOException.class, () -> MetadataCompression.open(raw, "/srv/mirror/repodata/" + fileName));

        assertThat(error).hasMessage("/srv/mirror/repodata/" + fileName + " is compressed in a way that is not read here: metadata files must end in"
                + " .gz, .xz, .bz2, .zst or .xml (plain XML).");
        assertThat(closed).as("the raw stream is closed").isTrue();
    }

    static Stream<Arguments> mislabelled() {
        return Stream.of(
                Arguments.of("primary.xml.gz", List.of("xz", "-k"), "primary.xml.xz", "gzip: Not in GZIP format"),
                Arguments.of("primary.xml.xz", List.of("gzip", "-k"), "primary.xml.gz", "xz: Input is not in the XZ format"),
                Arguments.of("primary.xml.bz2", List.of("gzip", "-k"), "primary.xml.gz", "bzip2: "),
                Arguments.of("primary.xml.zst", List.of("gzip", "-k"), "primary.xml.gz", "zstd: "));
    }

    @ParameterizedTest(name = "{0} holding {2}")
    @MethodSource("mislabelled")
    void aFileCompressedOtherwiseThanItsNameSaysIsRefusedNamingIt(String name, List<String> compressor, String written, String expected) throws IOException {
        Path file = dir.resolve(name);
        Files.move(compressed(written, compressor), file);

        IOException error = catchThrowableOfType(IOException.class, () -> {
            try (InputStream in = MetadataCompression.open(Files.newInputStream(file), file.toString())) {
                in.readAllBytes();
            }
        });

        assertThat(error).hasMessageStartingWith(file + " cannot be decompressed as " + expected);
    }

    /** Plain XML has no end marker of its own: the readers require {@code </metadata>}. */
    static Stream<Arguments> compressedSuffixes() {
        return suffixes().skip(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressedSuffixes")
    void aTruncatedFileFailsInsteadOfEndingEarly(String fileName, List<String> compressor) throws IOException {
        Path file = compressed(fileName, compressor);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        IOException error = catchThrowableOfType(IOException.class, () -> {
            try (InputStream in = MetadataCompression.open(Files.newInputStream(file), file.toString())) {
                in.readAllBytes();
            }
        });

        assertThat(error).hasMessageStartingWith(file + " cannot be decompressed as ");
    }

    @Test
    void theSettingTakesTheNamesCreaterepoGivesAndRefusesOthersNamingThem() {
        assertThat(Arrays.stream(MetadataCompression.values()).map(MetadataCompression::setting)).containsExactly("gz", "xz", "bz2", "zstd");
        assertThat(MetadataCompression.ofSetting(" ZSTD ")).isEqualTo(MetadataCompression.ZSTD);
        assertThat(MetadataCompression.ZSTD.suffix()).isEqualTo(".zst");
        assertThatThrownBy(() -> MetadataCompression.ofSetting("gzip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The metadata compression 'gzip' is not one of gz, xz, bz2, zstd.");
        assertThatThrownBy(() -> MetadataCompression.ofSetting("zst")).hasMessage("The metadata compression 'zst' is not one of gz, xz, bz2, zstd.");
    }

    /** XML compressed by the real tool into {@code fileName} (the tool adds the suffix to primary.xml). */
    private Path compressed(String fileName, List<String> compressor) throws IOException {
        Path plain = dir.resolve("primary.xml");
        Files.writeString(plain, XML);
        if (compressor.isEmpty()) {
            return plain;
        }
        Path file = dir.resolve(fileName);
        Files.deleteIfExists(file);
        List<String> command = new java.util.ArrayList<>(compressor);
        command.add(plain.toString());
        Tools.Result result = Tools.run(command);
        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(file).isRegularFile();
        return file;
    }
}
