package io.jenkins.plugins.stagedrollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Run;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.model.User;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.PromotionRecord;
import io.jenkins.plugins.stagedrollout.steps.RolloutHandle;
import io.jenkins.plugins.stagedrollout.steps.WaitForEarlyAdoptersStep;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jenkins.security.ApiTokenProperty;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * What many rollouts waiting for their Early Adopters at once cost a real controller (started as the plugin's tests
 * start one, restarted once): busy executors, live threads, retained heap per waiting rollout, the latency of answer
 * POSTs over HTTP, the time a restart takes until every rollout is waiting and answerable again, and whether any
 * answer was lost. {@link #plainInputPipelines} measures the same for Pipelines paused in {@code input}, the bare
 * tool. Not a test (surefire runs only *Test classes): run it with {@code bench/waiting-rollouts-benchmark.sh}; the
 * figures go to stdout and {@code target/waiting-rollouts-benchmark.txt}.
 */
class WaitingRolloutsBenchmark {

    private static final int ROLLOUTS = Integer.getInteger("bench.rollouts", 300);
    private static final int ANSWERS = Integer.getInteger("bench.answers", 3000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    /** Ten builds per job, as a component with its releases and platforms. */
    private static final int JOBS = Math.max(1, ROLLOUTS / 10);

    private static final Path REPORT = Path.of("target", "waiting-rollouts-benchmark.txt");

    private static final List<String> TEAMS = List.of(RolloutTestSupport.INFN, RolloutTestSupport.KIT);
    /** Who answers for each team: alice is a listed member of INFN, bob is in KIT's group. */
    private static final List<String> ANSWERERS = List.of("alice", "bob");

    private static final String ROLLOUT_SCRIPT = """
            stagedRollout(stack: 'UMD-4', component: "comp${params.SLOT}", version: '1.0-1', os: 'el9', arch: 'x86_64') {
              benchEnterTesting()
              waitForEarlyAdopters teams: ['ea-NGI_IT-INFN-T1', 'ea-NGI_DE-KIT'], minAccepts: 1
            }
            """;

    private static final String INPUT_SCRIPT = "input message: \"Deploy comp${params.SLOT}?\"";

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path repos;

    // Carried from the first controller to the second.
    private final Map<String, String> tokens = new HashMap<>();
    private final List<String> buildIds = new ArrayList<>();
    /** Per build and team: the answer its rollout must show. */
    private final Map<String, Expected> expected = new LinkedHashMap<>();

    private long restartStartedAt;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void waitingRollouts() throws Throwable {
        TestMailServer mail = new TestMailServer(false);
        mail.start();
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Waiting rollouts benchmark: %d rollouts over %d jobs, 2 teams each, %d answers by %d HTTP clients,"
                        + " max heap %d MiB, %d cores%n",
                ROLLOUTS,
                JOBS,
                ANSWERS,
                CLIENTS,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors()));
        try {
            sessions.then(j -> {
                RolloutTestSupport.setUp(j, repos);
                mail.useForJenkinsMail();
                for (String user : List.of("alice", "bob", "manager")) {
                    tokens.put(user, apiToken(user));
                }
                warmUpRollouts(j);
                mail.greenMail().purgeEmailFromAllMailboxes();
                Started started = startAll(
                        j, ROLLOUT_SCRIPT, WaitingRolloutsBenchmark::isWaiting, "every rollout waiting for its teams");
                ControllerSample idle = started.idle();
                List<WorkflowRun> builds = started.builds();
                builds.forEach(b -> buildIds.add(b.getExternalizableId()));
                // The invitations are the mail server's memory, not the controller's.
                mail.greenMail().purgeEmailFromAllMailboxes();
                ControllerSample waiting = ControllerSample.take(j);
                report.append(String.format(
                        Locale.ROOT, "%d rollouts started and waiting after %.1f s%n", ROLLOUTS, started.seconds()));
                waiting.compare(idle, ROLLOUTS, "waiting rollout", report);
                if (Boolean.getBoolean("bench.diagnose")) {
                    report.append(HeapDiagnosis.heldBy(builds));
                }

                double[] millis = answer(j, builds, ANSWERS, 0);
                report.append(latency("answer POST", millis));
                assertEquals(0, lost(builds), "answers lost");
                mail.greenMail().purgeEmailFromAllMailboxes();
                ControllerSample.take(j).compare(idle, ROLLOUTS, "rollout after the answers", report);
                restartStartedAt = System.nanoTime();
            });
            sessions.then(j -> {
                RolloutTestSupport.secure(j);
                mail.useForJenkinsMail();
                List<WorkflowRun> builds = new ArrayList<>();
                for (String id : buildIds) {
                    builds.add((WorkflowRun) Run.fromExternalizableId(id));
                }
                awaitAll(builds, WaitingRolloutsBenchmark::isWaiting, "every rollout waiting again after the restart");
                int lostBefore = lost(builds);
                // one answer per rollout, all at once: each must be taken
                double[] millis = answer(j, builds, ROLLOUTS, ANSWERS);
                double restartSeconds = (System.nanoTime() - restartStartedAt) / 1e9;
                report.append(String.format(
                        Locale.ROOT,
                        "restart (shutdown, start, every rollout waiting and one answer taken by each): %.1f s%n",
                        restartSeconds));
                report.append(latency("answer POST right after the restart", millis));
                int lostAfter = lost(builds);
                report.append(String.format(
                        Locale.ROOT,
                        "answers lost: %d across the restart, %d after it (of %d posted)%n",
                        lostBefore,
                        lostAfter,
                        ANSWERS + ROLLOUTS));
                ControllerSample after = ControllerSample.take(j);
                report.append(String.format(
                        Locale.ROOT,
                        "after the restart: busy executors %d, live threads %d%n",
                        after.busyExecutors(),
                        after.threads()));
                assertEquals(0, lostBefore + lostAfter, "answers lost");
            });
        } finally {
            mail.stop();
            write(report);
        }
    }

    /** The bare tool: as many Pipelines paused in {@code input}, on an equal controller. */
    @Test
    void plainInputPipelines() throws Throwable {
        StringBuilder report = new StringBuilder();
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            warmUpInput(j);
            Started started = startAll(
                    j, INPUT_SCRIPT, WaitingRolloutsBenchmark::isPausedInInput, "every Pipeline paused in input");
            report.append(String.format(
                    Locale.ROOT,
                    "Bare tool: %d Pipelines paused in input, started and paused after %.1f s%n",
                    ROLLOUTS,
                    started.seconds()));
            ControllerSample.take(j).compare(started.idle(), ROLLOUTS, "Pipeline paused in input", report);
            if (Boolean.getBoolean("bench.diagnose")) {
                report.append(HeapDiagnosis.heldBy(started.builds()));
            }
        });
        write(report);
    }

    // ---- the controller -------------------------------------------------------------------------------------------

    private static final int WARM_UP = 10;

    /**
     * A few rollouts through the whole cycle first, in a job deleted afterwards: the figures with none are then
     * taken after the classes are loaded, the code compiled and the thread pools grown, which N rollouts do not cost
     * again.
     */
    private void warmUpRollouts(JenkinsRule j) throws Exception {
        WorkflowJob job = createJob(j, "warm-up", ROLLOUT_SCRIPT);
        List<WorkflowRun> builds = startBuilds(List.of(job), WARM_UP);
        awaitAll(builds, WaitingRolloutsBenchmark::isWaiting, "the warm-up rollouts waiting");
        answer(j, builds, 3 * WARM_UP, 0); // the last round leaves KIT accepting
        for (WorkflowRun build : builds) {
            String url = j.getURL() + build.getUrl()
                    + build.getAction(RolloutAction.class).getUrlName() + "/decide";
            HttpResponse<String> response = post(url, "manager", "decision=ACCEPT&reason=warm-up");
            assertEquals(200, response.statusCode(), response.body());
        }
        for (WorkflowRun build : builds) {
            j.waitForCompletion(build);
        }
        job.delete();
        expected.clear();
    }

    private static void warmUpInput(JenkinsRule j) throws Exception {
        WorkflowJob job = createJob(j, "warm-up", INPUT_SCRIPT);
        List<WorkflowRun> builds = startBuilds(List.of(job), WARM_UP);
        awaitAll(builds, WaitingRolloutsBenchmark::isPausedInInput, "the warm-up Pipelines paused in input");
        for (WorkflowRun build : builds) {
            build.getAction(InputAction.class).getExecutions().get(0).doProceedEmpty();
        }
        for (WorkflowRun build : builds) {
            j.waitForCompletion(build);
        }
        job.delete();
    }

    private static String apiToken(String user) throws Exception {
        return User.getById(user, true).getProperty(ApiTokenProperty.class).generateNewToken("benchmark").plainValue;
    }

    /** The figures with none waiting, the builds, and how long they took to start and reach the wait. */
    private record Started(ControllerSample idle, List<WorkflowRun> builds, double seconds) {}

    /** N builds of {@code script} over their jobs, from the figures with none until each meets {@code condition}. */
    private static Started startAll(JenkinsRule j, String script, Condition condition, String what) throws Exception {
        List<WorkflowJob> jobs = createJobs(j, script);
        ControllerSample idle = ControllerSample.take(j);
        long start = System.nanoTime();
        List<WorkflowRun> builds = startBuilds(jobs);
        awaitAll(builds, condition, what);
        return new Started(idle, builds, (System.nanoTime() - start) / 1e9);
    }

    private static List<WorkflowJob> createJobs(JenkinsRule j, String script) throws Exception {
        List<WorkflowJob> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(createJob(j, String.format(Locale.ROOT, "component-%04d", i), script));
        }
        return jobs;
    }

    private static WorkflowJob createJob(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("SLOT", "")));
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static List<WorkflowRun> startBuilds(List<WorkflowJob> jobs) throws Exception {
        return startBuilds(jobs, ROLLOUTS);
    }

    /** Each build its own SLOT, so the queue does not fold them into one. */
    private static List<WorkflowRun> startBuilds(List<WorkflowJob> jobs, int count) throws Exception {
        List<Future<WorkflowRun>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WorkflowJob job = jobs.get(i % jobs.size());
            started.add(job.scheduleBuild2(0, new ParametersAction(new StringParameterValue("SLOT", String.valueOf(i))))
                    .getStartCondition());
        }
        List<WorkflowRun> builds = new ArrayList<>();
        for (Future<WorkflowRun> f : started) {
            builds.add(f.get(10, TimeUnit.MINUTES));
        }
        return builds;
    }

    /** The teams are invited and may answer: before the quorum, or after it while the accepting teams run it. */
    private static final Set<RolloutState> ANSWERABLE = Set.of(RolloutState.AWAITING_ANSWERS, RolloutState.SOAK);

    private static boolean isWaiting(WorkflowRun build) {
        RolloutAction rollout = build.getAction(RolloutAction.class);
        return build.isBuilding()
                && rollout != null
                && ANSWERABLE.contains(rollout.getRollout().state())
                && waitsIn(build, WaitForEarlyAdoptersStep.Execution.class);
    }

    private static boolean isPausedInInput(WorkflowRun build) {
        InputAction input = build.getAction(InputAction.class);
        try {
            return build.isBuilding() && input != null && !input.getExecutions().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean waitsIn(WorkflowRun build, Class<? extends StepExecution> kind) {
        try {
            return build.getExecution().getCurrentExecutions(true).get(10, TimeUnit.SECONDS).stream()
                    .anyMatch(kind::isInstance);
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitAll(List<WorkflowRun> builds, Condition condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        List<WorkflowRun> left = new ArrayList<>(builds);
        while (!left.isEmpty()) {
            left.removeIf(condition::holds);
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "Waited 20 min for " + what + "; " + left.size() + " not yet, e.g. " + left.get(0));
            }
            for (WorkflowRun b : left) {
                if (!b.isBuilding()) {
                    throw new AssertionError(
                            b + " ended with " + b.getResult() + " before " + what + ":\n" + b.getLog());
                }
            }
            Thread.sleep(500);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(WorkflowRun build);
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    /** The last answer each rollout's team must show: kind, comment, and how many answers it gave. */
    private record Expected(String status, String comment, int answers) {}

    /**
     * Posts {@code count} answers spread over the rollouts, {@code CLIENTS} at a time: answer {@code k} goes to rollout
     * {@code k % N}, by INFN and KIT in turn, accepting in the first two rounds and rejecting in the next two, each with
     * its own comment. Returns each POST's time in milliseconds; a POST not answered 200 fails the benchmark.
     */
    private double[] answer(JenkinsRule j, List<WorkflowRun> builds, int count, int first) throws Exception {
        String root = j.getURL().toString();
        double[] millis = new double[count];
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> posted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                int k = first + i;
                WorkflowRun build = builds.get(k % builds.size());
                int round = k / builds.size();
                int team = round % 2;
                String kind = round / 2 % 2 == 0 ? "accept" : "reject";
                String comment = "benchmark answer " + k;
                String key = build.getExternalizableId() + " " + TEAMS.get(team);
                Expected before = expected.get(key);
                expected.put(
                        key,
                        new Expected(
                                kind.equals("accept") ? "ACCEPTED" : "REJECTED",
                                comment,
                                (before == null ? 0 : before.answers()) + 1));
                String url = root + build.getUrl()
                        + build.getAction(RolloutAction.class).getUrlName() + "/answer";
                String form = "team=" + URLEncoder.encode(TEAMS.get(team), StandardCharsets.UTF_8) + "&answer=" + kind
                        + "&comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
                String user = ANSWERERS.get(team);
                posted.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = post(url, user, form);
                    millis[n] = (System.nanoTime() - start) / 1e6;
                    if (response.statusCode() != 200) {
                        throw new AssertionError(
                                url + " " + form + " answered " + response.statusCode() + ": " + response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : posted) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return millis;
    }

    /** A form POST as {@code user} with its API token (so no crumb), asking for JSON as a script does. */
    private HttpResponse<String> post(String url, String user, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(user, tokens.get(user)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** Teams whose rollout does not show their last answer, or shows fewer answers than they gave. */
    private int lost(List<WorkflowRun> builds) {
        int lost = 0;
        for (WorkflowRun build : builds) {
            for (TeamView team : build.getAction(RolloutAction.class).getView().teams()) {
                Expected e = expected.get(build.getExternalizableId() + " " + team.team());
                if (e != null
                        && !(e.status().equals(team.status())
                                && e.comment().equals(team.comment())
                                && e.answers() == team.answerChanges())) {
                    lost++;
                }
            }
        }
        return lost;
    }

    // ---- figures --------------------------------------------------------------------------------------------------

    private static String latency(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%s over %d: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                what,
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static synchronized void write(StringBuilder report) throws Exception {
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(
                REPORT,
                report,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    // ---- a shortcut into testing ----------------------------------------------------------------------------------

    /**
     * {@code benchEnterTesting()}: records a promotion into testing as {@code promoteRepo} does after createrepo_c,
     * without running it (the cost of a promotion is {@code bench/promotion-benchmark.sh}'s to measure). The rollout
     * then starts, as after a real promotion, and {@code waitForEarlyAdopters} invites the teams.
     */
    public static final class EnterTestingStep extends Step {

        @DataBoundConstructor
        public EnterTestingStep() {}

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context);
        }

        /** Static, so that the Pipeline program it is saved with does not hold the step. */
        private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {
            private static final long serialVersionUID = 1L;

            Execution(StepContext context) {
                super(context);
            }

            @Override
            protected Void run() throws Exception {
                Run<?, ?> run = getContext().get(Run.class);
                BuildRollout rollout = getContext().get(RolloutHandle.class).rolloutOf(run);
                String slot = run.getExternalizableId().replaceAll("[^A-Za-z0-9]", "");
                String file = "comp" + slot + "-1.0-1.noarch.rpm";
                RepositorySpec spec = new RepositorySpec(
                        "/nowhere",
                        "{stage}/{os}/{arch}",
                        List.of("untested", "testing", "production"),
                        "createrepo_c",
                        3,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null);
                rollout.recordPromotion(
                        new PromotionRecord(
                                "",
                                spec,
                                List.of(file),
                                "untested",
                                "testing",
                                "el9",
                                "x86_64",
                                "snapshot-" + slot,
                                List.of(file),
                                null),
                        new PromotionResult(
                                "testing/el9/x86_64",
                                "snapshot-" + slot,
                                List.of(file),
                                List.of(),
                                true,
                                "1 package promoted (benchmark shortcut)",
                                List.of("comp" + slot + "-1.0-1.noarch"),
                                null));
                return null;
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, RolloutHandle.class);
            }

            @Override
            public String getFunctionName() {
                return "benchEnterTesting";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return "Benchmark: record a promotion into testing";
            }
        }
    }
}
