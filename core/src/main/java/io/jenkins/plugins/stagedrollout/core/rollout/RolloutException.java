package io.jenkins.plugins.stagedrollout.core.rollout;

/**
 * The one exception every rollout command throws when it breaks a rule. The message names the problem and the
 * fix; the rollout and its log are unchanged when it is thrown.
 */
public class RolloutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RolloutException(String message) {
        super(message);
    }

    public RolloutException(String message, Throwable cause) {
        super(message, cause);
    }
}
