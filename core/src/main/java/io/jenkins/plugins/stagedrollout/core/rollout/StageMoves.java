package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which repository moves the rollout's state allows. Stages are the host's ordered list: the last one is
 * production, the one before it is testing (the stage the Early Adopters consume). Pure checks: the host moves the
 * packages, then records the move with {@link RolloutCommands#recordRepositoryChange}, which records facts and
 * never refuses a move already made.
 */
final class StageMoves {
    private StageMoves() {
    }

    /**
     * Into production only when ACCEPTED, and only from testing (production gets what the teams tested). Into
     * testing or an earlier stage only while the rollout runs: the states where a (new) package set may be bound,
     * since the host binds what it promoted.
     */
    static void checkPromotion(Rollout r, String from, String to, List<String> stages) {
        int source = index(from, stages);
        int target = index(to, stages);
        if (source >= target) {
            throw new RolloutException("Cannot promote " + r.release() + " from " + from + " into " + to
                    + ": promotions go forward through " + String.join(" -> ", stages) + "; give a later stage as the target");
        }
        int production = stages.size() - 1;
        if (target == production) {
            if (r.state() != RolloutState.ACCEPTED) {
                throw new RolloutException("Cannot promote " + r.release() + " into " + to + ": it is " + describe(r.state())
                        + ", and only an ACCEPTED release enters " + to + "; " + (r.state().terminal()
                        ? "withdraw it from " + stages.get(production - 1) + " and roll out a fixed version in a new rollout"
                        : "promote after the manager decided ACCEPT"));
            }
            if (source != production - 1) {
                throw new RolloutException("Cannot promote " + r.release() + " from " + from + " into " + to + ": " + to
                        + " takes only what the Early Adopters tested in " + stages.get(production - 1) + "; promote from "
                        + stages.get(production - 1));
            }
        } else if (!Command.BIND_PACKAGE_SET.allowedIn(r.state())) {
            String running = Arrays.stream(RolloutState.values()).filter(Command.BIND_PACKAGE_SET::allowedIn).map(Enum::name)
                    .collect(Collectors.joining(", "));
            throw new RolloutException("Cannot promote " + r.release() + " into " + to + ": it is " + describe(r.state())
                    + ", and a release enters " + to + " only while its rollout runs (" + running + "); "
                    + (r.state() == RolloutState.ACCEPTED ? "promote it from " + stages.get(production - 1) + " into "
                    + stages.get(production) : "roll out a fixed version in a new rollout"));
        }
    }

    /**
     * Production takes only packages the Early Adopters tested: every NEVRA a promotion into production would move
     * must belong to the bound package set (a subset is fine, e.g. one package of the set at a time).
     */
    static void checkTestedPackages(Rollout r, List<String> nevras) {
        List<String> tested = r.packages().map(PackageSet::nevras).orElse(List.of());
        List<String> untested = nevras.stream().filter(nevra -> !tested.contains(nevra)).toList();
        if (!untested.isEmpty()) {
            throw new RolloutException("Cannot promote " + String.join(", ", untested) + " of " + r.release()
                    + " into production: the Early Adopters did not test " + (untested.size() == 1 ? "it" : "them")
                    + " (tested package set: " + (tested.isEmpty() ? "none" : String.join(", ", tested))
                    + "); promote the tested packages only, or roll the others out in a new rollout");
        }
    }

    /** Out of testing (or an earlier stage) only after REJECTED or ABORTED; never out of production. */
    static void checkWithdrawal(Rollout r, String stage, List<String> stages) {
        int index = index(stage, stages);
        if (index == stages.size() - 1) {
            throw new RolloutException("Cannot withdraw " + r.release() + " from " + stage + ": the staged rollout never takes"
                    + " a release out of " + stage + "; roll out a fixed version in a new rollout");
        }
        if (r.state() != RolloutState.REJECTED && r.state() != RolloutState.ABORTED) {
            throw new RolloutException("Cannot withdraw " + r.release() + " from " + stage + ": it is " + describe(r.state())
                    + ", and only a REJECTED or ABORTED release is withdrawn; " + (r.state() == RolloutState.ACCEPTED
                    ? "promote it into " + stages.get(stages.size() - 1) + " instead" : "decide REJECT or abort the rollout first"));
        }
    }

    private static int index(String stage, List<String> stages) {
        if (stages == null || stages.size() < 2 || stages.stream().anyMatch(s -> s == null || s.isBlank()) || new HashSet<>(stages).size() != stages.size()) {
            throw new RolloutException("The stages " + stages + " are not at least two distinct non-blank names; give them in order,"
                    + " e.g. [untested, testing, production]");
        }
        int i = stage == null ? -1 : stages.indexOf(stage);
        if (i < 0) {
            throw new RolloutException("Stage '" + stage + "' is not one of the stages " + String.join(", ", stages)
                    + "; use one of them");
        }
        return i;
    }

    private static String describe(RolloutState state) {
        return state + (state.terminal() ? " (final)" : "");
    }
}
