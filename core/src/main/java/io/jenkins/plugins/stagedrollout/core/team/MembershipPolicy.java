package io.jenkins.plugins.stagedrollout.core.team;

import java.io.Serializable;

/**
 * How user ids and group names are compared. The Jenkins plugin passes one backed by the security realm's
 * IdStrategy and GroupIdStrategy; core defaults are exact or case-insensitive comparison.
 */
public interface MembershipPolicy extends Serializable {
    boolean sameUser(String a, String b);

    boolean sameGroup(String a, String b);

    MembershipPolicy EXACT = Standard.EXACT;
    MembershipPolicy CASE_INSENSITIVE = Standard.CASE_INSENSITIVE;

    /** Enums, so a roster holding one serializes cleanly. */
    enum Standard implements MembershipPolicy {
        EXACT {
            @Override
            public boolean sameUser(String a, String b) {
                return a.equals(b);
            }

            @Override
            public boolean sameGroup(String a, String b) {
                return a.equals(b);
            }
        },
        CASE_INSENSITIVE {
            @Override
            public boolean sameUser(String a, String b) {
                return a.equalsIgnoreCase(b);
            }

            @Override
            public boolean sameGroup(String a, String b) {
                return a.equalsIgnoreCase(b);
            }
        }
    }
}
