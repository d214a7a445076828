package io.jenkins.plugins.stagedrollout.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of an installed program, as a shell would start it: its exit code and output (standard error merged). */
record Command(int exit, String out) {

    static Command run(Path workingDirectory, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Command(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This result, after checking it succeeded; otherwise an error with the command's output. */
    Command ok() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ":\n" + out);
        }
        return this;
    }
}
