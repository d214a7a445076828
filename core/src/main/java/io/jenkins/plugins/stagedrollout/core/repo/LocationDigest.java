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
        sum += Hash64.fnv1a(href);
        otherSum += Hash64.polynomial(href);
    }

    long count() {
        return count;
    }

    boolean matches(LocationDigest other) {
        return count == other.count && sum == other.sum && otherSum == other.otherSum;
    }
}
