package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The set of listed pool entries the pool's garbage collection consults. */
class PoolEntrySetTest {

    @Test
    void containsWhatWasAddedOnceEachAndNothingElse() {
        PoolEntrySet set = new PoolEntrySet();
        for (int snapshot = 0; snapshot < 5; snapshot++) {
            for (int i = 0; i < 11_000; i++) {
                set.add(String.format("20261201T1200%02d.000Z/pkg-%05d-1.0-1.noarch.rpm", i % 7, i));
            }
        }
        assertThat(set.seal()).isEqualTo(4 * 11_000);

        assertThat(set.size()).isEqualTo(11_000);
        for (int i = 0; i < 11_000; i++) {
            assertThat(set.contains(String.format("20261201T1200%02d.000Z/pkg-%05d-1.0-1.noarch.rpm", i % 7, i))).isTrue();
            assertThat(set.contains(String.format("20261201T1200%02d.000Z/pkg-%05d-1.0-1.noarch.rpm", (i + 1) % 7, i))).isFalse();
            assertThat(set.contains(String.format("20261201T1200%02d.000Z/pkg-%05d-1.0-2.noarch.rpm", i % 7, i))).isFalse();
        }
    }

    @Test
    void askingBeforeSealingIsABug() {
        PoolEntrySet set = new PoolEntrySet();
        set.add("a/b.rpm");
        assertThatThrownBy(() -> set.contains("a/b.rpm")).isInstanceOf(IllegalStateException.class);
    }
}
