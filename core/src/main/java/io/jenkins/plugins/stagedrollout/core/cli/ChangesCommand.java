package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.ChangeRecord;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changes}: who changed a stage, when, what and why, from its change log. */
@Command(name = "changes", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "List the changes of a repository, oldest first: when, who (the OS user of this tool, or jenkins), through what "
                + "(cli or jenkins), what changed and why (--reason), with [unsigned] and [out of order] where those were allowed.")
final class ChangesCommand extends RepoCli.RepositoryCommand {

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage, e.g. testing.")
    String stage;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ChangeRecord change : engine().changes(stage, where.os, where.arch)) {
            out.println(change.describe());
        }
        out.flush();
        return ExitCode.OK;
    }
}
