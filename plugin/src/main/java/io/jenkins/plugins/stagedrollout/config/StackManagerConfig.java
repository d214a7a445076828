package io.jenkins.plugins.stagedrollout.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.team.StackManagers;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The Staged Rollout Managers of one middleware stack: who decides, and where escalations are mailed. */
public final class StackManagerConfig implements Describable<StackManagerConfig> {

    private final String stack;
    private String users = "";
    private String groups = "";
    private String emails = "";

    @DataBoundConstructor
    public StackManagerConfig(String stack) {
        this.stack = Util.fixEmptyAndTrim(stack);
    }

    public String getStack() {
        return stack;
    }

    public String getUsers() {
        return users;
    }

    @DataBoundSetter
    public void setUsers(String users) {
        this.users = Util.fixNull(users).trim();
    }

    public String getGroups() {
        return groups;
    }

    @DataBoundSetter
    public void setGroups(String groups) {
        this.groups = Util.fixNull(groups).trim();
    }

    public String getEmails() {
        return emails;
    }

    @DataBoundSetter
    public void setEmails(String emails) {
        this.emails = Util.fixNull(emails).trim();
    }

    public StackManagers toManagers() {
        return new StackManagers(stack, Set.copyOf(Words.of(users)), Set.copyOf(Words.of(groups)), Words.of(emails));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<StackManagerConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("stackManagers")
    public static final class DescriptorImpl extends Descriptor<StackManagerConfig> {
        @Override
        public String getDisplayName() {
            return Messages.StackManagerConfig_DisplayName();
        }
    }
}
