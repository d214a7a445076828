package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Serializable;
import java.time.Instant;

/**
 * One durable change: sequence number, time, who, the release title and package-set digest it is bound to,
 * and what changed. {@code endOfCommand} marks the last event of one command, so a crash in the middle of a
 * multi-event command is recognised on replay and the incomplete command is dropped as a whole.
 */
public record Event(long seq, Instant at, String actor, String release, String packageDigest, boolean endOfCommand,
                    Change change) implements Serializable {
}
