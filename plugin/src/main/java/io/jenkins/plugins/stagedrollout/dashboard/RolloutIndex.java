package io.jenkins.plugins.stagedrollout.dashboard;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.XStream2;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * Every rollout of the controller, one light {@link RolloutEntry} each, in {@code staged-rollout-index.xml} under
 * {@code JENKINS_HOME}: the dashboard reads this instead of loading every build of every job. {@link
 * RolloutIndexListener} replaces a rollout's entry whenever the rollout changes, and removes and moves entries with
 * their jobs and builds. Only when the file is missing (first start with the dashboard, or deleted by hand) or may be
 * outdated (the controller stopped before a change was written) are the builds scanned, once, at start-up.
 *
 * <p>Changes are written behind, at most once a second, on Jenkins' timer: rewriting the whole file (about 0.8 MiB
 * for 1,000 rollouts) under the lock on every answer made each answer wait for every other rollout's write. While
 * a change is not yet written a marker file exists, so that a crash in between makes the next start rebuild the
 * index instead of believing an outdated file; a clean shutdown writes what is pending.
 */
@Extension
public final class RolloutIndex {

    private static final Logger LOGGER = Logger.getLogger(RolloutIndex.class.getName());
    static final String FILE_NAME = "staged-rollout-index.xml";
    /** Exists while the file lags behind the entries in memory. */
    static final String UNSAVED_MARKER = FILE_NAME + ".unsaved";
    /** How long changes gather before one write of the file. */
    static final long WRITE_DELAY_MILLIS = 1000;

    /** Guarded by this; insertion order is of no meaning, the dashboard sorts. */
    private final Map<String, RolloutEntry> entries = new LinkedHashMap<>();
    /** Immutable copy for readers, replaced on every change, so a page never waits for a save. */
    private volatile List<RolloutEntry> snapshot = List.of();
    /** Changes before the start-up load are merged into it, and written with it. */
    private boolean loaded;
    /** A change is not yet taken by a write (after the load, a write is scheduled). Guarded by this. */
    private boolean writePending;
    /** One write of the file at a time, the latest snapshot last; never taken while holding this. */
    private final Object fileLock = new Object();

    public static RolloutIndex get() {
        return ExtensionList.lookupSingleton(RolloutIndex.class);
    }

    /** What the file holds. */
    static final class Stored {
        private final ArrayList<RolloutEntry> rollouts;

        Stored(List<RolloutEntry> rollouts) {
            this.rollouts = new ArrayList<>(rollouts);
        }

        List<RolloutEntry> rollouts() {
            return rollouts == null ? List.of() : rollouts;
        }
    }

    /** Its own XStream, so that short element names do not leak into other files. */
    private static final XStream2 XSTREAM = new XStream2();

    static {
        XSTREAM.alias("rolloutIndex", Stored.class);
        XSTREAM.alias("rollout", RolloutEntry.class);
        XSTREAM.alias("team", TeamEntry.class);
    }

    static XmlFile file() {
        return new XmlFile(XSTREAM, new File(Jenkins.get().getRootDir(), FILE_NAME));
    }

    private static File unsavedMarker() {
        return new File(Jenkins.get().getRootDir(), UNSAVED_MARKER);
    }

    /** Jobs are loaded, Pipelines not yet resumed: read the index, or rebuild it from the builds if it is missing. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED, before = InitMilestone.COMPLETED)
    public static void loadAtStartUp() {
        get().load();
    }

    /** What is not yet written is written before the controller stops. */
    @Terminator
    public static void writeAtShutdown() {
        get().writeNow();
    }

    void load() {
        XmlFile file = file();
        List<RolloutEntry> found;
        boolean rebuilt = false;
        if (unsavedMarker().exists()) {
            LOGGER.log(
                    Level.INFO,
                    "The controller stopped before the index of rollouts was written; rebuilding it from the builds");
            found = scan();
            rebuilt = true;
        } else if (file.exists()) {
            try {
                found = ((Stored) file.read()).rollouts();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(
                        Level.WARNING,
                        "Could not read " + file + "; rebuilding the index of rollouts from the builds",
                        e);
                found = scan();
                rebuilt = true;
            }
        } else {
            found = scan();
            rebuilt = true;
        }
        List<RolloutEntry> gone = rebuilt ? List.of() : vanished(found);
        boolean differs;
        synchronized (this) {
            for (RolloutEntry e : found) {
                // An entry put while loading is newer than what the file or the scan found.
                entries.putIfAbsent(e.key(), e);
            }
            gone.forEach(e -> entries.remove(e.key()));
            loaded = true;
            snapshot = List.copyOf(entries.values());
            differs = rebuilt || !gone.isEmpty() || writePending;
        }
        if (differs) {
            writeNow();
        }
        LOGGER.log(Level.FINE, "{0} rollouts in the index ({1})", new Object[] {
            found.size(), rebuilt ? "rebuilt from the builds" : "read from " + FILE_NAME
        });
    }

