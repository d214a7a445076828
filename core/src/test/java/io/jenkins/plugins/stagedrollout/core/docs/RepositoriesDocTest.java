package io.jenkins.plugins.stagedrollout.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.cli.RepoCli;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command shown in {@code docs/repositories.md} is run, so that the repository hosts' guide cannot show a
 * command that does not work.
 *
 * <p>The rule, also stated at the top of that page:
 * <ul>
 *   <li>every fenced block opened with {@code ```sh} is a command block: the blocks are run in the order of the page,
 *       each as one {@code bash} script with {@code set -e}, against one scratch repository root, so a later block sees
 *       what the earlier ones did; each must exit 0;</li>
 *   <li>a {@code ```sh} block directly followed (blank lines aside) by a {@code ```output} block must print every line of
 *       it (standard output and standard error together; snapshot ids, instants and runs of spaces are compared
 *       loosely, since they change from run to run);</li>
 *   <li>what cannot run in a test (installing the tool's RPM with dnf on an EL host, a web server's configuration,
 *       messages shown as examples) is fenced otherwise: {@code ```console}, {@code ```text}, {@code ```json}.</li>
 * </ul>
 *
 * <p>The scratch root: the page's root {@code /srv/repos/umd4} is rewritten to a temporary directory whose
 * {@code untested/el9/x86_64} (and {@code untested/el9/aarch64}) holds real RPMs ({@link RpmFixtures}):
 * {@code bdii-site-1.0.0-1.el9.noarch}, {@code bdii-site-1.0.1-1.el9.noarch} and {@code argus-pap-1.7.4-1.el9.noarch}.
 * {@code staged-rollout-repo} on the {@code PATH} runs {@link RepoCli} with this test's class path; the real
 * {@code createrepo_c} does the work. Each block runs in a scratch working directory.
 */
class RepositoriesDocTest {

    static final Path DOC = Path.of("..", "docs", "repositories.md");
    static final String DOCUMENTED_ROOT = "/srv/repos/umd4";

    @TempDir
    static Path scratch;

    /** A command block of the page and the output shown under it (null when none is shown). */
    record Block(int line, String script, List<String> output) {
    }

    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```sh")) {
                continue;
            }
            int start = i + 1;
            int end = closing(lines, start);
            String script = String.join("\n", lines.subList(start, end)) + "\n";
            List<String> output = null;
            int next = end + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (next < lines.size() && lines.get(next).strip().equals("```output")) {
                int outEnd = closing(lines, next + 1);
                output = List.copyOf(lines.subList(next + 1, outEnd));
                end = outEnd;
            }
            blocks.add(new Block(start, script, output));
            i = end;
        }
        return blocks;
    }

    private static int closing(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        throw new AssertionError("docs/repositories.md: the block opened before line " + from + " is never closed");
    }

    @TestFactory
    Stream<DynamicTest> everyShCommandBlockRuns() throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(DOC, StandardCharsets.UTF_8));
        assertThat(blocks).as("sh blocks in " + DOC).hasSizeGreaterThanOrEqualTo(10);
        Path root = scratch.resolve("repos/umd4");
        for (String arch : List.of("x86_64", "aarch64")) {
            Path untested = root.resolve("untested/el9").resolve(arch);
            RpmFixtures.write(untested, "bdii-site", "1.0.0", "1.el9", "noarch");
            RpmFixtures.write(untested, "bdii-site", "1.0.1", "1.el9", "noarch");
            RpmFixtures.write(untested, "argus-pap", "1.7.4", "1.el9", "noarch");
        }
        Path bin = scratch.resolve("bin");
        Files.createDirectories(bin);
        Path tool = bin.resolve("staged-rollout-repo");
        Files.writeString(tool, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + RepoCli.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = scratch.resolve("work");
        Files.createDirectories(work);
        return blocks.stream().map(b -> DynamicTest.dynamicTest("docs/repositories.md line " + b.line(),
                () -> run(b, root, bin, work)));
    }

    private static void run(Block block, Path root, Path bin, Path work) throws IOException, InterruptedException {
        String script = "set -e\n" + block.script().replace(DOCUMENTED_ROOT, root.toString());
        Path file = work.resolve("block-" + block.line() + ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("block at line %d finished", block.line()).isTrue();
        assertThat(p.exitValue())
                .as("docs/repositories.md line %d:%n%s%nexited %d with output:%n%s", block.line(), block.script(), p.exitValue(), out)
                .isZero();
        if (block.output() != null) {
            String shown = loose(out);
            for (String expected : block.output()) {
                if (!expected.isBlank()) {
                    assertThat(shown).as("docs/repositories.md line %d: the output shown under the command%n--- actual:%n%s", block.line(), out)
                            .contains(loose(expected.replace(DOCUMENTED_ROOT, root.toString())));
                }
            }
        }
    }

    /** Snapshot ids and instants change from run to run, and column widths with them. */
    static String loose(String text) {
        return text.replaceAll("\\d{8}T\\d{6}\\.\\d{3}Z", "<snapshot>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>")
                .replaceAll("[ \\t]+", " ")
                .strip();
    }
}
