package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the events of one command, applying each so follow-up rules see the rollout as it will be. */
final class Draft {
    private final Rollout before;
    private final List<Event> events = new ArrayList<>();
    private Rollout current;
    final Instant now;

    Draft(Rollout before, Instant now) {
        this.before = before;
        this.current = before;
        this.now = now;
    }

    Rollout current() {
        return current;
    }

    void emit(Actor actor, Change change) {
        String digest = change instanceof Change.PackageSetBound p ? p.packages().digest() : current.packageDigest();
        Event e = new Event(current.lastSeq() + 1, now, actor.userId(), current.release().ticketTitle(), digest, false, change);
        current = current.apply(e);
        events.add(e);
    }

    /** Marks the command's last event, then rebuilds the result from the final events so it equals a replay. */
    Transition done() {
        if (events.isEmpty()) {
            return new Transition(before, List.of());
        }
        Event last = events.get(events.size() - 1);
        events.set(events.size() - 1, new Event(last.seq(), last.at(), last.actor(), last.release(), last.packageDigest(), true, last.change()));
        Rollout after = before;
        for (Event e : events) {
            after = after.apply(e);
        }
        return new Transition(after, events);
    }
}
