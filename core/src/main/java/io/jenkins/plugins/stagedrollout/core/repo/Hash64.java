package io.jenkins.plugins.stagedrollout.core.repo;

/**
 * Two independent 64-bit hashes of a String, for the compact sets and digests of package locations
 * ({@link PoolEntrySet}, {@link LocationDigest}). Not cryptographic: the inputs are file names this engine or
 * createrepo_c wrote, not chosen by an adversary.
 */
final class Hash64 {

    private Hash64() {
    }

    /** FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finalizer to spread the bits. */
    static long fnv1a(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Base-31 polynomial over the UTF-16 code units, then SplitMix64's finalizer. */
    static long polynomial(String value) {
        long h = 0;
        for (int i = 0; i < value.length(); i++) {
            h = 31 * h + value.charAt(i);
        }
        h += 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
