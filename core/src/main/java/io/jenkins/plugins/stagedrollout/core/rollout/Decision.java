package io.jenkins.plugins.stagedrollout.core.rollout;

/** The outcome the manager records (the seed's ACCEPT | REJECT drop-down). */
public enum Decision {
    ACCEPT,
    REJECT
}
