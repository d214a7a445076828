package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verification's comparison of the streamed primary metadata with the snapshot's package list. */
class ExpectedLocationsTest {

    private static final List<String> LIST = List.of("packages/A/a-1-1.noarch.rpm", "packages/A/b-1-1.noarch.rpm", "packages/B/c-1-1.noarch.rpm");

    @Test
    void exactlyTheListInAnyOrderIsNoMismatch() {
        ExpectedLocations expected = new ExpectedLocations(LIST);
        expected.accept("packages/B/c-1-1.noarch.rpm", "c-2:1-1.noarch");
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");
        expected.accept("packages/A/b-1-1.noarch.rpm", "b-1-1.noarch");

        assertThat(expected.mismatch()).isEmpty();
    }

    @Test
    void aListNamingALocationTwiceIsAMismatchEvenWhenTheMetadataListsItOnce() {
        ExpectedLocations expected = new ExpectedLocations(List.of("packages/A/a-1-1.noarch.rpm", "packages/A/a-1-1.noarch.rpm"));
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");

        assertThat(expected.mismatch()).hasValue("the metadata lists 1 package(s), expected 2; missing [], unexpected []");
    }

    @Test
    void aMissingPackageIsNamed() {
        ExpectedLocations expected = new ExpectedLocations(LIST);
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");
        expected.accept("packages/B/c-1-1.noarch.rpm", "c-1-1.noarch");

        assertThat(expected.mismatch()).hasValue("the metadata lists 2 package(s), expected 3; missing [b-1-1.noarch.rpm], unexpected []");
    }

    @Test
    void aLocationListedTwiceIsUnexpectedEvenWhenTheCountMatches() {
        ExpectedLocations expected = new ExpectedLocations(LIST);
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");
        expected.accept("packages/B/c-1-1.noarch.rpm", "c-1-1.noarch");

        assertThat(expected.mismatch()).hasValue("the metadata lists 3 package(s), expected 3; missing [b-1-1.noarch.rpm], unexpected [a-1-1.noarch.rpm]");
    }

    @Test
    void aLocationOutsideTheListIsUnexpected() {
        ExpectedLocations expected = new ExpectedLocations(LIST.subList(0, 1));
        expected.accept("packages/A/a-1-1.noarch.rpm", "a-1-1.noarch");
        expected.accept("packages/C/x-1-1.noarch.rpm", "x-1-1.noarch");

        assertThat(expected.mismatch()).hasValue("the metadata lists 2 package(s), expected 1; missing [], unexpected [x-1-1.noarch.rpm]");
    }
}
