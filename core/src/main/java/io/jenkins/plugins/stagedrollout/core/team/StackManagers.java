package io.jenkins.plugins.stagedrollout.core.team;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/** The Staged Rollout Managers of one middleware stack (e.g. UMD, ARC): who they are and where escalations go. */
public record StackManagers(String stack, Set<String> users, Set<String> groups, List<String> emails) implements Serializable {
    public StackManagers {
        users = Set.copyOf(users == null ? Set.of() : users);
        groups = Set.copyOf(groups == null ? Set.of() : groups);
        emails = List.copyOf(emails == null ? List.of() : emails);
        if (stack == null || stack.isBlank()) {
            throw new IllegalArgumentException("Stack managers need the stack name, e.g. UMD or EMI");
        }
    }
}
