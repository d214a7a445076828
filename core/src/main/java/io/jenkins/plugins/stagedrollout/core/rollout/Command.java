package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.RolloutState.AWAITING_ANSWERS;
import static io.jenkins.plugins.stagedrollout.core.rollout.RolloutState.IN_VERIFICATION;
import static io.jenkins.plugins.stagedrollout.core.rollout.RolloutState.REPORTING;
import static io.jenkins.plugins.stagedrollout.core.rollout.RolloutState.SOAK;
import static io.jenkins.plugins.stagedrollout.core.rollout.RolloutState.STAGED_ROLLOUT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The state machine as a table: which command is allowed in which state. */
public enum Command {
    BIND_PACKAGE_SET("bind a package set", IN_VERIFICATION, STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK, REPORTING),
    START_STAGED_ROLLOUT("start the staged rollout", IN_VERIFICATION),
    INVITE("invite teams", STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK),
    ANSWER("answer", AWAITING_ANSWERS, SOAK),
    EXTEND_ANSWER_DEADLINE("extend the answer deadline", AWAITING_ANSWERS, SOAK),
    /** Only before the soak starts: the quorum is what starts it. */
    CHANGE_QUORUM("change the quorum", IN_VERIFICATION, STAGED_ROLLOUT, AWAITING_ANSWERS),
    EXTEND_SOAK("extend the soak", SOAK, REPORTING),
    FILE_REPORT("file a report", SOAK, REPORTING),
    DECIDE("decide ACCEPT or REJECT", STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK, REPORTING),
    ABORT("abort", IN_VERIFICATION, STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK, REPORTING),
    RECORD_REPOSITORY_CHANGE("record a repository change", RolloutState.values());

    private final String label;
    private final Set<RolloutState> allowedIn;

    Command(String label, RolloutState... allowedIn) {
        this.label = label;
        this.allowedIn = EnumSet.copyOf(Arrays.asList(allowedIn));
    }

    public String label() {
        return label;
    }

    public boolean allowedIn(RolloutState state) {
        return allowedIn.contains(state);
    }

    /** "bind a package set, invite teams, ..." : the moves the state allows, for error messages and pages. */
    public static String allowedMoves(RolloutState state) {
        return Arrays.stream(values()).filter(c -> c.allowedIn(state)).map(Command::label).collect(Collectors.joining(", "));
    }
}
