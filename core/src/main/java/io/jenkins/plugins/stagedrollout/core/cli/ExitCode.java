package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;

/** Exit codes scripts can rely on (documented in docs/repositories.md and in every --help). */
public final class ExitCode {

    /** Done: changed, or nothing needed to change (the output says which). */
    public static final int OK = 0;
    /** An unexpected internal error (a bug: please report it with the stack trace). */
    public static final int INTERNAL = 1;
    /** Wrong command line: unknown option, missing parameter. */
    public static final int USAGE = 2;
    /** Another writer holds the repository lock. */
    public static final int BUSY = 3;
    /** Bad input: unknown stage or package, path escape, corrupt RPM, empty selection... */
    public static final int BAD_INPUT = 4;
    /** createrepo_c or gpg missing, failing or timing out. */
    public static final int TOOL_FAILURE = 5;
    /** Filesystem failure: full disk, permissions. */
    public static final int IO_FAILURE = 6;

    static final String HELP = "Exit codes: 0 done (changed or nothing to do), 1 internal error, 2 usage, 3 repository busy (locked), "
            + "4 bad input, 5 createrepo_c/gpg failure, 6 filesystem failure (e.g. disk full). "
            + "On any non-zero code the served repository is unchanged.";

    private ExitCode() {
    }

    static int of(RepositoryException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> BAD_INPUT;
            case BUSY -> BUSY;
            case TOOL_FAILURE -> TOOL_FAILURE;
            case IO_FAILURE -> IO_FAILURE;
        };
    }
}
