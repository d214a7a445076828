package io.jenkins.plugins.stagedrollout.security;

import io.jenkins.plugins.stagedrollout.core.team.MembershipPolicy;
import jenkins.model.Jenkins;

/**
 * Compares user ids and group names the way the security realm does (case-insensitive by default), like the
 * input step's submitter check. Looks the realm up on every call, so a changed realm applies at once.
 */
public final class RealmMembershipPolicy implements MembershipPolicy {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean sameUser(String a, String b) {
        return Jenkins.get().getSecurityRealm().getUserIdStrategy().equals(a, b);
    }

    @Override
    public boolean sameGroup(String a, String b) {
        return Jenkins.get().getSecurityRealm().getGroupIdStrategy().equals(a, b);
    }
}
