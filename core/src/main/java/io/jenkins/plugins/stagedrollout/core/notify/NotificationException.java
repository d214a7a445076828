package io.jenkins.plugins.stagedrollout.core.notify;

/** A message could not be delivered to the mail server. The change that caused it is already recorded. */
public class NotificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
