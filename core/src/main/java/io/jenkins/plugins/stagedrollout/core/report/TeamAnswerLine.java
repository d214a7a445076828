package io.jenkins.plugins.stagedrollout.core.report;

import java.io.Serializable;

/** One invited team's final answer as the summary lists it. */
public record TeamAnswerLine(String team, String answer, String comment) implements Serializable {
}
