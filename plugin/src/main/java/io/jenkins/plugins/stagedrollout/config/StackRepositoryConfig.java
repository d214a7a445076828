package io.jenkins.plugins.stagedrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.core.install.RepositoryUrl;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where the web server serves the stage repositories of one stack ({@code UMD-4}) or of every release of a stack
 * ({@code UMD}): the URL template and the signing keys that go into the {@code .repo} file Early Adopters install from.
 */
public final class StackRepositoryConfig implements Describable<StackRepositoryConfig> {

    /** Only to check a URL and keys as the core will use them; no rollout is named after it. */
    private static final Release SAMPLE = Release.of("UMD-4", "sample", "1.0-1", "el9", "x86_64");

    private static final RepositoryUrl SAMPLE_URL = new RepositoryUrl("https://repository.example.org/{os}/{arch}/");

    private final String stack;
    private final String url;

    @CheckForNull
    private String gpgKey;

    @CheckForNull
    private String repoGpgKey;

    @DataBoundConstructor
    public StackRepositoryConfig(String stack, String url) {
        this.stack = Util.fixNull(stack).trim();
        this.url = Util.fixNull(url).trim();
    }

    public String getStack() {
        return stack;
    }

    public String getUrl() {
        return url;
    }

    @CheckForNull
    public String getGpgKey() {
        return gpgKey;
    }

    /** The URL of the public key that signs the packages: the .repo file then says {@code gpgcheck=1}. */
    @DataBoundSetter
    public void setGpgKey(String gpgKey) {
        this.gpgKey = Util.fixEmptyAndTrim(gpgKey);
    }

    @CheckForNull
    public String getRepoGpgKey() {
        return repoGpgKey;
    }

    /** The URL of the key that signs repomd.xml: {@code repo_gpgcheck=1}, for stages a promotion signed. */
    @DataBoundSetter
    public void setRepoGpgKey(String repoGpgKey) {
        this.repoGpgKey = Util.fixEmptyAndTrim(repoGpgKey);
    }

    /** {@code UMD-4} names one stack release; a bare {@code UMD} every release of the stack. */
    boolean exactlyFor(Release release) {
        return stack.equals(release.stackRelease());
    }

    boolean forEveryReleaseOf(Release release) {
        return stack.equals(release.stack());
    }

    /** Where {@code release} is installed from, in {@code stage} for one platform; the metadata key only if signed. */
    TestingRepository testingRepository(Release release, String stage, String os, String arch, boolean signed) {
        return TestingRepository.of(
                release, stage, os, arch, new RepositoryUrl(url), gpgKey, signed ? repoGpgKey : null);
    }

    /** What is wrong with the entry, naming the fix; null when the core accepts it. */
    @CheckForNull
    String problem() {
        String badStack = badStack(stack);
        if (badStack != null) {
            return badStack;
        }
        try {
            testingRepository(SAMPLE, "testing", SAMPLE.os(), SAMPLE.arch(), true);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (RepositoryException e) {
            return keyProblem(e);
        }
    }

    @CheckForNull
    static String badStack(@CheckForNull String value) {
        String s = Util.fixEmptyAndTrim(value);
        if (s == null) {
            return Messages.StackRepositoryConfig_NoStack();
        }
        try {
            Release.of(s, "sample", "1.0-1");
            return null;
        } catch (IllegalArgumentException e) {
            return Messages.StackRepositoryConfig_BadStack(s);
        }
    }

    @CheckForNull
    static String badUrl(@CheckForNull String value) {
        try {
            new RepositoryUrl(Util.fixNull(value).trim());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @CheckForNull
    static String badKey(@CheckForNull String value, boolean signsMetadata) {
        String key = Util.fixEmptyAndTrim(value);
        if (key == null) {
            return null;
        }
        try {
            TestingRepository.of(
                    SAMPLE,
                    "testing",
                    SAMPLE.os(),
                    SAMPLE.arch(),
                    SAMPLE_URL,
                    signsMetadata ? null : key,
                    signsMetadata ? key : null);
            return null;
        } catch (RepositoryException e) {
            return keyProblem(e);
        }
    }

    private static String keyProblem(RepositoryException e) {
        return e.problem() + " " + e.fix();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<StackRepositoryConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("stackRepository")
    public static final class DescriptorImpl extends Descriptor<StackRepositoryConfig> {
        @Override
        public String getDisplayName() {
            return Messages.StackRepositoryConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckStack(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return validation(badStack(value));
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return validation(badUrl(value));
        }

        @POST
        public FormValidation doCheckGpgKey(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return validation(badKey(value, false));
        }

        @POST
        public FormValidation doCheckRepoGpgKey(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return validation(badKey(value, true));
        }

        private static FormValidation validation(@CheckForNull String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
