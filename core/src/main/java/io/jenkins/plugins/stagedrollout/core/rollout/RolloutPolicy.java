package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Serializable;

/**
 * The configurable rules of one rollout. Soak days are calendar days (production load runs at weekends too):
 * the soak ends {@code soakMinDays} after quorum, reports are due {@code soakMaxDays} after quorum.
 */
public record RolloutPolicy(int minAccepts, int answerWorkingDays, int soakMinDays, int soakMaxDays, boolean autoDecide)
        implements Serializable {
    public static final int MAX_TEAMS = 200;
    public static final int MAX_SOAK_DAYS = 90;

    public RolloutPolicy {
        if (minAccepts < 1 || minAccepts > MAX_TEAMS) {
            throw new RolloutException("minAccepts = " + minAccepts + " is out of range; give 1 to " + MAX_TEAMS);
        }
        if (answerWorkingDays < 1 || answerWorkingDays > 30) {
            throw new RolloutException("answerWorkingDays = " + answerWorkingDays + " is out of range; give 1 to 30 working days");
        }
        if (soakMinDays < 1 || soakMinDays > MAX_SOAK_DAYS) {
            throw new RolloutException("soakMinDays = " + soakMinDays + " is out of range; give 1 to " + MAX_SOAK_DAYS + " days");
        }
        if (soakMaxDays < soakMinDays || soakMaxDays > MAX_SOAK_DAYS) {
            throw new RolloutException("soakMaxDays = " + soakMaxDays + " is out of range; give " + soakMinDays
                    + " (soakMinDays) to " + MAX_SOAK_DAYS + " days");
        }
    }

    /** The process defaults: 1 accept, 1 working day to answer, soak 5 to 7 days, the manager decides. */
    public static RolloutPolicy defaults() {
        return new RolloutPolicy(1, 1, 5, 7, false);
    }

    public RolloutPolicy withMinAccepts(int n) {
        return new RolloutPolicy(n, answerWorkingDays, soakMinDays, soakMaxDays, autoDecide);
    }

    public RolloutPolicy withAnswerWorkingDays(int n) {
        return new RolloutPolicy(minAccepts, n, soakMinDays, soakMaxDays, autoDecide);
    }

    public RolloutPolicy withSoakDays(int min, int max) {
        return new RolloutPolicy(minAccepts, answerWorkingDays, min, max, autoDecide);
    }

    public RolloutPolicy withAutoDecide(boolean auto) {
        return new RolloutPolicy(minAccepts, answerWorkingDays, soakMinDays, soakMaxDays, auto);
    }
}
