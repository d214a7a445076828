package io.jenkins.plugins.stagedrollout.agent;

import hudson.AbortException;

/** A refused or failed repository operation: the build fails with the engine's message and no stack trace. */
public final class RepositoryOperationException extends AbortException {

    private static final long serialVersionUID = 1L;

    public RepositoryOperationException(String message) {
        super(message);
    }
}
