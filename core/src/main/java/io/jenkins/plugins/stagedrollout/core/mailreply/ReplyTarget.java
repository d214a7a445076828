package io.jenkins.plugins.stagedrollout.core.mailreply;

import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;

/**
 * The rollout and team a reply token stands for: the rollout's id and title, its answer page, the team as the
 * roster has it (its contact addresses), and whether the rollout still takes answers.
 */
public record ReplyTarget(String rolloutId, String title, String answerPage, EarlyAdopterTeam team) {
}
