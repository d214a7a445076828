package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The patterns of a withdrawal split into those the stage still holds and those already gone: a pattern that
 * matches nothing now but a package of a retained snapshot was withdrawn before (a repeated withdrawal is
 * "Nothing to do"); one that matches nothing anywhere is refused as unknown, as before.
 */
record WithdrawalSelection(List<String> present, List<String> gone) {

    WithdrawalSelection {
        present = List.copyOf(present);
        gone = List.copyOf(gone);
    }

    static WithdrawalSelection split(PackageCatalog current, Supplier<List<PackageCatalog>> earlier, PackageSelection selection) {
        List<String> present = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        List<PackageCatalog> retained = null;
        for (String pattern : selection.patterns()) {
            try {
                current.selectFileNames(PackageSelection.of(pattern));
                present.add(pattern);
            } catch (RepositoryException unknown) {
                if (unknown.kind() != RepositoryException.Kind.BAD_INPUT) {
                    throw unknown;
                }
                retained = retained == null ? earlier.get() : retained;
                if (retained.stream().noneMatch(catalog -> matches(catalog, pattern))) {
                    throw unknown;
                }
                gone.add(pattern);
            }
        }
        return new WithdrawalSelection(present, gone);
    }

    private static boolean matches(PackageCatalog catalog, String pattern) {
        try {
            return !catalog.selectFileNames(PackageSelection.of(pattern)).fileNames().isEmpty();
        } catch (RepositoryException noMatch) {
            return false;
        }
    }
}
