package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a repository's metadata is read from: a directory on this host, or a {@code file:}, {@code http:} or
 * {@code https:} URL of the repository (the folder that holds {@code repodata/}), as a .repo file's baseurl names it.
 */
public abstract class MetadataSource {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String label;

    MetadataSource(String label) {
        this.label = label;
    }

    /** For the report: the location as given. */
    public String label() {
        return label;
    }

    /**
     * @param location an absolute path, or a file:, http: or https: URL; a trailing {@code repodata} or
     *                 {@code repodata/repomd.xml} is taken off
     * @throws IllegalArgumentException naming what is wrong with the location
     */
    public static MetadataSource of(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("A base repository location is empty.");
        }
        String trimmed = location.strip().replaceAll("/+$", "");
        trimmed = trimmed.replaceAll("/repodata(/repomd\\.xml)?$", "");
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(trimmed + "/");
            return new Http(location.strip(), uri);
        }
        if (lower.startsWith("file:")) {
            return new Directory(location.strip(), Path.of(URI.create(trimmed)));
        }
        Path path = Path.of(trimmed);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("The base repository '" + location + "' is neither an absolute path nor a file:, http: or"
                    + " https: URL.");
        }
        return new Directory(location.strip(), path);
    }

    /** A directory of this host, e.g. the snapshot being built. */
    public static MetadataSource directory(Path repository, String label) {
        return new Directory(label, repository);
    }

    /** The raw bytes of a file of the repository, e.g. {@code repodata/repomd.xml}. */
    abstract InputStream openRaw(String href) throws IOException;

    /** A metadata file, decompressed as the suffix of its href says ({@link MetadataCompression}). */
    InputStream open(String href) throws IOException {
        return MetadataCompression.open(openRaw(href), label.replaceAll("/+$", "") + "/" + href);
    }

    private static final class Directory extends MetadataSource {
        private final Path repository;

        Directory(String label, Path repository) {
            super(label);
            this.repository = repository;
        }

        @Override
        InputStream openRaw(String href) throws IOException {
            Path file = repository.resolve(href).normalize();
            if (!file.startsWith(repository.normalize())) {
                throw new IOException(label() + ": " + href + " points outside the repository");
            }
            try {
                return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
            } catch (NoSuchFileException e) {
                throw new IOException(label() + ": " + file + " does not exist", e);
            }
        }
    }

    private static final class Http extends MetadataSource {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final URI base;

        Http(String label, URI base) {
            super(label);
            this.base = base;
        }

        @Override
        InputStream openRaw(String href) throws IOException {
            URI uri = base.resolve(href);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
            try {
                HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                return new BufferedInputStream(response.body(), 64 * 1024);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + uri, e);
            }
        }
    }
}
