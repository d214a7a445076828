package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.concurrent.Executor;

/**
 * A new daemon thread per task, for file work that blocks on the disk (links, RPM headers): not the common
 * pool, which has a single worker on 2 cores and is what the parallel streams inside these tasks need.
 */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static Executor named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
