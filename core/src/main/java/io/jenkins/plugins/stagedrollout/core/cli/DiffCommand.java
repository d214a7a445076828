package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.StageInspector;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diff}: what changed between two retained snapshots of one repository, as NEVRAs. */
@Command(name = "diff", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Show what changed from one retained snapshot to another (see 'snapshots'): '+ NEVRA' added, '- NEVRA' gone.")
final class DiffCommand extends RepoCli.RepositoryCommand {

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage, e.g. testing.")
    String stage;

    @Parameters(index = "0", paramLabel = "FROM", description = "The earlier snapshot's id.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The later snapshot's id.")
    String to;

    @Override
    public Integer call() {
        StageInspector.SnapshotDiff diff = new StageInspector(repository.layout()).diff(stage, where.os, where.arch, from, to);
        PrintWriter out = spec.commandLine().getOut();
        if (diff.added().isEmpty() && diff.removed().isEmpty()) {
            out.println("Snapshots " + from + " and " + to + " hold the same packages.");
        }
        diff.added().forEach(nevra -> out.println("+ " + nevra));
        diff.removed().forEach(nevra -> out.println("- " + nevra));
        out.flush();
        return ExitCode.OK;
    }
}
