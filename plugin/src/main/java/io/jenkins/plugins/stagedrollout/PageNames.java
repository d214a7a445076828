package io.jenkins.plugins.stagedrollout;

/**
 * URL names of the plugin's pages that other rooms link to: mails link to the dashboard without the mail package
 * depending on the dashboard, which itself reads the rollouts that send those mails.
 */
public final class PageNames {

    /** The controller's Staged Rollouts page, {@code <jenkins>/staged-rollouts/}. */
    public static final String DASHBOARD = "staged-rollouts";

    private PageNames() {}
}
