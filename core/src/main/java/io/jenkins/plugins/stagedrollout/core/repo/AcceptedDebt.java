package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.Unresolved;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One unmet requirement a promotion was let through with ({@code --allow-broken-deps --reason}): kept with every
 * snapshot that still holds it (the file {@code .accepted-unmet} of the snapshot), so later promotions are refused
 * only for unmet requirements they add, and {@code snapshots --show} lists the debt.
 *
 * @param unmet  the requirement nothing meets (package NEVRA, requirement, why)
 * @param who    who allowed it
 * @param reason why
 */
public record AcceptedDebt(Unresolved unmet, String who, String reason) implements Serializable {

    static final String FILE = ".accepted-unmet";

    /** What identifies a debt across snapshots: the package and its requirement. */
    String key() {
        return unmet.packageNevra() + "\t" + unmet.requirement();
    }

    @Override
    public String toString() {
        return unmet + " (allowed by " + who + ": " + reason + ")";
    }

    static List<AcceptedDebt> read(Path snapshot) {
        Path file = snapshot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<AcceptedDebt> debts = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 5) {
                    debts.add(new AcceptedDebt(new Unresolved(fields[2], fields[3], fields[4]), fields[0], fields[1]));
                }
            }
            return List.copyOf(debts);
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("read " + file, e);
        }
    }

    /** Written into a snapshot before it is complete (snapshots are never modified afterwards); none: no file. */
    static void write(Path snapshot, Collection<AcceptedDebt> debts) throws IOException {
        if (debts.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (AcceptedDebt debt : debts) {
            text.append(String.join("\t", field(debt.who), field(debt.reason), field(debt.unmet.packageNevra()), field(debt.unmet.requirement()),
                    field(debt.unmet.why()))).append('\n');
        }
        Files.writeString(snapshot.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    /** The debts of {@code debts} whose package is not among {@code goneNevras}: what a withdrawal carries over. */
    static List<AcceptedDebt> without(List<AcceptedDebt> debts, Set<String> goneNevras) {
        return debts.stream().filter(debt -> !goneNevras.contains(debt.unmet.packageNevra())).toList();
    }

    /** By key, the first kept: the served snapshot's own word stays with a requirement still unmet. */
    static Map<String, AcceptedDebt> byKey(List<AcceptedDebt> debts) {
        Map<String, AcceptedDebt> keyed = new LinkedHashMap<>();
        debts.forEach(debt -> keyed.putIfAbsent(debt.key(), debt));
        return keyed;
    }

    private static String field(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
