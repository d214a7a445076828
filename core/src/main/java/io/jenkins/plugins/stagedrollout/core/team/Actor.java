package io.jenkins.plugins.stagedrollout.core.team;

import java.io.Serializable;
import java.util.Set;

/**
 * Who issues a command: a user id, its groups, and whether it administers everything (Jenkins' ADMINISTER, or SYSTEM).
 * {@code speaksFor} holds teams whose contact address this actor was established to be (a mail reply from that
 * address); it is empty for everyone who logged in.
 */
public record Actor(String userId, Set<String> groups, boolean admin, Set<TeamId> speaksFor) implements Serializable {
    /** The clock: reminders, escalations and soak ends are recorded under this name. */
    public static final Actor SYSTEM = new Actor("SYSTEM", Set.of(), true);

    public Actor {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("An actor needs a user id; pass the authenticated user's id");
        }
        groups = Set.copyOf(groups == null ? Set.of() : groups);
        speaksFor = Set.copyOf(speaksFor == null ? Set.of() : speaksFor);
    }

    public Actor(String userId, Set<String> groups, boolean admin) {
        this(userId, groups, admin, Set.of());
    }

    public static Actor user(String userId, String... groups) {
        return new Actor(userId, Set.of(groups), false);
    }

    public static Actor admin(String userId) {
        return new Actor(userId, Set.of(), true);
    }

    /** The sender of a mail whose address is one of the team's contact addresses: it answers for that team only. */
    public static Actor contactAddress(String address, TeamId team) {
        return new Actor(address, Set.of(), false, Set.of(team));
    }
}
