package io.jenkins.plugins.stagedrollout.core.closure;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What checks keep for the next one (a base repository's layer, a stage's packages): a few values by key, the least
 * recently used dropped first, each held softly so that memory pressure drops it too. Thread-safe.
 */
final class KeptValues<V> {

    private final Map<String, SoftReference<V>> values;

    KeptValues(int most) {
        values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SoftReference<V>> eldest) {
                return size() > most;
            }
        };
    }

    /** @return null when nothing is kept for the key (never kept, dropped, or collected) */
    synchronized V get(String key) {
        SoftReference<V> kept = values.get(key);
        return kept == null ? null : kept.get();
    }

    synchronized void put(String key, V value) {
        values.put(key, new SoftReference<>(value));
    }

    /** The kept value, or {@code fresh} kept from now on. */
    synchronized V getOrKeep(String key, V fresh) {
        V kept = get(key);
        if (kept != null) {
            return kept;
        }
        put(key, fresh);
        return fresh;
    }

    synchronized void clear() {
        values.clear();
    }
}
