package io.jenkins.plugins.stagedrollout.core.repo;

import java.util.Arrays;

/**
 * The pool entries ({@code <pool id>/<file name>}) that retained snapshots list, for the garbage collection of the
 * pool: a sorted array of 64-bit hashes, 8 bytes per distinct entry instead of a String and a hash node (11,000
 * packages listed by 5 snapshots: under 0.1 MiB instead of about 2 MiB). Two entries with the same hash can only
 * make an unlisted file look listed, so a collision keeps a file longer and never deletes one a snapshot needs.
 */
final class PoolEntrySet {

    private long[] hashes = new long[1024];
    private int size;
    private boolean sealed;

    void add(String entry) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = Hash64.fnv1a(entry);
    }

    /**
     * Done adding: sorts and drops repeated entries (snapshots share most of theirs).
     *
     * @return how many added entries repeated an earlier one (by hash)
     */
    int seal() {
        Arrays.sort(hashes, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        int repeated = size - distinct;
        size = distinct;
        hashes = Arrays.copyOf(hashes, size);
        sealed = true;
        return repeated;
    }

    boolean contains(String entry) {
        if (!sealed) {
            throw new IllegalStateException("not sealed");
        }
        return Arrays.binarySearch(hashes, 0, size, Hash64.fnv1a(entry)) >= 0;
    }

    int size() {
        return size;
    }
}
