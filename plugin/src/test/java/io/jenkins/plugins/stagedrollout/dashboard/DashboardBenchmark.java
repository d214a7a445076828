package io.jenkins.plugins.stagedrollout.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.stagedrollout.RolloutTestSupport;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * How fast the Staged Rollouts page and its API answer for {@code bench.rollouts} rollouts (default 1,000) over
 * {@code bench.jobs} jobs (default 200) on a real controller, measured over plain HTTP with {@code bench.requests}
 * requests each (default 100) after a warm-up. One job in ten is not readable by the viewing user, so the
 * permission filter is part of the measure. Not a test (surefire runs only *Test classes): run it with
 * {@code bench/dashboard-benchmark.sh}; the figures go to stdout and {@code target/dashboard-benchmark.txt}.
 */
@WithJenkins
class DashboardBenchmark {

    private static final int ROLLOUTS = Integer.getInteger("bench.rollouts", 1000);
    private static final int JOBS = Integer.getInteger("bench.jobs", 200);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
    private static final List<TeamId> TEAMS = List.of(Fixture.INFN, Fixture.CESGA, Fixture.PRAGUE);

    @TempDir
    Path repos;

    @TempDir
    Path logs;

    @Test
    void dashboard(JenkinsRule j) throws Exception {
        RolloutTestSupport.setUp(j, repos);
        List<FreeStyleProject> jobs = new ArrayList<>();
        MockAuthorizationStrategy auth = new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin");
        auth.grant(Jenkins.READ).everywhere().toAuthenticated();
        for (int i = 0; i < JOBS; i++) {
            FreeStyleProject job = j.createFreeStyleProject(String.format(Locale.ROOT, "release-%03d", i));
            jobs.add(job);
            // alice may not read one job in ten
            auth.grant(Item.READ).onItems(job).to(i % 10 == 0 ? "admin" : "alice");
        }
        j.jenkins.setAuthorizationStrategy(auth);

        long fill = System.nanoTime();
        IndexedRollouts rollouts = new IndexedRollouts(logs);
        for (int i = 0; i < ROLLOUTS; i++) {
            String job = jobs.get(i % JOBS).getFullName();
            int build = i / JOBS + 1;
            List<TeamId> teams = TEAMS.subList(0, 1 + i % TEAMS.size());
            String title = "Staged Rollout UMD-4 component" + i + " 1." + i + ".0-1 el9 x86_64";
            int kind = i % 10;
            rollouts.index(job, build, title, teams, s -> {
                if (kind >= 4) {
                    s.answer(Fixture.ALICE, Fixture.INFN, AnswerKind.ACCEPT, "installed");
                }
                if (kind >= 7) {
                    s.decide(Actor.SYSTEM, kind == 9 ? Decision.REJECT : Decision.ACCEPT, "benchmark");
                }
            });
            rollouts.later(Duration.ofMinutes(7));
        }
        double fillSeconds = (System.nanoTime() - fill) / 1e9;
        assertEquals(ROLLOUTS, RolloutIndex.get().entries().size());
        RolloutClock.set(Clock.fixed(Fixture.START.plus(Duration.ofDays(1)), ZoneOffset.UTC));

        RolloutIndex.get().writeNow();
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Dashboard benchmark: %d rollouts over %d jobs (index file %d KiB, filled in %.1f s), %d requests each%n",
                ROLLOUTS,
                JOBS,
                Files.size(RolloutIndex.file().getFile().toPath()) / 1024,
                fillSeconds,
                REQUESTS));
        report.append(String.format(
                Locale.ROOT, "%-52s %8s %8s %8s %9s%n", "request", "p50 ms", "p95 ms", "max ms", "bytes"));
        HttpClient http = HttpClient.newHttpClient();
        String root = j.getURL().toString();
        measure(report, http, root, "admin", "staged-rollouts/");
        measure(report, http, root, "alice", "staged-rollouts/");
        measure(report, http, root, "alice", "staged-rollouts/?mine=waiting");
        measure(report, http, root, "admin", "staged-rollouts/api/json");
        measure(report, http, root, "alice", "staged-rollouts/api/json?tree=open[title,state,nextDeadline]");
        measureUpdate(report);
        System.out.print(report);
        Path out = Path.of("target", "dashboard-benchmark.txt");
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static void measure(StringBuilder report, HttpClient http, String root, String user, String path)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .build();
        int bytes = 0;
        for (int i = 0; i < 20; i++) {
            bytes = send(http, request).length;
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            send(http, request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        line(report, user + " " + path, millis, bytes);
    }

    private static byte[] send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError(request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** One rollout changes: its entry is replaced; the file is written behind, on the timer. */
    private static void measureUpdate(StringBuilder report) {
        RolloutIndex index = RolloutIndex.get();
        List<RolloutEntry> entries = index.entries();
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            RolloutEntry e = entries.get(i % entries.size());
            RolloutEntry changed = e.movedTo(e.getJob() + "-renamed");
            long start = System.nanoTime();
            index.put(changed);
            millis[i] = (System.nanoTime() - start) / 1e6;
            index.removeJob(e.getJob() + "-renamed");
        }
        line(report, "index update (one entry; the file written behind)", millis, 0);
    }

    private static void line(StringBuilder report, String what, double[] millis, int bytes) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        report.append(String.format(
                Locale.ROOT,
                "%-52s %8.1f %8.1f %8.1f %9d%n",
                what,
                sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1],
                sorted[sorted.length - 1],
                bytes));
    }
}
