package io.jenkins.plugins.stagedrollout.core.rollout;

/** The event log cannot be read or written safely: a corrupt line before the end, a file for another rollout, an I/O error. */
public class EventLogException extends RolloutException {
    private static final long serialVersionUID = 1L;

    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
