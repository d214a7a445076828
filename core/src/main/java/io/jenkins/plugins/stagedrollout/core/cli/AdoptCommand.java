package io.jenkins.plugins.stagedrollout.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adopt}: a hand-made repository taken over into the snapshot layout, without an outage. */
@Command(name = "adopt", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Take over a plain directory at a stage's path (a hand-made repository: RPMs and their repodata) into the snapshot "
                + "layout: its content, as it is, becomes the first snapshot and the path a link to it, so every later change is atomic. "
                + "Clients find no repository only between two renames in a row (microseconds; see docs/repositories.md). "
                + "Adopting a stage already served from snapshots changes nothing and says so.")
final class AdoptCommand extends RepoCli.RepositoryCommand {

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage to take over, e.g. production.")
    String stage;

    @Override
    public Integer call() {
        print(engine().adopt(stage, where.os, where.arch));
        return ExitCode.OK;
    }
}
