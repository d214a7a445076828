package io.jenkins.plugins.stagedrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Cause;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.agent.PromoteCallable;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import io.jenkins.plugins.stagedrollout.agent.ResolveCallable;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.repo.DependencyOverride;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.PromotionRecord;
import io.jenkins.plugins.stagedrollout.signing.SigningKeyCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code promoteRepo from: 'untested', to: 'testing', packages: [...]}: the core promotion, run on the agent of
 * the enclosing {@code node} (where the repositories are), with createrepo_c output in the build log.
 * Returns the id of the snapshot now served. Inside {@code stagedRollout}, OS, arch and packages default to
 * the release's, and the promotion is recorded in the rollout.
 */
public final class PromoteRepoStep extends Step {

    private final String from;
    private final String to;
    private List<String> packages = List.of();
    private String root;
    private String os;
    private String arch;
    private String gpgHome;
    private String signingKeyId;
    private String signingKeyCredentialsId;
    private String allowBrokenDependencies;

    @DataBoundConstructor
    public PromoteRepoStep(String from, String to) {
        this.from = Util.fixEmptyAndTrim(from);
        this.to = Util.fixEmptyAndTrim(to);
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public List<String> getPackages() {
        return packages;
    }

    /** File names, NEVRAs, package names or globs; empty inside {@code stagedRollout} means the release's packages. */
    @DataBoundSetter
    public void setPackages(List<String> packages) {
        List<String> kept = new ArrayList<>();
        if (packages != null) {
            for (String p : packages) {
                String s = Util.fixEmptyAndTrim(p);
                if (s != null) {
                    kept.add(s);
                }
            }
        }
        this.packages = List.copyOf(kept);
    }

    public String getRoot() {
        return root;
    }

    @DataBoundSetter
    public void setRoot(String root) {
        this.root = Util.fixEmptyAndTrim(root);
    }

    public String getOs() {
        return os;
    }

    @DataBoundSetter
    public void setOs(String os) {
        this.os = Util.fixEmptyAndTrim(os);
    }

    public String getArch() {
        return arch;
    }

    @DataBoundSetter
    public void setArch(String arch) {
        this.arch = Util.fixEmptyAndTrim(arch);
    }

    public String getGpgHome() {
        return gpgHome;
    }

    @DataBoundSetter
    public void setGpgHome(String gpgHome) {
        this.gpgHome = Util.fixEmptyAndTrim(gpgHome);
    }

    public String getSigningKeyId() {
        return signingKeyId;
    }

    @DataBoundSetter
    public void setSigningKeyId(String signingKeyId) {
        this.signingKeyId = Util.fixEmptyAndTrim(signingKeyId);
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A "Secret file" credential holding the armored secret key; instead of {@code gpgHome} and a key id. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = Util.fixEmptyAndTrim(signingKeyCredentialsId);
    }

    @CheckForNull
    public String getAllowBrokenDependencies() {
        return allowBrokenDependencies;
    }

    /**
     * Why the promotion may be published although the dependency check finds requirements nothing meets; empty (the
     * default) refuses such a promotion. Who allowed it (the user who started the build, else the build) and why are
     * printed and recorded in the rollout's events.
     */
    @DataBoundSetter
    public void setAllowBrokenDependencies(String allowBrokenDependencies) {
        this.allowBrokenDependencies = Util.fixEmptyAndTrim(allowBrokenDependencies);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient PromoteRepoStep step;

        Execution(PromoteRepoStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            StepContext context = getContext();
            FilePath workspace = context.get(FilePath.class);
            TaskListener listener = context.get(TaskListener.class);
            Run<?, ?> run = context.get(Run.class);
            RolloutHandle handle = context.get(RolloutHandle.class);
            BuildRollout rollout = handle == null ? null : handle.rolloutOf(run);
            StagedRolloutConfiguration config = StagedRolloutConfiguration.get();

            String root = firstOf(step.root, config.getRepositoryRoot());
            if (root == null) {
                throw new AbortException(Messages.PromoteRepoStep_NoRoot());
            }
            String os = firstOf(step.os, rollout == null ? null : rollout.os());
            String arch = firstOf(step.arch, rollout == null ? null : rollout.arch());
            if (os == null || arch == null) {
                throw new AbortException(Messages.PromoteRepoStep_NoPlatform());
            }
            if (step.signingKeyId != null && step.gpgHome == null) {
                throw new AbortException(Messages.PromoteRepoStep_NoGpgHome(step.signingKeyId));
            }
            if (step.gpgHome != null && step.signingKeyId == null) {
                throw new AbortException(Messages.PromoteRepoStep_NoSigningKeyId(step.gpgHome));
            }
            if (step.signingKeyCredentialsId != null && (step.gpgHome != null || step.signingKeyId != null)) {
                throw new AbortException(Messages.PromoteRepoStep_TwoSigningKeys(step.signingKeyCredentialsId));
            }
            List<String> patterns =
                    !step.packages.isEmpty() ? step.packages : rollout == null ? List.of() : rollout.packagePatterns();
            if (patterns.isEmpty()) {
                throw new AbortException(Messages.PromoteRepoStep_NoPackages());
            }
            RepositorySpec spec = config.repositorySpec(root, step.gpgHome, step.signingKeyId, signingCredentials());
            FilePath repositoryRoot = new FilePath(workspace.getChannel(), root);
            if (rollout != null) {
                rollout.checkPromotion(step.from, step.to, spec.stages());
                if (step.to.equals(spec.stages().get(spec.stages().size() - 1))) {
                    rollout.checkTestedPackages(
                            repositoryRoot.act(new ResolveCallable(spec, patterns, step.from, os, arch)));
                }
            }

            byte[] signingKey = SigningKeyCredentials.read(run, spec);
            DependencyOverride override = null;
            if (step.allowBrokenDependencies != null) {
                override = new DependencyOverride(whoStarted(run), step.allowBrokenDependencies);
                listener.getLogger()
                        .println(Messages.PromoteRepoStep_BrokenDependenciesAllowed(override.who(), override.why()));
            }
            PromotionResult result = repositoryRoot.act(
                    new PromoteCallable(spec, listener, signingKey, patterns, step.from, step.to, os, arch, override));
            listener.getLogger().println(result.message());
            if (rollout != null) {
                Computer computer = context.get(Computer.class);
                String nodeName = computer == null ? "" : computer.getName();
                rollout.recordPromotion(
                        new PromotionRecord(
                                nodeName,
                                spec,
                                patterns,
                                step.from,
                                step.to,
                                os,
                                arch,
                                result.snapshotId(),
                                result.packagesAdded(),
                                result.replacedSnapshotId()),
                        result);
            }
            return result.snapshotId();
        }

        /** The user who started the build, else the build itself (started by a timer, an SCM change, another build). */
        private static String whoStarted(Run<?, ?> run) {
            Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
            if (user != null && user.getUserId() != null) {
                return user.getUserId();
            }
            return run.getFullDisplayName();
        }

        /** The step's credential; else the global default, unless the step signs with its own GnuPG home. */
        @CheckForNull
        private String signingCredentials() {
            if (step.signingKeyCredentialsId != null || step.gpgHome != null) {
                return step.signingKeyCredentialsId;
            }
            return StagedRolloutConfiguration.get().getSigningKeyCredentialsId();
        }

        @CheckForNull
        private static String firstOf(@CheckForNull String a, @CheckForNull String b) {
            return a != null ? a : b;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "promoteRepo";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PromoteRepoStep_DisplayName();
        }

        /** FilePath: used outside {@code node} the step fails before doing anything, naming {@code node}. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return namedArgs.get("from") + " -> " + namedArgs.get("to");
        }

        /** The Snippet Generator's credential list: the job's secret files, for those allowed to see them. */
        @POST
        public ListBoxModel doFillSigningKeyCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String signingKeyCredentialsId) {
            return SigningKeyCredentials.fillItems(item, signingKeyCredentialsId);
        }
    }
}
