package io.jenkins.plugins.stagedrollout.core.rollout;

/** The rollout's progress (the seed's RT field "RolloutProgress", plus the waiting and reporting phases). */
public enum RolloutState {
    /** Opened; packages still in the untested repository. */
    IN_VERIFICATION,
    /** Packages in testing; no team invited yet. */
    STAGED_ROLLOUT,
    /** Teams invited; fewer than minAccepts have accepted. */
    AWAITING_ANSWERS,
    /** Quorum reached; the accepting teams run the update in production until the soak ends. */
    SOAK,
    /** Soak over; answers frozen; reports collected until the decision. */
    REPORTING,
    ACCEPTED,
    REJECTED,
    ABORTED;

    public boolean terminal() {
        return this == ACCEPTED || this == REJECTED || this == ABORTED;
    }
}
