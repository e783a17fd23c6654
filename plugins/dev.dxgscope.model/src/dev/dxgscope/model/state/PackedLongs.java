package dev.dxgscope.model.state;

import java.util.Arrays;

/**
 * A growable column of longs that change little from one to the next (record times, file offsets):
 * pages of {@value #PAGE} ints holding each value's difference from its page's first value. A page
 * whose differences do not fit an int (a pause of more than 2 s inside one page) becomes a page of
 * longs. Costs 4 bytes a value instead of 8, no copy of the whole column when it grows, and an add
 * or a get of a few instructions.
 */
final class PackedLongs {
    private static final int SHIFT = 12;
    static final int PAGE = 1 << SHIFT;
    private static final int MASK = PAGE - 1;

    private long[] bases = new long[16];
    private int[][] narrow = new int[16][];
    private long[][] wide = new long[16][];
    private int count;
    /** The last page while it is narrow (null once it is wide), and its base: what {@link #add} writes. */
    private int[] last;
    private long lastBase;

    int size() {
        return count;
    }

    long get(int i) {
        int p = i >>> SHIFT;
        int[] n = narrow[p];
        return n != null ? bases[p] + n[i & MASK] : wide[p][i & MASK];
    }

    void add(long v) {
        int i = count;
        if ((i & MASK) != 0 && last != null) { /* the common case: a small step in the current narrow page */
            long d = v - lastBase;
            if (d == (int) d) {
                last[i & MASK] = (int) d;
                count = i + 1;
                return;
            }
        }
        addSlow(v);
    }

    private void addSlow(long v) {
        int p = count >>> SHIFT;
        if ((count & MASK) == 0) {
            if (p == bases.length) {
                bases = Arrays.copyOf(bases, p * 2);
                narrow = Arrays.copyOf(narrow, p * 2);
                wide = Arrays.copyOf(wide, p * 2);
            }
            bases[p] = v;
            narrow[p] = new int[PAGE];
        }
        count++;
        set(count - 1, v);
        last = narrow[p];
        lastBase = bases[p];
    }

    void set(int i, long v) {
        int p = i >>> SHIFT;
        int[] n = narrow[p];
        if (n != null) {
            long d = v - bases[p];
            if (d == (int) d) {
                n[i & MASK] = (int) d;
                return;
            }
            long[] w = new long[n.length];
            for (int k = 0; k < n.length; k++) {
                w[k] = bases[p] + n[k];
            }
            wide[p] = w;
            narrow[p] = null;
            if (last == n) {
                last = null;
            }
        }
        wide[p][i & MASK] = v;
    }

    /** Index of the first value greater than {@code key}, for a non-decreasing column. */
    int upperBound(long key) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Drops the unused part of the last page once the column is complete. */
    void trim() {
        int p = count >>> SHIFT;
        int used = count & MASK;
        if (used == 0 || p >= bases.length) {
            return;
        }
        if (narrow[p] != null) {
            narrow[p] = Arrays.copyOf(narrow[p], used);
            last = null; /* complete: a later add takes the slow path */
        } else {
            wide[p] = Arrays.copyOf(wide[p], used);
        }
    }
}
