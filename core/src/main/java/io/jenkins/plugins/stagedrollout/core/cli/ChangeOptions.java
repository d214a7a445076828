package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.ChangeNote;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import picocli.CommandLine.Option;

/**
 * What every change made with the tool records in the repository's change log: the OS user, and why (a picocli
 * mixin of promote, withdraw and rollback).
 */
final class ChangeOptions {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: kept in the repository's change log with who and when; "
            + "required with --allow-broken-deps, --out-of-order and --unsigned.")
    String reason;

    @Option(names = "--unsigned", description = "Change a signed stage without the signing key: its new (or served again) snapshot is "
            + "unsigned (needs --reason; recorded in the change log).")
    boolean unsigned;

    /** The engine making its changes as the OS user, through the tool. */
    RepositoryEngine as(RepositoryEngine engine, boolean outOfOrder) {
        return engine.by(new ChangeNote(System.getProperty("user.name"), ChangeNote.CLI, reason, unsigned, outOfOrder));
    }
}
