package io.jenkins.plugins.stagedrollout.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One Early Adopter team as the administrator configures it; {@link #toTeam()} turns it into the core value. */
public final class EarlyAdopterTeamConfig implements Describable<EarlyAdopterTeamConfig> {

    private final String id;
    private String contacts = "";
    private String members = "";
    private String group;

    @DataBoundConstructor
    public EarlyAdopterTeamConfig(String id) {
        this.id = Util.fixEmptyAndTrim(id);
    }

    public String getId() {
        return id;
    }

    public String getContacts() {
        return contacts;
    }

    /** E-mail addresses, separated by commas or white space. */
    @DataBoundSetter
    public void setContacts(String contacts) {
        this.contacts = Util.fixNull(contacts).trim();
    }

    public String getMembers() {
        return members;
    }

    /** Jenkins user ids, separated by commas or white space. */
    @DataBoundSetter
    public void setMembers(String members) {
        this.members = Util.fixNull(members).trim();
    }

    public String getGroup() {
        return group;
    }

    /** The security realm group whose members answer for the team; by convention named like the team. */
    @DataBoundSetter
    public void setGroup(String group) {
        this.group = Util.fixEmptyAndTrim(group);
    }

    /** The core value; throws the core's validation error (naming the problem and the fix) for bad input. */
    public EarlyAdopterTeam toTeam() {
        return EarlyAdopterTeam.of(id, Words.of(contacts), Set.copyOf(Words.of(members)), group);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<EarlyAdopterTeamConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("earlyAdopterTeam")
    public static final class DescriptorImpl extends Descriptor<EarlyAdopterTeamConfig> {

        @Override
        public String getDisplayName() {
            return Messages.EarlyAdopterTeamConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                TeamId.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
