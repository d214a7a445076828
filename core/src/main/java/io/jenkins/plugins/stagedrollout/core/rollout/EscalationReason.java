package io.jenkins.plugins.stagedrollout.core.rollout;

/** Why the manager is asked to act. */
public enum EscalationReason {
    /** The acknowledgement deadline passed without enough accepts: invite more teams or extend. */
    NO_QUORUM_BY_DEADLINE,
    /** A team rejected: automatic acceptance is off until the manager decides. */
    REJECT_RECEIVED,
    /** A report says the update does not work in production. */
    NEGATIVE_REPORT,
    /** The soak maximum passed and some accepting teams have not reported. */
    REPORTS_OVERDUE,
    /** Soak over and every accepting team has reported, but the engine may not accept by itself: the manager decides. */
    READY_FOR_DECISION
}
