package io.jenkins.plugins.stagedrollout.core.team;

import java.io.Serializable;
import java.util.Set;

/** Who issues a command: a user id, its groups, and whether it administers everything (Jenkins' ADMINISTER, or SYSTEM). */
public record Actor(String userId, Set<String> groups, boolean admin) implements Serializable {
    /** The clock: reminders, escalations and soak ends are recorded under this name. */
    public static final Actor SYSTEM = new Actor("SYSTEM", Set.of(), true);

    public Actor {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("An actor needs a user id; pass the authenticated user's id");
        }
        groups = Set.copyOf(groups == null ? Set.of() : groups);
    }

    public static Actor user(String userId, String... groups) {
        return new Actor(userId, Set.of(groups), false);
    }

    public static Actor admin(String userId) {
        return new Actor(userId, Set.of(), true);
    }
}
