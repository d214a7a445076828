package io.jenkins.plugins.stagedrollout;

import hudson.model.Computer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.jvnet.hudson.test.JenkinsRule;

/** For the waiting benchmark, the controller at one moment: busy executors, flyweight tasks, live threads (settled), live heap by class. */
record ControllerSample(
        int busyExecutors,
        int flyweights,
        int threads,
        Map<String, Integer> threadKinds,
        Map<String, long[]> histogram,
        long heap) {

    private static final int SETTLE_SECONDS = Integer.getInteger("bench.settle", 65);

    static ControllerSample take(JenkinsRule j) throws Exception {
        int busy = 0;
        int flyweights = 0;
        for (Computer c : j.jenkins.getComputers()) {
            busy += c.countBusy();
            flyweights += c.getOneOffExecutors().size();
        }
        int threads = settledThreadCount();
        Map<String, long[]> histogram = liveHistogram();
        long heap = histogram.values().stream().mapToLong(v -> v[1]).sum();
        return new ControllerSample(busy, flyweights, threads, liveThreadKinds(), histogram, heap);
    }

    /**
     * Pools let idle threads go after a while (a cached pool after 60 s): the count once it stopped falling for
     * {@code bench.settle} seconds (default 65; at most 3 min).
     */
    private static int settledThreadCount() throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int lowest = threads.getThreadCount();
        long lowestSince = System.nanoTime();
        while (System.nanoTime() < end && System.nanoTime() - lowestSince < TimeUnit.SECONDS.toNanos(SETTLE_SECONDS)) {
            Thread.sleep(1000);
            int now = threads.getThreadCount();
            if (now < lowest) {
                lowest = now;
                lowestSince = System.nanoTime();
            }
        }
        return lowest;
    }

    /** The JVM's class histogram after a full GC (jcmd GC.class_histogram): class name to {instances, bytes}. */
    private static Map<String, long[]> liveHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, long[]> histogram = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // "  1:   123   4567   java.lang.String (java.base@17)"
            if (f.length >= 4 && f[0].endsWith(":")) {
                histogram.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])}, (a, b) ->
                        new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return histogram;
    }

    /** Prints the figures against {@code idle}, per one of {@code count} things, and what grew most. */
    void compare(ControllerSample idle, int count, String what, StringBuilder report) {
        report.append(String.format(
                Locale.ROOT,
                "  busy executors %d (flyweight Pipeline tasks, which hold no thread: %d); live threads %d with none,"
                        + " %d with %d%n",
                busyExecutors,
                flyweights,
                idle.threads,
                threads,
                count));
        report.append(String.format(
                Locale.ROOT,
                "  live heap %.1f MiB with none, %.1f MiB with %d: %.1f KiB per %s%n",
                idle.heap / 1048576.0,
                heap / 1048576.0,
                count,
                (heap - idle.heap) / 1024.0 / count,
                what));
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : histogram.entrySet()) {
            long[] before = idle.histogram.getOrDefault(e.getKey(), new long[2]);
            grown.add(Map.entry(e.getKey(), e.getValue()[1] - before[1]));
        }
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        report.append(String.format(Locale.ROOT, "  largest growth per %s (bytes):", what));
        for (Map.Entry<String, Long> e : grown.subList(0, Math.min(12, grown.size()))) {
            report.append(String.format(Locale.ROOT, " %s %d;", shortName(e.getKey()), e.getValue() / count));
        }
        report.append(System.lineSeparator());
        report.append(String.format(Locale.ROOT, "  growth per %s by origin (bytes):", what));
        Map<String, Long> byOrigin = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : grown) {
            byOrigin.merge(origin(e.getKey()), e.getValue(), Long::sum);
        }
        byOrigin.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> report.append(String.format(Locale.ROOT, " %s %d;", e.getKey(), e.getValue() / count)));
        report.append(System.lineSeparator());
        report.append(String.format(Locale.ROOT, "  threads that grew:"));
        Map<String, Integer> before = idle.threadKinds;
        threadKinds.forEach((kind, n) -> {
            int was = before.getOrDefault(kind, 0);
            if (n > was) {
                report.append(String.format(Locale.ROOT, " %s +%d;", kind, n - was));
            }
        });
        report.append(System.lineSeparator());
    }

    /** Who makes objects of a class, from its package: the plugin, Pipeline, Groovy, or plain Java data. */
    private static String origin(String className) {
        if (className.startsWith("io.jenkins.plugins.stagedrollout")) {
            return "staged-rollout";
        } else if (className.startsWith("org.jenkinsci.plugins.workflow")) {
            return "Pipeline (workflow-*)";
        } else if (className.startsWith("com.cloudbees.groovy.cps")) {
            return "groovy-cps";
        } else if (className.startsWith("groovy") || className.startsWith("org.codehaus.groovy")) {
            return "Groovy";
        } else if (className.startsWith("[") || className.startsWith("java.")) {
            return "JDK (strings, arrays, collections)";
        }
        return "other";
    }

    /** Live threads by name with digits taken out, so a pool's threads count as one kind. */
    private static Map<String, Integer> liveThreadKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            kinds.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return kinds;
    }

    private static String shortName(String className) {
        int dot = className.lastIndexOf('.', className.lastIndexOf('.') - 1);
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
