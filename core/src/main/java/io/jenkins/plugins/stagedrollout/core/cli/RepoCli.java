package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.DependencyOverride;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepoFile;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.SnapshotInfo;
import io.jenkins.plugins.stagedrollout.core.repo.StageInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staged-rollout-repo}: the repository engine for repository hosts, without Jenkins. */
@Command(name = "staged-rollout-repo", mixinStandardHelpOptions = true, version = "staged-rollout-repo 1.0",
        description = "Promote, withdraw and roll back RPM packages between the stage repositories (untested -> testing -> production), "
                + "atomically: clients see the old or the new repository, never a mix.",
        footer = ExitCode.HELP,
        subcommands = {RepoCli.Promote.class, RepoCli.Withdraw.class, RepoCli.Rollback.class, RepoCli.Snapshots.class, DiffCommand.class, AdoptCommand.class,
                RepoCli.RepoFileCommand.class, ChangesCommand.class, CommandLine.HelpCommand.class})
public final class RepoCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (exit codes for engine errors included), for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RepoCli());
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            if (error instanceof RepositoryException failure) {
                cmd.getErr().println("staged-rollout-repo: " + failure.getMessage());
                cmd.getErr().flush();
                return ExitCode.of(failure.kind());
            }
            throw error;
        });
        // the temporary keyring of --gpg-key-file lives only while its command runs
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                for (CommandLine.ParseResult sub = parseResult; sub != null; sub = sub.subcommand()) {
                    if (sub.commandSpec().userObject() instanceof RepositoryCommand command) {
                        command.repository.close();
                    }
                }
            }
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: promote, withdraw, rollback, snapshots, diff, adopt or repo-file.");
    }

    /** The repository one command works on. */
    static final class Coordinates {
        @Option(names = "--os", required = true, paramLabel = "OS", description = "Operating system directory, e.g. el9.")
        String os;

        @Option(names = "--arch", required = true, paramLabel = "ARCH", description = "Architecture directory, e.g. x86_64.")
        String arch;
    }

    /** What the commands that change or read one repository share: its options, coordinates and output. */
    abstract static class RepositoryCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RepositoryOptions repository;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        Coordinates where;

        RepositoryEngine engine() {
            return repository.engine(spec.commandLine().getErr());
        }

        void print(PromotionResult result) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.message());
            if (result.dependencyReport() != null && !result.dependencyReport().closed()) {
                out.println("Unmet requirements (published anyway):");
                out.print(result.dependencyReport().describe(Integer.MAX_VALUE));
            }
            result.packagesAdded().forEach(name -> out.println("+ " + name));
            result.packagesRemoved().forEach(name -> out.println("- " + name));
            out.flush();
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
            description = "Bring packages of one stage into the next one (new snapshot, createrepo_c, verification, atomic switch). "
                    + "Promoting what is already there changes nothing and says so.")
    static final class Promote extends RepositoryCommand {

        @Option(names = "--from", required = true, paramLabel = "STAGE", description = "Source stage, e.g. untested.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "STAGE", description = "Target stage, e.g. testing.")
        String to;

        @Option(names = "--allow-broken-deps", description = "Publish even when the dependency check finds requirements nothing meets "
                + "(needs --reason; who and why are printed with the unmet requirements).")
        boolean allowBrokenDeps;

        @Option(names = "--out-of-order", description = "Promote although it skips a stage or goes backwards in the stage order "
                + "(needs --reason; recorded in the change log).")
        boolean outOfOrder;

        @Mixin
        ChangeOptions change;

        @Parameters(arity = "1..*", paramLabel = "PACKAGE",
                description = "File names, NEVRAs (name-[epoch:]version-release.arch), package names or globs (quote them).")
        List<String> packages;

        @Override
        public Integer call() {
            if (allowBrokenDeps && change.reason == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--allow-broken-deps needs --reason TEXT: say why the release may be published with unmet requirements.");
            }
            if (outOfOrder && change.reason == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--out-of-order needs --reason TEXT: say why the stage order is not kept.");
            }
            Optional<DependencyOverride> override = allowBrokenDeps
                    ? Optional.of(new DependencyOverride(System.getProperty("user.name"), change.reason)) : Optional.empty();
            RepositoryEngine engine = change.as(engine(), outOfOrder);
            StageOrder.require(engine.layout().stages(), from, to, outOfOrder);
            print(engine.promote(from, to, where.os, where.arch, PackageSelection.of(packages), override));
            return ExitCode.OK;
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
            description = "Take packages out of a stage (e.g. a rejected release out of testing), as a new snapshot.")
    static final class Withdraw extends RepositoryCommand {

        @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage to withdraw from, e.g. testing.")
        String stage;

        @Parameters(arity = "1..*", paramLabel = "PACKAGE", description = "File names, NEVRAs, package names or globs (quote them).")
        List<String> packages;

        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() {
            print(change.as(engine(), false).withdraw(stage, where.os, where.arch, PackageSelection.of(packages)));
            return ExitCode.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
            description = "Serve again, in one atomic switch, the previous state (the one served before the current one, withdrawn states "
                    + "skipped; without SNAPSHOT or with --previous) or a retained snapshot by id (see 'snapshots'). The content it takes out "
                    + "is withdrawn: the states holding it are never offered as the previous state again.")
    static final class Rollback extends RepositoryCommand {

        @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage to roll back, e.g. production.")
        String stage;

        @Option(names = "--previous", description = "Serve the previous state (the default without SNAPSHOT).")
        boolean previous;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT", description = "Id of a retained snapshot.")
        String snapshot;

        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() {
            if (previous && snapshot != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give either --previous or a SNAPSHOT id, not both.");
            }
            RepositoryEngine engine = change.as(engine(), false);
            print(snapshot == null ? engine.rollbackToPrevious(stage, where.os, where.arch) : engine.rollback(stage, where.os, where.arch, snapshot));
            return ExitCode.OK;
        }
    }

    @Command(name = "snapshots", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
            description = "List the retained snapshots of a repository, oldest first; '*' marks the served one. LAST SERVED is when each was last "
                    + "served (publication, rollback or undo); STATE says which one 'rollback --previous' serves (previous) and which were withdrawn "
                    + "(a rollback or an undo took their content out: never the previous state, pruned first).")
    static final class Snapshots extends RepositoryCommand {

        @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "Stage, e.g. testing.")
        String stage;

        @Option(names = "--show", paramLabel = "SNAPSHOT", description = "List what one snapshot holds instead: its NEVRAs and the unmet "
                + "requirements accepted with it (--allow-broken-deps).")
        String show;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StageInspector inspector = new StageInspector(repository.layout());
            inspector.requireExisting(stage, where.os, where.arch);
            Optional<Integer> plain = inspector.plainDirectoryPackages(stage, where.os, where.arch);
            if (plain.isPresent() && inspector.isSourceStage(stage)) {
                out.println(repository.layout().label(stage, where.os, where.arch) + " is a plain directory of " + plain.get() + " package(s), as a"
                        + " source stage usually is: promotions read its packages where they are, so it has no snapshots.");
                out.flush();
                return ExitCode.OK;
            }
            List<SnapshotInfo> snapshots = engine().snapshots(stage, where.os, where.arch);
            if (show != null) {
                SnapshotView.print(out, repository.layout().label(stage, where.os, where.arch),
                        snapshots.stream().filter(info -> info.id().equals(show)).findFirst(), inspector.show(stage, where.os, where.arch, show));
                return ExitCode.OK;
            }
            out.printf("%-1s %-26s %-30s %-30s %-12s %s%n", "", "SNAPSHOT", "CREATED", "LAST SERVED", "STATE", "PACKAGES");
            for (SnapshotInfo snapshot : snapshots) {
                out.printf("%-1s %-26s %-30s %-30s %-12s %d%n", snapshot.served() ? "*" : "", snapshot.id(), snapshot.createdAt(),
                        snapshot.lastServedAt() == null ? "-" : snapshot.lastServedAt(),
                        snapshot.state() == SnapshotInfo.State.RETAINED ? "-" : snapshot.state().label(), snapshot.packageCount());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "repo-file", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
            description = "Write the yum/dnf .repo file with which sites consume one stage.")
    static final class RepoFileCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "Repository id, e.g. UMD-5-testing.")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Human name, e.g. 'UMD 5 el9 x86_64 Testing'.")
        String name;

        @Option(names = "--baseurl", required = true, paramLabel = "URL", description = "URL of the stage repository as served over HTTP.")
        String baseUrl;

        @Option(names = "--gpgkey", paramLabel = "URL", description = "URL of the package signing key (turns gpgcheck on).")
        String gpgKey;

        @Option(names = "--gpg-key-url", paramLabel = "URL", description = "URL of the key that signs the stage's repomd.xml: writes "
                + "repo_gpgcheck=1, so clients check the metadata's signature (repodata/repomd.xml.asc), and adds the URL to gpgkey=.")
        String repoKeyUrl;

        @Option(names = "--no-repo-gpgcheck", description = "Leave repo_gpgcheck out although the stage is signed, for clients that cannot check "
                + "it (e.g. a mirror that drops repomd.xml.asc).")
        boolean noRepoGpgCheck;

        @Option(names = "--served", paramLabel = "DIR", description = "The stage repository on this host, e.g. /srv/repo/testing/el9/x86_64: "
                + "a signed one (repodata/repomd.xml.asc) needs --gpg-key-url or --no-repo-gpgcheck, an unsigned one takes no --gpg-key-url.")
        Path served;

        @Option(names = "--priority", paramLabel = "N", description = "yum/dnf priority 1..99 (optional).")
        Integer priority;

        @Option(names = "--disabled", description = "Write enabled=0.")
        boolean disabled;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            String repoKey = RepoFileSigning.repositoryKey(served, repoKeyUrl, noRepoGpgCheck);
            String text = RepoFile.of(id, name, baseUrl, gpgKey).withPriority(priority).withEnabled(!disabled).withRepoGpgKey(repoKey).render();
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                try {
                    Files.writeString(output, text);
                } catch (IOException e) {
                    throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot write " + output + ": " + e.getMessage() + ".",
                            "Check that its directory exists and is writable.", e);
                }
            }
            return ExitCode.OK;
        }
    }
}
