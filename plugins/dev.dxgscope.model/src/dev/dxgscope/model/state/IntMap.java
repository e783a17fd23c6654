package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An open-addressing map from int to object with a mixing hash: handle values are spaced 0x40
 * apart, which makes {@code HashMap<Integer, ?>} put most of them in a few buckets. Linear probing,
 * backward-shift deletion, no boxing.
 */
final class IntMap<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
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

    void put(int key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
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

    void remove(int key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        /* backward-shift the entries after it so probing still finds them */
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }

    private void grow() {
        int[] k = keys;
        Object[] v = values;
        keys = new int[k.length * 2];
        values = new Object[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                put(k[i], castV(v[i]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V castV(Object o) {
        return (V) o;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }
}
