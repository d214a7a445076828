package io.jenkins.plugins.stagedrollout.core.rollout;

/** A team's acknowledgement; WITHDRAW takes back an earlier accept or reject. */
public enum AnswerKind {
    ACCEPT,
    REJECT,
    WITHDRAW
}
