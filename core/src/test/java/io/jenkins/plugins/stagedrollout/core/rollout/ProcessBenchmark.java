package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notifier;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.Metrics;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.StackManagers;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Not a test: run by bench/process-benchmark.sh. Writes N rollout logs of T teams each (complete rollouts: invite,
 * answers with two rejects, soak, reports, decision), replays them all from disk keeping every Rollout in memory,
 * then measures answer throughput in memory and durably (one fsync per answer).
 */
public final class ProcessBenchmark {
    private static final Actor MANAGER = Actor.user("manager");
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final int rollouts;
    private final int teamCount;
    private final Path dir;
    private final List<TeamId> teams = new ArrayList<>();
    private final Roster roster;
    private final WorkingCalendar calendar = WorkingCalendar.of(ZoneId.of("Europe/Amsterdam"));

    ProcessBenchmark(int rollouts, int teamCount, Path dir) {
        this.rollouts = rollouts;
        this.teamCount = teamCount;
        this.dir = dir;
        List<EarlyAdopterTeam> list = new ArrayList<>();
        for (int t = 0; t < teamCount; t++) {
            EarlyAdopterTeam team = EarlyAdopterTeam.of("NGI_B" + t + "-SITE-" + t, List.of("ea" + t + "@example.org"), Set.of("user" + t), null);
            list.add(team);
            teams.add(team.id());
        }
        roster = Roster.of(list, List.of(new StackManagers("UMD", Set.of("manager"), Set.of(), List.of("m@example.org"))));
    }

