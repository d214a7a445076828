package io.jenkins.plugins.stagedrollout.core.release;

/** A title, file name, team id or package name that does not follow the Staged Rollout conventions. */
public class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
