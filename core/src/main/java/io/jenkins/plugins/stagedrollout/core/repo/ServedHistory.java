package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a repository's states were last served, derived from durable facts only: the
 * {@link ServedJournal}'s lines, the snapshot directories and the served link. A journal line is written before its
 * switch, so the last {@code served} line is believed only when the link shows it happened (or a later line follows);
 * a kill -9 between the two thus leaves the order as it was before, withdrawn marks included.
 *
 * @param order       ids by the time each was last served, oldest first, the served one last; pruned ids included
 * @param withdrawn   ids a switch marked withdrawn (their content was taken out), never offered as the previous state
 * @param lastServed  id -> when it was last served, as the journal wrote it ({@code -} when unknown)
 * @param existing    retained snapshot ids, by creation
 * @param current     the id served now
 * @param journaled   false for a repository written before the journal existed: its snapshots count as served in
 *                    the order they were made
 */
record ServedHistory(List<String> order, Set<String> withdrawn, Map<String, String> lastServed, List<String> existing,
                     Optional<String> current, boolean journaled) {

    /** The state {@code rollback --previous} serves, or why there is none. */
    record Previous(Optional<String> id, String whyNone) {
    }

    ServedHistory {
        order = List.copyOf(order);
        withdrawn = Set.copyOf(withdrawn);
        lastServed = Map.copyOf(lastServed);
        existing = List.copyOf(existing);
    }

    static ServedHistory derive(List<String> lines, List<String> existing, Optional<String> current, boolean journaled) {
        List<String> believed = believed(lines, current);
        LinkedHashSet<String> order = new LinkedHashSet<>();
        Set<String> withdrawn = new HashSet<>();
        Map<String, String> lastServed = new HashMap<>();
        if (!journaled) {
            order.addAll(existing);
        }
        for (String line : believed) {
            String[] words = line.split(" ");
            if (words.length >= 3 && words[1].equals("served")) {
                String id = words[2];
                if (!id.equals(ServedJournal.NOTHING)) {
                    order.remove(id);
                    order.add(id);
                    withdrawn.remove(id);
                    lastServed.put(id, words[0]);
                }
                for (int i = 4; i < words.length && words[3].equals("withdrawn"); i++) {
                    withdrawn.add(words[i]);
                }
            }
        }
        current.ifPresent(id -> {
            order.remove(id);
            order.add(id);
            withdrawn.remove(id);
        });
        return new ServedHistory(new ArrayList<>(order), withdrawn, lastServed, existing, current, journaled);
    }

    /** The lines whose switch happened: the last one only if the link serves what it names. */
    static List<String> believed(List<String> lines, Optional<String> current) {
        if (lines.isEmpty()) {
            return lines;
        }
        String[] last = lines.get(lines.size() - 1).split(" ");
        boolean unfulfilled = last.length >= 3 && last[1].equals("served") && !last[2].equals(current.orElse(ServedJournal.NOTHING));
        return unfulfilled ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** Retained but never served (a writer killed between completing a snapshot and switching to it). */
    boolean neverServed(String id) {
        return !order.contains(id);
    }

    SnapshotInfo.State state(String id) {
        if (current.filter(id::equals).isPresent()) {
            return SnapshotInfo.State.SERVED;
        }
        if (withdrawn.contains(id)) {
            return SnapshotInfo.State.WITHDRAWN;
        }
        if (neverServed(id)) {
            return SnapshotInfo.State.NEVER_SERVED;
        }
        return previous().id().filter(id::equals).isPresent() ? SnapshotInfo.State.PREVIOUS : SnapshotInfo.State.RETAINED;
    }

    /** The state served before the current one that may be served again: not withdrawn, still retained. */
    Previous previous() {
        if (current.isEmpty()) {
            return new Previous(Optional.empty(), "it serves nothing");
        }
        List<String> skipped = new ArrayList<>();
        for (int i = order.size() - 2; i >= 0; i--) {
            String id = order.get(i);
            if (withdrawn.contains(id)) {
                skipped.add(id);
            } else if (existing.contains(id)) {
                return new Previous(Optional.of(id), "");
            } else {
                return new Previous(Optional.empty(), "snapshot " + id + ", served before snapshot " + current.get()
                        + (skipped.isEmpty() ? "" : " and the withdrawn " + String.join(", ", skipped)) + ", was pruned");
            }
        }
        return new Previous(Optional.empty(), skipped.isEmpty()
                ? "snapshot " + current.get() + " is the only state it has served"
                : "every state it served before snapshot " + current.get() + " was withdrawn (" + String.join(", ", skipped) + ")");
    }

    /**
     * The retained snapshots a prune to {@code keep} removes: all but the served one and the {@code keep - 1} most
     * recently served others. Never-served and withdrawn snapshots rank below every other, so they go first.
     */
    List<String> doomed(int keep) {
        List<String> ranked = existing.stream()
                .filter(id -> current.map(c -> !c.equals(id)).orElse(true))
                .sorted(Comparator.<String>comparingInt(id -> neverServed(id) || withdrawn.contains(id) ? 0 : 1)
                        .thenComparingInt(order::indexOf)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        int kept = Math.max(0, keep - (current.isPresent() ? 1 : 0));
        return ranked.subList(0, Math.max(0, ranked.size() - kept));
    }
}
