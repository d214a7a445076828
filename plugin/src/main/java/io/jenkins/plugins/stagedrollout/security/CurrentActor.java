package io.jenkins.plugins.stagedrollout.security;

import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The authenticated Jenkins user of the current request as a core {@link Actor}: id, groups, administrator. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Actor get() {
        Authentication a = Jenkins.getAuthentication2();
        Set<String> groups = a.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return new Actor(a.getName(), groups, Jenkins.get().hasPermission(Jenkins.ADMINISTER));
    }
}
