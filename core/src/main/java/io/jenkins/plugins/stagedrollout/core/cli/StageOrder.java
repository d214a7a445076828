package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import java.util.List;

/**
 * The plugin promotes one stage at a time (production only from testing); at night the tool keeps that order: a
 * promotion that skips a stage or goes backwards needs {@code --out-of-order --reason}.
 */
final class StageOrder {

    private StageOrder() {
    }

    /** Unknown stages and a promotion into itself are left to the engine, which names what is wrong. */
    static void require(List<String> stages, String from, String to, boolean outOfOrder) {
        int source = stages.indexOf(from);
        int target = stages.indexOf(to);
        if (outOfOrder || source < 0 || target < 0 || target == source || target == source + 1) {
            return;
        }
        String order = String.join(" -> ", stages);
        String what = target > source
                ? "skips " + String.join(", ", stages.subList(source + 1, target))
                : "goes backwards";
        throw new RepositoryException(RepositoryException.Kind.BAD_INPUT, "Promoting from " + from + " to " + to + " " + what
                + ": the stages go " + order + ".",
                "Promote one stage at a time (" + steps(stages) + "), or add --out-of-order --reason TEXT to do it anyway (kept in the change log).");
    }

    private static String steps(List<String> stages) {
        List<String> steps = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < stages.size(); i++) {
            steps.add(stages.get(i) + " -> " + stages.get(i + 1));
        }
        return String.join(", ", steps);
    }
}
