package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a log the way a person would: line by line, without the engine's recovery. */
final class EventLogTestSupport {
    private EventLogTestSupport() {
    }

    /** Valid lines whose change has the given type. */
    static long count(Path log, Class<? extends Change> type) {
        try {
            return Files.readAllLines(log).stream().map(EventCodec::decode).filter(e -> e != null && type.isInstance(e.change())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