    /**
     * Entries whose job or build directory is gone while the controller was down (the listeners missed it): found
     * by name and a directory check, without loading any build.
     */
    private static List<RolloutEntry> vanished(List<RolloutEntry> found) {
        List<RolloutEntry> gone = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (RolloutEntry e : found) {
                Job<?, ?> job = Jenkins.get().getItemByFullName(e.getJob(), Job.class);
                if (job == null || !new File(job.getBuildDir(), String.valueOf(e.getBuild())).isDirectory()) {
                    gone.add(e);
                }
            }
        }
        return gone;
    }

    /** The only place that loads builds: every build of every job, as SYSTEM. */
    private static List<RolloutEntry> scan() {
        List<RolloutEntry> found = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                for (Run<?, ?> run : job.getBuilds()) {
                    for (BuildRollout rollout : BuildRollout.all(run)) {
                        try {
                            found.add(RolloutEntry.of(rollout));
                        } catch (RuntimeException e) {
                            LOGGER.log(
                                    Level.WARNING,
                                    "Could not read the rollout of " + run + "; left out of the index",
                                    e);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The entries now, in no particular order; never blocks on a writer. */
    public List<RolloutEntry> entries() {
        return snapshot;
    }

    /** Adds or replaces the rollout's entry; writes the file only when something changed. */
    public synchronized void put(RolloutEntry entry) {
        RolloutEntry before = entries.put(entry.key(), entry);
        if (!entry.equals(before)) {
            changed();
        }
    }

    /** A deleted build takes its rollouts with it. */
    public synchronized void removeBuild(String job, int build) {
        if (entries.values().removeIf(e -> e.getJob().equals(job) && e.getBuild() == build)) {
            changed();
        }
    }

    /** A deleted job, or a deleted folder and every job in it. */
    public synchronized void removeJob(String fullName) {
        if (entries.values()
                .removeIf(e -> e.getJob().equals(fullName) || e.getJob().startsWith(fullName + "/"))) {
            changed();
        }
    }

    /** A renamed or moved job (Jenkins tells about each job of a moved folder by itself). */
    public synchronized void moveJob(String oldFullName, String newFullName) {
        List<RolloutEntry> moved = new ArrayList<>();
        entries.values().removeIf(e -> {
            if (e.getJob().equals(oldFullName)) {
                moved.add(e.movedTo(newFullName));
                return true;
            }
            return false;
        });
        if (!moved.isEmpty()) {
            moved.forEach(e -> entries.put(e.key(), e));
            changed();
        }
    }

    /** Readers see the change at once; the file follows within {@link #WRITE_DELAY_MILLIS}. Holds this. */
    private void changed() {
        snapshot = List.copyOf(entries.values());
        if (writePending) {
            return;
        }
        writePending = true;
        // Before the start-up load, the load writes what it merged.
        if (loaded) {
            markUnsaved();
            Timer.get().schedule(this::writeNow, WRITE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Created once per batch of changes, before the first of them can be lost by a crash. */
    private static void markUnsaved() {
        try {
            Files.write(unsavedMarker().toPath(), new byte[0]);
        } catch (IOException e) {
            LOGGER.log(
                    Level.WARNING, "Could not create " + unsavedMarker() + "; a crash now leaves an outdated index", e);
        }
    }

    /**
     * Writes the entries as they are now unless the file already holds them; the lock is not held meanwhile. Before
     * the start-up load there is nothing to write: an empty file would hide every rollout at the next start.
     */
    void writeNow() {
        synchronized (fileLock) {
            List<RolloutEntry> written;
            synchronized (this) {
                boolean current = !writePending && !unsavedMarker().exists() && file().exists();
                if (!loaded || current) {
                    return;
                }
                writePending = false;
                written = snapshot;
            }
            if (!write(written)) {
                return;
            }
            synchronized (this) {
                if (!writePending) {
                    try {
                        Files.deleteIfExists(unsavedMarker().toPath());
                    } catch (IOException e) {
                        LOGGER.log(Level.WARNING, "Could not remove " + unsavedMarker(), e);
                    }
                }
            }
        }
    }

    private static boolean write(List<RolloutEntry> written) {
        XmlFile file = file();
        try {
            file.write(new Stored(written));
            return true;
        } catch (IOException e) {
            // The entries in memory are right. An outdated file would be believed at the next start; without one,
            // the next start rebuilds the index from the builds.
            LOGGER.log(Level.WARNING, "Could not save " + file + "; removing it so that the next start rebuilds it", e);
            try {
                file.delete();
            } catch (IOException gone) {
                LOGGER.log(
                        Level.WARNING, "Could not remove " + file + " either: delete it before the next start", gone);
            }
            return false;
        }
    }
}
