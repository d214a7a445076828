package io.jenkins.plugins.stagedrollout.core.repo;

/**
 * An order-independent fingerprint of a multiset of package locations: their number and two sums of independent
 * 64-bit hashes. The package list a snapshot is built from and the primary metadata createrepo_c writes for it
 * must have equal digests; that compares 11,000 locations without holding any of them. A location missing,
 * added or repeated changes the digest (two lists with equal digests but other contents would need two 64-bit
 * sums to collide at once, and neither side is chosen by an adversary).
 */
final class LocationDigest {

    private long count;
    private long sum;
    private long otherSum;

    void add(String href) {
        count++;
        sum += PoolEntrySet.hash(href);
        otherSum += polynomialHash(href);
    }

    long count() {
        return count;
    }

    boolean matches(LocationDigest other) {
        return count == other.count && sum == other.sum && otherSum == other.otherSum;
    }

    /** A second hash independent of {@link PoolEntrySet#hash}: base-31 polynomial over the chars, then a SplitMix64 finish. */
    private static long polynomialHash(String href) {
        long h = 0;
        for (int i = 0; i < href.length(); i++) {
            h = 31 * h + href.charAt(i);
        }
        h += 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
