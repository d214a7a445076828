package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A yum/dnf {@code .repo} file for sites that consume one stage, as in the EGI staged rollout page:
 * <pre>
 * [UMD-3-testing]
 * name=UMD3 SL6 x86_64 Testing
 * baseurl=https://repository.example.org/umd/3/testing/sl6/x86_64/
 * enabled=1
 * gpgcheck=1
 * gpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-3
 * </pre>
 * {@code gpgKey} and {@code priority} are optional (null leaves the line out). For a signed stage (its
 * {@code repodata/repomd.xml.asc} served) {@code repoGpgKey}, the URL of the key that signs the metadata, turns
 * {@code repo_gpgcheck=1} on: dnf then checks the signature of {@code repomd.xml} too, with the keys of {@code gpgkey=}.
 */
public record RepoFile(String id, String name, String baseUrl, boolean enabled, boolean gpgCheck, String gpgKey,
                       Integer priority, String repoGpgKey) implements Serializable {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern URL = Pattern.compile("(https?|ftp|file)://\\S+");

    public RepoFile {
        if (id == null || !ID.matcher(id).matches()) {
            throw RepositoryException.badInput("The repository id '" + id + "' is not valid in a .repo file.",
                    "Use letters, digits and . _ : - only, e.g. UMD-5-testing.");
        }
        if (name == null || name.isBlank() || name.contains("\n") || name.contains("\r")) {
            throw RepositoryException.badInput("The repository name must be one non-empty line.", "Give e.g. 'UMD 5 el9 x86_64 Testing'.");
        }
        requireUrl("baseurl", baseUrl);
        if (gpgKey != null) {
            requireUrl("gpgkey", gpgKey);
        }
        if (gpgCheck && gpgKey == null) {
            // dnf would refuse every package of a signed repository without a key to check it with.
            throw RepositoryException.badInput("gpgcheck=1 needs a gpgkey URL.", "Give the URL of the public key, or turn gpgcheck off.");
        }
        if (repoGpgKey != null) {
            requireUrl("repository key URL", repoGpgKey);
        }
        if (priority != null && (priority < 1 || priority > 99)) {
            throw RepositoryException.badInput("The priority " + priority + " is outside 1..99.", "Give a priority between 1 (highest) and 99.");
        }
    }

    /** A repository whose metadata is not checked (no repo_gpgcheck). */
    public RepoFile(String id, String name, String baseUrl, boolean enabled, boolean gpgCheck, String gpgKey, Integer priority) {
        this(id, name, baseUrl, enabled, gpgCheck, gpgKey, priority, null);
    }

    /** An enabled repository with package signature checking against {@code gpgKey} (null turns gpgcheck off). */
    public static RepoFile of(String id, String name, String baseUrl, String gpgKey) {
        return new RepoFile(id, name, baseUrl, true, gpgKey != null, gpgKey, null);
    }

    public RepoFile withPriority(Integer newPriority) {
        return new RepoFile(id, name, baseUrl, enabled, gpgCheck, gpgKey, newPriority, repoGpgKey);
    }

    public RepoFile withEnabled(boolean newEnabled) {
        return new RepoFile(id, name, baseUrl, newEnabled, gpgCheck, gpgKey, priority, repoGpgKey);
    }

    /** repo_gpgcheck=1, checked with the key at {@code url} (null: off). */
    public RepoFile withRepoGpgKey(String url) {
        return new RepoFile(id, name, baseUrl, enabled, gpgCheck, gpgKey, priority, url);
    }

    public String render() {
        StringBuilder text = new StringBuilder()
                .append('[').append(id).append("]\n")
                .append("name=").append(name.strip()).append('\n')
                .append("baseurl=").append(baseUrl).append('\n')
                .append("enabled=").append(enabled ? 1 : 0).append('\n')
                .append("gpgcheck=").append(gpgCheck ? 1 : 0).append('\n');
        if (repoGpgKey != null) {
            text.append("repo_gpgcheck=1\n");
        }
        // one gpgkey= line: dnf reads every URL of it, for packages and for repomd.xml alike
        String keys = gpgKey == null ? repoGpgKey : repoGpgKey == null || repoGpgKey.equals(gpgKey) ? gpgKey : gpgKey + " " + repoGpgKey;
        if (keys != null) {
            text.append("gpgkey=").append(keys).append('\n');
        }
        if (priority != null) {
            text.append("priority=").append(priority).append('\n');
        }
        return text.toString();
    }

    private static void requireUrl(String key, String value) {
        if (value == null || !URL.matcher(value).matches()) {
            throw RepositoryException.badInput("The " + key + " '" + value + "' is not a URL.",
                    "Give an http(s)://, ftp:// or file:// URL without spaces.");
        }
    }
}
