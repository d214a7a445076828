package io.jenkins.plugins.stagedrollout.core.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TeamTest {
    private static final EarlyAdopterTeam INFN = EarlyAdopterTeam.of("ea-NGI_IT-INFN-T1", List.of("ea-infn@example.org"), Set.of("Alice"), null);
    private static final EarlyAdopterTeam CESGA = EarlyAdopterTeam.of("NGI_IBERGRID-CESGA", List.of("ea-cesga@example.org"), Set.of(), "ea-cesga");
    private static final StackManagers UMD = new StackManagers("UMD", Set.of("maria"), Set.of("umd-managers"), List.of("maria@example.org"));

    @ParameterizedTest
    @ValueSource(strings = {"ea-NGI_IT-INFN-T1", "NGI_IT-INFN-T1", "ngi_it-infn-t1", "  EA-ngi_IT-Infn-T1 "})
    void spellingsOfOneTeamAreEqual(String text) {
        TeamId id = TeamId.parse(text);
        assertThat(id.id()).isEqualTo("ea-NGI_IT-INFN-T1");
        assertThat(id.shortId()).isEqualTo("NGI_IT-INFN-T1");
        assertThat(id).isEqualTo(TeamId.parse("ea-NGI_IT-INFN-T1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INFN", "ea-", "ea-NGI_IT-", "NGI IT-INFN", "ea-NGI_IT-INFN T1", "ea-NGI_IT-INFN-"})
    void refusesWhatIsNotATeamId(String text) {
        assertThatThrownBy(() -> TeamId.parse(text)).isInstanceOf(InvalidNameException.class).hasMessage("Team '" + text
                + "' is not an Early Adopter team id; write ea-<NGI>-<Site-name> or <NGI>-<Site-name>, e.g. ea-NGI_IT-INFN-T1");
    }

    @Test
    void membersByUserIdOrGroupAndManagersByStack() {
        Roster roster = Roster.of(List.of(INFN, CESGA), List.of(UMD));
        assertThat(roster.teamsOf(Actor.user("Alice"))).containsExactly(INFN.id());
        assertThat(roster.teamsOf(Actor.user("alice"))).as("exact ids by default").isEmpty();
        assertThat(roster.teamsOf(Actor.user("bob", "ea-cesga", "staff"))).containsExactly(CESGA.id());
        assertThat(roster.managesStack(Actor.user("maria"), "UMD")).isTrue();
        assertThat(roster.managesStack(Actor.user("maria"), "ARC")).isFalse();
        assertThat(roster.managesStack(Actor.user("tom", "umd-managers"), "umd")).isTrue();
        assertThat(roster.managesStack(Actor.admin("root"), "ARC")).isTrue();
        assertThat(roster.mayActFor(Actor.user("Alice"), CESGA.id(), "UMD")).isFalse();
        assertThat(roster.mayActFor(Actor.user("maria"), CESGA.id(), "UMD")).as("a manager transcribes a reply").isTrue();
        assertThat(roster.managerEmails("UMD")).containsExactly("maria@example.org");
        assertThat(roster.teamsActorMayActFor(Actor.user("maria"), "UMD")).containsExactly(CESGA.id(), INFN.id());
        assertThat(roster.teamsActorMayActFor(Actor.user("Alice"), "UMD")).containsExactly(INFN.id());
    }

    @Test
    void hostSuppliedMembershipPolicyDecides() {
        Roster roster = new Roster(List.of(INFN, CESGA), List.of(UMD), MembershipPolicy.CASE_INSENSITIVE);
        assertThat(roster.teamsOf(Actor.user("ALICE"))).containsExactly(INFN.id());
        assertThat(roster.teamsOf(Actor.user("bob", "EA-CESGA"))).containsExactly(CESGA.id());
    }

    @Test
    void teamsNeedContactsAndSomeoneToAnswer() {
        assertThatThrownBy(() -> EarlyAdopterTeam.of("NGI_DE-KIT", List.of(), Set.of("x"), null))
                .hasMessage("Team ea-NGI_DE-KIT has no contact address; give at least one e-mail address");
        assertThatThrownBy(() -> EarlyAdopterTeam.of("NGI_DE-KIT", List.of("kit@example.org"), Set.of(), " "))
                .hasMessage("Team ea-NGI_DE-KIT has neither members nor a group, so nobody could answer for it;"
                        + " give member user ids or a group name");
        assertThatThrownBy(() -> Roster.of(List.of(INFN, INFN), List.of()))
                .hasMessage("Team ea-NGI_IT-INFN-T1 is listed twice in the roster; keep one entry");
    }
}
