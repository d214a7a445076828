package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.AcceptedDebt;
import io.jenkins.plugins.stagedrollout.core.repo.SnapshotInfo;
import io.jenkins.plugins.stagedrollout.core.repo.StageInspector;
import java.io.PrintWriter;
import java.util.Optional;

/** {@code snapshots --show}: one snapshot's info line, its NEVRAs, then the unmet requirements accepted with it. */
final class SnapshotView {

    private SnapshotView() {
    }

    static void print(PrintWriter out, String label, Optional<SnapshotInfo> info, StageInspector.SnapshotContent content) {
        out.println("Snapshot " + content.id() + " of " + label + info.map(i -> ": " + (i.state() == SnapshotInfo.State.RETAINED ? "retained"
                : i.state().label()) + ", created " + i.createdAt() + ", last served " + (i.lastServedAt() == null ? "-" : i.lastServedAt())).orElse("")
                + ", " + content.nevras().size() + " package(s)");
        content.nevras().forEach(out::println);
        if (!content.acceptedDebts().isEmpty()) {
            out.println("Accepted unmet requirements (" + content.acceptedDebts().size() + "):");
            for (AcceptedDebt debt : content.acceptedDebts()) {
                out.println("  " + debt);
            }
        }
        out.flush();
    }
}
