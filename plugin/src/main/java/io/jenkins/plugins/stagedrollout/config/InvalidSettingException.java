package io.jenkins.plugins.stagedrollout.config;

/**
 * A value the Staged Rollout configuration refuses; the message names the value and the fix. Unchecked, so that
 * the form's binding and configuration as code, which call the setters, report it with that message.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the form the value belongs to. */
    public String field() {
        return field;
    }
}
