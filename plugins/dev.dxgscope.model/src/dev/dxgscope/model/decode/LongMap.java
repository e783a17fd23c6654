package dev.dxgscope.model.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * An open-addressing map from long to object with a mixing hash and no boxing: calls in flight by
 * enter seq, and handle tables (handle values are spaced 0x40 apart, which puts most of them in a
 * few buckets of a {@code HashMap<Integer, ?>}). Linear probing, backward-shift deletion.
 */
public final class LongMap<V> {
    private long[] keys = new long[64];
    private Object[] values = new Object[64];
    private int size;

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask);; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    public void put(long key, V value) {
        if ((size + 1) * 2 > keys.length) {
            long[] k = keys;
            Object[] v = values;
            keys = new long[k.length * 2];
            values = new Object[k.length * 2];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (v[i] != null) {
                    putRaw(k[i], v[i]);
                }
            }
        }
        putRaw(key, value);
    }

    private void putRaw(long key, Object value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask);; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** Removes and returns the value, or null. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        Object v = values[i];
        if (v == null) {
            return null;
        }
        values[i] = null;
        size--;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
        return (V) v;
    }

    /** Calls {@code action} on each value (in no particular order). */
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    public int size() {
        return size;
    }

    /** Empties the map and gives back its memory. */
    public void clear() {
        keys = new long[64];
        values = new Object[64];
        size = 0;
    }

    @SuppressWarnings("unchecked")
    public List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }
}
