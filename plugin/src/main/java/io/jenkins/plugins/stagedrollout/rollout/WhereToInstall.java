package io.jenkins.plugins.stagedrollout.rollout;

import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import java.util.List;
import java.util.Optional;

/**
 * The testing repository a rollout's teams install from: the platform the release was last promoted into testing
 * for (a release may name none, or a promotion another), else the release's own; the metadata key only when that
 * promotion signed the stage, as dnf would otherwise refuse metadata without a signature.
 */
final class WhereToInstall {

    private WhereToInstall() {}

    static Optional<TestingRepository> of(
            Release release, List<PromotionRecord> promotions, StagedRolloutConfiguration config) {
        String testing = config.testingStage();
        PromotionRecord last = null;
        for (PromotionRecord p : promotions) {
            if (p.to().equals(testing)) {
                last = p;
            }
        }
        if (last != null) {
            return config.testingRepository(
                    release, last.os(), last.arch(), last.spec().signsMetadata());
        }
        if (release.os() == null) {
            return Optional.empty();
        }
        return config.testingRepository(release, release.os(), release.arch(), false);
    }
}
