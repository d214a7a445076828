package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Serializable;
import java.time.Instant;

/** One acknowledgement as recorded: kind, comment, who gave it, when, by which channel, for which package set. */
public record Answer(AnswerKind kind, String comment, String by, Instant at, String via, String packageDigest)
        implements Serializable {
}
