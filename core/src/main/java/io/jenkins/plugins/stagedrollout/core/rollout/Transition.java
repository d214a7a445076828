package io.jenkins.plugins.stagedrollout.core.rollout;

import java.util.List;

/** The result of a command: the events to append (empty when nothing changes) and the rollout after them. */
public record Transition(Rollout after, List<Event> events) {
    public Transition {
        events = List.copyOf(events);
    }

    public boolean changed() {
        return !events.isEmpty();
    }
}
