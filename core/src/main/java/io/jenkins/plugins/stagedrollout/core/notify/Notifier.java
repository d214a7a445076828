package io.jenkins.plugins.stagedrollout.core.notify;

/** The port through which the process talks to people. */
public interface Notifier {
    void send(Notification notification);

    /** For hosts that do not mail (tests of other parts, dry runs). */
    Notifier NONE = n -> { };
}
