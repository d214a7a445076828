package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The digest that compares a package list with createrepo_c's metadata, and the hashes under it. */
class LocationDigestTest {

    private static final List<String> LIST = List.of("packages/A/a-1-1.noarch.rpm", "packages/A/b-1-1.noarch.rpm", "packages/B/c-1-1.noarch.rpm");

    private static LocationDigest of(List<String> hrefs) {
        LocationDigest digest = new LocationDigest();
        hrefs.forEach(digest::add);
        return digest;
    }

    @Test
    void theSameLocationsInAnotherOrderMatch() {
        assertThat(of(LIST).matches(of(List.of(LIST.get(2), LIST.get(0), LIST.get(1))))).isTrue();
        assertThat(of(LIST).count()).isEqualTo(3);
    }

    @Test
    void aMissingAnAddedOrARepeatedLocationDoesNot() {
        assertThat(of(LIST).matches(of(LIST.subList(0, 2)))).isFalse();
        assertThat(of(LIST).matches(of(List.of(LIST.get(0), LIST.get(1), LIST.get(2), "packages/B/d-1-1.noarch.rpm")))).isFalse();
        assertThat(of(LIST).matches(of(List.of(LIST.get(0), LIST.get(0), LIST.get(2))))).isFalse();
        assertThat(of(LIST).matches(of(List.of(LIST.get(0), LIST.get(1), "packages/C/c-1-1.noarch.rpm")))).isFalse();
    }

    @Test
    void bothHashesTellSimilarLocationsApart() {
        Set<Long> fnv = new HashSet<>();
        Set<Long> polynomial = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String href = "packages/20261201T120000.000Z/pkg-" + i + "-1.0-1.noarch.rpm";
            fnv.add(Hash64.fnv1a(href));
            polynomial.add(Hash64.polynomial(href));
        }
        assertThat(fnv).hasSize(100_000);
        assertThat(polynomial).hasSize(100_000);
    }
}
