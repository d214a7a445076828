package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
import io.jenkins.plugins.stagedrollout.core.closure.DependencyCheck;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataSource;
import java.io.IOException;
import io.jenkins.plugins.stagedrollout.core.closure.Unresolved;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the dependency check on a promotion's new snapshot after createrepo_c wrote its metadata and before it is
 * published: unmet requirements refuse the promotion (the served repository is unchanged) unless an override
 * allows them, and then who and why are logged. Requirements the served snapshot was let through with
 * ({@link AcceptedDebt}) and that are still unmet do not refuse it: only those the promotion adds do.
 */
final class DependencyGate {

    private static final int LISTED = 50;

    private final String label;
    private final String platform;
    private final String arch;
    private final List<MetadataSource> bases;
    private final boolean multilib;
    private final Optional<DependencyOverride> override;
    private final Consumer<String> sink;
    private final Map<String, AcceptedDebt> accepted;
    private ClosureReport report;
    private List<Unresolved> added = List.of();
    private List<AcceptedDebt> carried = List.of();

    private DependencyGate(String label, String platform, String arch, List<MetadataSource> bases, boolean multilib, Optional<DependencyOverride> override,
            Consumer<String> sink, List<AcceptedDebt> accepted) {
        this.accepted = AcceptedDebt.byKey(accepted);
        this.label = label;
        this.platform = platform;
        this.arch = arch;
        this.bases = bases;
        this.multilib = multilib;
        this.override = override;
        this.sink = sink;
    }

    /** The gate for a promotion into {@code stage}, or none when that stage is not checked. */
    static Optional<DependencyGate> forPromotion(StageLayout layout, String stage, String os, String arch, EngineOptions options,
            Optional<DependencyOverride> override, List<AcceptedDebt> accepted) {
        DependencyOptions dependencies = options.dependencies();
        boolean last = stage.equals(layout.stages().get(layout.stages().size() - 1));
        if (!last && !dependencies.checkEarlierStages()) {
            return Optional.empty();
        }
        return Optional.of(new DependencyGate(layout.label(stage, os, arch), os + "/" + arch, arch, dependencies.basesOf(os, arch), dependencies.multilib(),
                override, options.outputSink(), accepted));
    }

    /** @throws RepositoryException when requirements stay unmet without an override, or metadata cannot be read */
    void check(Path snapshot) {
        ClosureReport checked;
        try {
            checked = DependencyCheck.check(snapshot, label, arch, bases, multilib);
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "The dependency check of " + label + " cannot read its metadata: "
                    + e.getMessage() + ".", "Check the base repositories configured for " + platform
                    + " (each must hold repodata/repomd.xml); the served repository is unchanged.", e);
        }
        sink.accept(checked.summary());
        List<Unresolved> adding = new ArrayList<>();
        List<AcceptedDebt> stillUnmet = new ArrayList<>();
        for (Unresolved unmet : checked.unresolved()) {
            AcceptedDebt debt = accepted.get(unmet.packageNevra() + "\t" + unmet.requirement());
            if (debt == null) {
                adding.add(unmet);
            } else {
                stillUnmet.add(debt);
            }
        }
        if (!stillUnmet.isEmpty()) {
            sink.accept(stillUnmet.size() + " unmet requirement(s) of " + label + " were accepted before and stay accepted:\n"
                    + describe(stillUnmet.stream().map(AcceptedDebt::toString).toList()));
        }
        if (!adding.isEmpty()) {
            ClosureReport added = new ClosureReport(checked.repository(), checked.packagesChecked(), checked.packagesSkipped(),
                    checked.baseRepositories(), adding, checked.millis());
            if (override.isEmpty()) {
                throw RepositoryException.badInput("The promotion into " + label + " would leave " + adding.size()
                                + " requirement(s) that nothing meets, so dnf could not install those packages:\n" + added.describe(LISTED).stripTrailing(),
                        "Promote the missing packages too, configure the base repositories the clients of " + label + " enable"
                                + (bases.isEmpty() ? " (none are configured)" : " (configured: " + String.join(", ", checked.baseRepositories()) + ")")
                                + ", or allow broken dependencies with a reason; the served repository is unchanged.");
            }
            sink.accept("Publishing " + label + " with " + adding.size() + " unmet requirement(s), allowed by "
                    + override.get().who() + ": " + override.get().why() + "\n" + added.describe(LISTED).stripTrailing());
            adding.forEach(unmet -> stillUnmet.add(new AcceptedDebt(unmet, override.get().who(), override.get().why())));
        }
        report = checked;
        added = List.copyOf(adding);
        carried = List.copyOf(stillUnmet);
    }

    private static String describe(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.stream().limit(LISTED).forEach(line -> out.append("  ").append(line).append('\n'));
        if (lines.size() > LISTED) {
            out.append("  ... and ").append(lines.size() - LISTED).append(" more\n");
        }
        return out.toString().stripTrailing();
    }

    /** After {@link #check}: the unmet requirements this promotion adds (allowed by the override). */
    List<Unresolved> added() {
        return added;
    }

    /** After {@link #check}: the debts the new snapshot keeps, those accepted before and still unmet, then the new ones. */
    List<AcceptedDebt> carried() {
        return carried;
    }

    /** After {@link #check}: what it found. */
    ClosureReport report() {
        return report;
    }
}
