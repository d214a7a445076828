package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How an undo restores a stage exactly as it was before a rollout's promotions, found in the {@link ServedJournal}:
 * the journal's last lines are those promotions' own (each a {@code served} line of a snapshot never served before,
 * each maybe followed by the {@code pruned} line of its prune) and the lines before them leave the stage serving what
 * it served before the rollout. Nothing else changed the stage then, so the undo restores what they pruned, deletes
 * the snapshots they made and cuts the journal back to {@code keptLines}.
 *
 * @param keptLines how many journal lines were there before the first of those promotions
 * @param abandoned the snapshots those promotions made, served by nobody once the undo is done
 * @param pruned    the snapshots their prunes renamed to {@code .trash-<id>}, to rename back
 */
record TakeBack(int keptLines, List<String> abandoned, List<String> pruned) {

    TakeBack {
        abandoned = List.copyOf(abandoned);
        pruned = List.copyOf(pruned);
    }

    /** Empty when the journal shows another change since {@code previousId} (null: nothing) was served. */
    static Optional<TakeBack> find(List<String> lines, String publishedId, String previousId) {
        String before = previousId == null ? ServedJournal.NOTHING : previousId;
        List<String> abandoned = new ArrayList<>();
        List<String> pruned = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] words = lines.get(i).split(" ");
            if (words.length >= 3 && words[1].equals("pruned")) {
                pruned.addAll(List.of(words).subList(2, words.length));
                continue;
            }
            if (words.length != 3 || !words[1].equals("served") || servedIn(lines.subList(0, i)).contains(words[2])) {
                return Optional.empty(); // a rollback, a withdrawal or an undo: the stage changed otherwise
            }
            abandoned.add(words[2]);
            if (abandoned.size() == 1 && !words[2].equals(publishedId)) {
                return Optional.empty();
            }
            if (lastServed(lines.subList(0, i)).equals(before)) {
                return Optional.of(new TakeBack(i, abandoned, pruned));
            }
        }
        return Optional.empty();
    }

    private static Set<String> servedIn(List<String> lines) {
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words.length >= 3 && words[1].equals("served")) {
                ids.add(words[2]);
            }
        }
        return ids;
    }

    private static String lastServed(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] words = lines.get(i).split(" ");
            if (words.length >= 3 && words[1].equals("served")) {
                return words[2];
            }
        }
        return ServedJournal.NOTHING;
    }
}
