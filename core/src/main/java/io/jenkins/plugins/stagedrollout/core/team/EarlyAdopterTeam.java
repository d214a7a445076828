package io.jenkins.plugins.stagedrollout.core.team;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * A team, the addresses its mail goes to, and who acts for it: listed user ids and/or the members of a
 * group (the seed's SSO group named like the team).
 */
public record EarlyAdopterTeam(TeamId id, List<String> contacts, Set<String> members, String group) implements Serializable {

    public EarlyAdopterTeam {
        contacts = List.copyOf(contacts == null ? List.of() : contacts);
        members = Set.copyOf(members == null ? Set.of() : members);
        if (contacts.isEmpty()) {
            throw new InvalidNameException("Team " + id + " has no contact address; give at least one e-mail address");
        }
        for (String c : contacts) {
            if (!c.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new InvalidNameException("Team " + id + " contact '" + c + "' is not an e-mail address; write user@host.domain");
            }
        }
        if (members.isEmpty() && (group == null || group.isBlank())) {
            throw new InvalidNameException("Team " + id + " has neither members nor a group, so nobody could answer for it;"
                    + " give member user ids or a group name");
        }
    }

    public static EarlyAdopterTeam of(String id, List<String> contacts, Set<String> members, String group) {
        return new EarlyAdopterTeam(TeamId.parse(id), contacts, members, group);
    }
}
