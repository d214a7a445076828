package io.jenkins.plugins.stagedrollout.core.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is rolled out: middleware stack with optional major version ({@code UMD-4}, {@code EMI-1.0},
 * {@code CA}), component, version and optionally OS and architecture (always together).
 * The short ticket form {@code Staged Rollout CA 1.38} has no component token: the component is then the
 * stack name and {@link #ticketTitle()} prints the short form again.
 */
public record Release(String stack, String majorVersion, String component, String version, String os, String arch)
        implements Serializable {

    public static final String TITLE_PREFIX = "Staged Rollout ";
    private static final Pattern STACK = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern MAJOR = Pattern.compile("[0-9][A-Za-z0-9._]*");
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9._+~-]*");
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.]*");

    public Release {
        check(stack, STACK, "stack", "letters, digits and '_' starting with a letter, e.g. UMD or EMI");
        if (majorVersion != null) {
            check(majorVersion, MAJOR, "major version", "a number such as 4 or 1.0");
        }
        check(component, COMPONENT, "component", "letters, digits and _ . + - such as SE-DPM_mysql");
        check(version, VERSION, "version", "starting with a digit, e.g. 1.8.0-1");
        if ((os == null) != (arch == null)) {
            throw new InvalidNameException("Release " + stack + " " + component + " " + version
                    + " has " + (os == null ? "an arch but no OS" : "an OS but no arch")
                    + "; give both (e.g. SL5 x86_64) or neither");
        }
        if (os != null) {
            check(os, PLATFORM, "OS", "a name such as SL5 or el9");
            check(arch, PLATFORM, "arch", "a name such as x86_64");
        }
    }

    public static Release of(String stackAndMajor, String component, String version) {
        return of(stackAndMajor, component, version, null, null);
    }

    /** {@code stackAndMajor} is {@code UMD-4}, {@code EMI-1.0} or a bare stack such as {@code CA}. */
    public static Release of(String stackAndMajor, String component, String version, String os, String arch) {
        if (stackAndMajor == null || stackAndMajor.isBlank()) {
            throw new InvalidNameException("The release has no stack; give STACK-Major such as UMD-4 or a bare stack such as CA");
        }
        int dash = stackAndMajor.indexOf('-');
        String stack = dash < 0 ? stackAndMajor : stackAndMajor.substring(0, dash);
        String major = dash < 0 ? null : stackAndMajor.substring(dash + 1);
        return new Release(stack, major, component, version, os, arch);
    }

    /** Parses {@code Staged Rollout <STACK-Major> <COMPONENT> <VERSION> [<OS> <ARCH>]} or the short {@code Staged Rollout CA 1.38}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Release parseTitle(String title) {
        String example = "e.g. 'Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64' or 'Staged Rollout CA 1.38'";
        if (title == null || !title.strip().regionMatches(true, 0, TITLE_PREFIX, 0, TITLE_PREFIX.length())) {
            throw new InvalidNameException("Ticket title '" + title + "' does not start with '" + TITLE_PREFIX.strip()
                    + "'; write it as " + example);
        }
        String[] t = title.strip().substring(TITLE_PREFIX.length()).strip().split("\\s+");
        return switch (t.length) {
            case 2 -> of(t[0], t[0].contains("-") ? t[0].substring(0, t[0].indexOf('-')) : t[0], t[1]);
            case 3 -> of(t[0], t[1], t[2]);
            case 5 -> of(t[0], t[1], t[2], t[3], t[4]);
            default -> throw new InvalidNameException("Ticket title '" + title + "' has " + t.length
                    + " words after 'Staged Rollout'; expected STACK-Major COMPONENT VERSION [OS ARCH], " + example);
        };
    }

    /** {@code UMD-4}, {@code EMI-1.0} or {@code CA}. */
    public String stackRelease() {
        return majorVersion == null ? stack : stack + "-" + majorVersion;
    }

    public Optional<String> platform() {
        return os == null ? Optional.empty() : Optional.of(os + " " + arch);
    }

    private boolean shortForm() {
        return majorVersion == null && os == null && component.equals(stack);
    }

    @JsonValue
    public String ticketTitle() {
        StringBuilder sb = new StringBuilder(TITLE_PREFIX).append(stackRelease());
        if (!shortForm()) {
            sb.append(' ').append(component);
        }
        sb.append(' ').append(version);
        platform().ifPresent(p -> sb.append(' ').append(p));
        return sb.toString();
    }

    /** {@code <MW stack>-<component>-<version>}, the common tail of report and summary file names. */
    public String fileNameStem() {
        return stack + "-" + component + "-" + version;
    }

    @Override
    public String toString() {
        return ticketTitle();
    }

    private static void check(String value, Pattern pattern, String what, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidNameException("Release " + what + " '" + value + "' is invalid; use " + expected);
        }
    }
}
