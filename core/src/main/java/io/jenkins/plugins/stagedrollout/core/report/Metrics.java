package io.jenkins.plugins.stagedrollout.core.report;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.io.Serializable;
import java.util.List;

/** Production figures seen during the soak (seed step 12.1); null counts mean "not measured". */
public record Metrics(Integer jobsPerDay, Integer transfersPerDay, List<String> vos) implements Serializable {
    private static final int ABSURD = 1_000_000_000;

    public Metrics {
        checkCount("jobs per day", jobsPerDay);
        checkCount("transfers per day", transfersPerDay);
        vos = List.copyOf(vos == null ? List.of() : vos);
    }

    public static Metrics none() {
        return new Metrics(null, null, List.of());
    }

    private static void checkCount(String what, Integer value) {
        if (value != null && (value < 0 || value >= ABSURD)) {
            throw new InvalidNameException("Report metric " + what + " = " + value + " is out of range; give 0 to "
                    + (ABSURD - 1) + " or leave it empty");
        }
    }
}
