package io.jenkins.plugins.stagedrollout.core.closure;

import io.airlift.compress.bzip2.BZip2HadoopStreams;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * How repository metadata files (primary, filelists, other) are compressed, and the one place that opens them: the
 * decompressor is picked by the suffix of the {@code location href} in repomd.xml, as dnf and createrepo_c pick it.
 * createrepo_c before 1.0 writes gzip by default, 1.0 and later zstd; both write xz and bzip2 on request. In the
 * {@code closure} package because both the dependency check (base repositories) and the engine ({@code repo}:
 * verification of a new snapshot) read metadata, and {@code closure} does not depend on {@code repo}.
 */
public enum MetadataCompression {
    GZ("gz", ".gz", "gzip"),
    XZ("xz", ".xz", "xz"),
    BZ2("bz2", ".bz2", "bzip2"),
    ZSTD("zstd", ".zst", "zstd");

    /** What the opener reads: the compressed suffixes and plain XML. */
    public static final String SUFFIXES_READ = ".gz, .xz, .bz2, .zst or .xml (plain XML)";

    private static final int BUFFER = 64 * 1024;

    private final String setting;
    private final String suffix;
    private final String format;

    MetadataCompression(String setting, String suffix, String format) {
        this.setting = setting;
        this.suffix = suffix;
        this.format = format;
    }

    /** The setting's value, which is also createrepo_c's name for it ({@code --general-compress-type}). */
    public String setting() {
        return setting;
    }

    /** The file name suffix createrepo_c gives metadata files so compressed. */
    public String suffix() {
        return suffix;
    }

    /** The values {@link #ofSetting} takes, for messages and help: "gz, xz, bz2, zstd". */
    public static String settings() {
        return Arrays.stream(values()).map(MetadataCompression::setting).collect(Collectors.joining(", "));
    }

    /**
     * @param value gz, xz, bz2 or zstd (case ignored)
     * @throws IllegalArgumentException naming the values that work
     */
    public static MetadataCompression ofSetting(String value) {
        String given = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (MetadataCompression compression : values()) {
            if (compression.setting.equals(given)) {
                return compression;
            }
        }
        throw new IllegalArgumentException("The metadata compression '" + value + "' is not one of " + settings() + ".");
    }

    /**
     * Opens a metadata file for reading, decompressed as its name says. Decompression errors (a damaged or truncated
     * file, one compressed otherwise than its name says) become IOExceptions naming the file.
     *
     * @param raw  the file's bytes; closed when this fails
     * @param name the file as messages show it; it ends with the {@code location href} whose suffix picks the decompressor
     * @throws IOException naming the file and the suffixes that are read, when the suffix is none of them
     */
    public static InputStream open(InputStream raw, String name) throws IOException {
        if (name.endsWith(".xml")) {
            return raw;
        }
        for (MetadataCompression compression : values()) {
            if (name.endsWith(compression.suffix)) {
                try {
                    return new Checked(compression.decompress(raw), name, compression.format);
                } catch (IOException | RuntimeException | LinkageError e) {
                    raw.close();
                    throw Checked.failure(name, compression.format, e);
                }
            }
        }
        raw.close();
        throw new IOException(name + " is compressed in a way that is not read here: metadata files must end in " + SUFFIXES_READ + ".");
    }

    private InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case GZ -> new GZIPInputStream(raw, BUFFER);
            // Concatenated .xz streams (xz --keep on several files) are read as one, as xz -d does.
            case XZ -> new XZInputStream(buffered(raw));
            // One bzip2 stream, as createrepo_c (libbz2) writes it; a concatenation of several (pbzip2) is refused.
            case BZ2 -> new BZip2HadoopStreams().createInputStream(buffered(raw));
            case ZSTD -> new ZstdInputStream(buffered(raw));
        };
    }

    private static InputStream buffered(InputStream raw) {
        return raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, BUFFER);
    }

    /**
     * The decompressors report damage in their own words, without the file, and aircompressor with unchecked
     * exceptions: every failure becomes an IOException that names the file and the format.
     */
    private static final class Checked extends FilterInputStream {
        private final String name;
        private final String format;

        Checked(InputStream in, String name, String format) {
            super(in);
            this.name = name;
            this.format = format;
        }

        static IOException failure(String name, String format, Throwable e) {
            return new IOException(name + " cannot be decompressed as " + format + ": " + e.getMessage(), e);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException | LinkageError e) {
                throw failure(name, format, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw failure(name, format, e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw failure(name, format, e);
            }
        }
    }
}
