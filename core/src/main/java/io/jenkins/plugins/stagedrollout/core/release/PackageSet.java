package io.jenkins.plugins.stagedrollout.core.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The exact packages under test as NEVRA strings ({@code name-[epoch:]version-release.arch}), sorted and
 * de-duplicated, with a SHA-256 digest of the sorted list: answers and reports are bound to this digest.
 */
public record PackageSet(List<String> nevras, String digest) implements Serializable {
    private static final Pattern NEVRA = Pattern.compile("[A-Za-z0-9_.+-]+-([0-9]+:)?[A-Za-z0-9_.+~^]+-[A-Za-z0-9_.+~^]+\\.[A-Za-z0-9_]+");

    @JsonCreator
    public PackageSet(@JsonProperty("nevras") List<String> nevras, @JsonProperty("digest") String digest) {
        this.nevras = normalise(nevras);
        this.digest = digestOf(this.nevras);
        if (digest != null && !digest.equals(this.digest)) {
            throw new InvalidNameException("Package set digest " + digest + " does not match its NEVRA list (sha256 "
                    + this.digest + "); the list was altered, rebuild the set from the packages");
        }
    }

    public static PackageSet of(List<String> nevras) {
        return new PackageSet(nevras, null);
    }

    public static PackageSet of(String... nevras) {
        return of(List.of(nevras));
    }

    public String shortDigest() {
        return digest.substring(0, 12);
    }

    private static List<String> normalise(List<String> nevras) {
        if (nevras == null || nevras.isEmpty()) {
            throw new InvalidNameException("The package set is empty; list at least one NEVRA such as dpm-1.8.0-1.el9.x86_64");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String n : nevras) {
            String s = n == null ? "" : n.strip();
            if (!NEVRA.matcher(s).matches()) {
                throw new InvalidNameException("Package '" + n + "' is not a NEVRA; write name-[epoch:]version-release.arch"
                        + " such as dpm-1.8.0-1.el9.x86_64");
            }
            sorted.add(s);
        }
        return List.copyOf(sorted);
    }

    private static String digestOf(List<String> sorted) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String n : sorted) {
                sha.update(n.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
