package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a location inside the pool may be followed: the list is a file anyone with write access could change. */
class PackageListTest {

    @ParameterizedTest
    @ValueSource(strings = {"packages/20261125T031522.123Z/egi-tool-1.2.3-1.el9.noarch.rpm", "packages/20261125T031522.123Z-2/a.rpm",
            "packages/x/egi-tool-1.0~rc1^git1-1.el9.noarch.rpm"})
    void poolLocationsAreAccepted(String href) {
        assertThat(PackageList.isPooled(href)).isTrue();
        assertThat(PackageList.poolEntry(href)).isEqualTo(href.substring("packages/".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"egi-tool-1.0-1.noarch.rpm", "packages/egi-tool-1.0-1.noarch.rpm", "packages//egi-tool-1.0-1.noarch.rpm",
            "packages/../egi-tool-1.0-1.noarch.rpm", "packages/.x/egi-tool-1.0-1.noarch.rpm", "packages/x/../egi-tool-1.0-1.noarch.rpm",
            "packages/x/y/egi-tool-1.0-1.noarch.rpm", "packages/x/.hidden.rpm", "packages/x/.rpm", "packages/x/egi-tool-1.0-1.noarch.rpm.txt",
            "packages/x y/egi-tool-1.0-1.noarch.rpm", "/packages/x/egi-tool-1.0-1.noarch.rpm", "packages/x/", ""})
    void anythingElseIsRefused(String href) {
        assertThat(PackageList.isPooled(href)).isFalse();
    }
}
