package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;

/** One retained snapshot of a repository; {@code served} marks the one clients see now. */
public record SnapshotInfo(String id, String createdAt, int packageCount, boolean served) implements Serializable {
}