    public static void main(String[] args) throws Exception {
        int rollouts = 10_000;
        int teams = 20;
        int durable = 2_000;
        Path dir = Path.of("core/target/bench-logs");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rollouts" -> rollouts = Integer.parseInt(args[i + 1]);
                case "--teams" -> teams = Integer.parseInt(args[i + 1]);
                case "--durable-answers" -> durable = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --rollouts N --teams T --durable-answers M --dir DIR");
            }
        }
        ProcessBenchmark b = new ProcessBenchmark(rollouts, teams, dir);
        System.out.printf("Java %s, %d cores, max heap %d MiB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        b.generate();
        b.replay();
        b.answersInMemory();
        b.answersDurable(durable);
    }

    private RolloutContext ctx(Instant now) {
        return new RolloutContext(roster, calendar, now);
    }

    /** One complete rollout's events, produced by the real commands. */
    private List<Event> completeRollout(int i) {
        Release release = Release.of("UMD-4", "component" + i, "1.0." + i, "el9", "x86_64");
        List<Event> events = new ArrayList<>();
        Instant now = START;
        Transition t = RolloutCommands.open(MANAGER, release, RolloutPolicy.defaults(), Fixture.LINKS, now);
        events.addAll(t.events());
        Rollout r = t.after();
        t = RolloutCommands.bindPackageSet(r, ctx(now), MANAGER, PackageSet.of("component" + i + "-1.0." + i + "-1.el9.x86_64"));
        events.addAll(t.events());
        t = RolloutCommands.startStagedRollout(t.after(), ctx(now), MANAGER, "promoted");
        events.addAll(t.events());
        t = RolloutCommands.invite(t.after(), ctx(now), MANAGER, teams);
        events.addAll(t.events());
        r = t.after();
        for (int k = 0; k < teamCount; k++) {
            now = now.plusSeconds(60);
            AnswerKind kind = k >= teamCount - 2 ? AnswerKind.REJECT : AnswerKind.ACCEPT;
            t = RolloutCommands.answer(r, ctx(now), Actor.user("user" + k), teams.get(k), kind, "answer " + k, "web");
            events.addAll(t.events());
            r = t.after();
        }
        now = now.plus(Duration.ofDays(5));
        t = RolloutCommands.tick(r, ctx(now));
        events.addAll(t.events());
        r = t.after();
        for (int k = 0; k < teamCount - 2; k++) {
            EaReport report = new EaReport(teams.get(k), Verdict.POSITIVE, true, null, List.of("upgrade", "functional tests"),
                    new Metrics(1000 + k, 20000, List.of("atlas", "cms")), "fine", null, List.of());
            t = RolloutCommands.fileReport(r, ctx(now), Actor.user("user" + k), report);
            events.addAll(t.events());
            r = t.after();
        }
        t = RolloutCommands.decide(r, ctx(now), MANAGER, Decision.ACCEPT, "all reports positive; rejects explained");
        events.addAll(t.events());
        return events;
    }

    private Path log(int i) {
        return dir.resolve("rollout-" + i + ".log");
    }

    private void generate() throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            old.forEach(p -> p.toFile().delete());
        }
        long t0 = System.nanoTime();
        long events = 0;
        long bytes = 0;
        for (int i = 0; i < rollouts; i++) {
            StringBuilder sb = new StringBuilder();
            for (Event e : completeRollout(i)) {
                sb.append(EventCodec.encode(e)).append('\n');
                events++;
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            bytes += b.length;
            Files.write(log(i), b);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generate: %d rollouts x %d teams, %d events (%.1f per rollout), %.1f MiB of logs, %.1f s%n",
                rollouts, teamCount, events, (double) events / rollouts, bytes / 1048576.0, s);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private void replay() {
        // warm-up on a tenth of the logs so the JIT has compiled the replay path
        for (int i = 0; i < Math.max(1, rollouts / 10); i++) {
            load(i);
        }
        long before = usedHeap();
        Rollout[] all = new Rollout[rollouts];
        long t0 = System.nanoTime();
        for (int i = 0; i < rollouts; i++) {
            all[i] = load(i);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long after = usedHeap();
        int accepted = 0;
        for (Rollout r : all) {
            accepted += r.state() == RolloutState.ACCEPTED ? 1 : 0;
        }
        if (accepted != rollouts || !all[rollouts - 1].equals(Rollout.replay(completeRollout(rollouts - 1)))) {
            throw new IllegalStateException("replay gave the wrong rollouts: " + accepted + " of " + rollouts + " accepted");
        }
        System.out.printf("replay: %d rollouts from disk in %.2f s = %.3f ms per rollout (%.0f rollouts/s); retained heap %.1f KiB per rollout"
                        + " (%d MiB for all)%n", rollouts, s, s * 1000 / rollouts, rollouts / s,
                (after - before) / 1024.0 / rollouts, (after - before) >> 20);
    }

    private Rollout load(int i) {
        try (EventLog log = EventLog.open(log(i))) {
            return Rollout.replay(log.events());
        }
    }

    /** Pure command processing: validation, follow-up rules and applying the events, no I/O. */
    private void answersInMemory() {
        int rounds = 5_000;
        List<Rollout> invited = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Transition t = RolloutCommands.open(MANAGER, Release.of("UMD-4", "c" + i, "1.0"), RolloutPolicy.defaults().withMinAccepts(teamCount),
                    Fixture.LINKS, START);
            t = RolloutCommands.bindPackageSet(t.after(), ctx(START), MANAGER, PackageSet.of("c-1.0-1.el9.x86_64"));
            t = RolloutCommands.startStagedRollout(t.after(), ctx(START), MANAGER, null);
            invited.add(RolloutCommands.invite(t.after(), ctx(START), MANAGER, teams).after());
        }
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            long answers = 0;
            for (Rollout r : invited) {
                for (int k = 0; k < teamCount; k++) {
                    r = RolloutCommands.answer(r, ctx(START.plusSeconds(k)), Actor.user("user" + k), teams.get(k),
                            AnswerKind.ACCEPT, null, "web").after();
                    answers++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (warm == 1) {
                System.out.printf("answers in memory: %d answers in %.2f s = %.0f answers/s (%.1f us each)%n", answers, s,
                        answers / s, s * 1e6 / answers);
            }
        }
    }

    /** Through RolloutService: validation, JSON, checksum, write and fsync per answer. */
    private void answersDurable(int count) {
        Path durableDir = dir.resolve("durable");
        try {
            Files.createDirectories(durableDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MutableClock clock = new MutableClock(START);
        RolloutEnvironment env = new RolloutEnvironment(roster, calendar, Notifier.NONE, clock);
        int done = 0;
        long nanos = 0;
        for (int i = 0; done < count; i++) {
            Path p = durableDir.resolve("durable-" + i + ".log");
            p.toFile().delete();
            try (RolloutService s = RolloutService.open(p, env, MANAGER, Release.of("UMD-4", "d" + i, "1.0"),
                    RolloutPolicy.defaults().withMinAccepts(teamCount), Fixture.LINKS)) {
                s.bindPackageSet(MANAGER, PackageSet.of("d-1.0-1.el9.x86_64"));
                s.startStagedRollout(MANAGER, null);
                s.invite(MANAGER, teams);
                long t0 = System.nanoTime();
                for (int k = 0; k < teamCount && done < count; k++, done++) {
                    s.answer(Actor.user("user" + k), teams.get(k), AnswerKind.ACCEPT, null);
                }
                nanos += System.nanoTime() - t0;
            }
        }
        double s = nanos / 1e9;
        System.out.printf("answers durable (fsync each): %d answers in %.2f s = %.0f answers/s (%.2f ms each)%n", done, s,
                done / s, s * 1000 / done);
    }
}
