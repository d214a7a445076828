package io.jenkins.plugins.stagedrollout.action;

import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import org.kohsuke.stapler.HttpResponses;

/** The page's choices as the core's values; anything else is a 400 that names the value and what is accepted. */
final class FormValues {

    private FormValues() {}

    static AnswerKind answer(String answer) {
        for (AnswerKind k : AnswerKind.values()) {
            if (k.name().equalsIgnoreCase(answer == null ? "" : answer.trim())) {
                return k;
            }
        }
        throw HttpResponses.errorWithoutStack(400, Messages.RolloutAction_BadAnswer(answer));
    }

    static Decision decision(String decision) {
        for (Decision d : Decision.values()) {
            if (d.name().equalsIgnoreCase(decision == null ? "" : decision.trim())) {
                return d;
            }
        }
        throw HttpResponses.errorWithoutStack(400, Messages.RolloutAction_BadDecision(decision));
    }
}
