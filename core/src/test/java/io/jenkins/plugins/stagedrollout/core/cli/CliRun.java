package io.jenkins.plugins.stagedrollout.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process against one repository root: exit code, standard output and standard error. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RepoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The command (first argument) with {@code --root root} after it. */
    static CliRun at(Path root, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--root", root.toString()));
        return run(all.toArray(String[]::new));
    }
}
