package io.jenkins.plugins.stagedrollout.core.repo;

/**
 * The one exception type of the repository engine: says what went wrong and how to fix it.
 * Whenever it is thrown the served repository is exactly as it was before the call.
 */
public final class RepositoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Lets callers (the CLI exit code, the Jenkins step result) react without parsing messages. */
    public enum Kind {
        /** The caller asked for something impossible: unknown stage or package, path escape, corrupt RPM... */
        BAD_INPUT,
        /** Another writer holds the repository lock. */
        BUSY,
        /** createrepo_c or gpg is missing, failed or timed out. */
        TOOL_FAILURE,
        /** The filesystem failed (full disk, permissions). */
        IO_FAILURE
    }

    private final Kind kind;
    private final String problem;
    private final String fix;

    public RepositoryException(Kind kind, String problem, String fix) {
        this(kind, problem, fix, null);
    }

    public RepositoryException(Kind kind, String problem, String fix, Throwable cause) {
        super(problem + " Fix: " + fix, cause);
        this.kind = kind;
        this.problem = problem;
        this.fix = fix;
    }

    public Kind kind() {
        return kind;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }

    static RepositoryException badInput(String problem, String fix) {
        return new RepositoryException(Kind.BAD_INPUT, problem, fix);
    }
}
