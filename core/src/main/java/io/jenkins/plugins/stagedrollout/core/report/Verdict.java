package io.jenkins.plugins.stagedrollout.core.report;

/** The EA team's bottom line after exposing the update to production. */
public enum Verdict {
    POSITIVE,
    NEGATIVE
}
