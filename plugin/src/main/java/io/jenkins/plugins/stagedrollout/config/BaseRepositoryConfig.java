package io.jenkins.plugins.stagedrollout.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.stagedrollout.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The base repositories (BaseOS, AppStream, EPEL, ...) that the clients of one OS and architecture enable besides
 * the stage repositories: the dependency check of a promotion counts their packages as providers.
 */
public final class BaseRepositoryConfig implements Describable<BaseRepositoryConfig> {

    private final String os;
    private final String arch;
    private String locations = "";

    @DataBoundConstructor
    public BaseRepositoryConfig(String os, String arch) {
        this.os = Util.fixNull(os).trim();
        this.arch = Util.fixNull(arch).trim();
    }

    public String getOs() {
        return os;
    }

    public String getArch() {
        return arch;
    }

    public String getLocations() {
        return locations;
    }

    /** Absolute paths or file:, http:, https: URLs of repositories (the folders holding repodata/), one per line. */
    @DataBoundSetter
    public void setLocations(String locations) {
        this.locations = Util.fixNull(locations).trim();
    }

    /** {@code os/arch} as the core names a platform. */
    String platform() {
        return os + "/" + arch;
    }

    List<String> locationList() {
        return Words.of(locations);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<BaseRepositoryConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("baseRepositories")
    public static final class DescriptorImpl extends Descriptor<BaseRepositoryConfig> {
        @Override
        public String getDisplayName() {
            return Messages.BaseRepositoryConfig_DisplayName();
        }
    }
}
