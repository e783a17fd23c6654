package dev.dxgscope.model.state;

/**
 * Rows of a fixed number of longs for the row stores, in pages of {@value #PAGE} rows, and two ints
 * packed in one long. Pages rather than one growing array: a store of millions of rows is never
 * copied to grow or to trim, and no page is large enough to be a humongous object for G1 (each
 * doubling of one array was a humongous allocation, a collector pause and a copy of everything
 * so far). Costs one page lookup per access and at most one page of spare rows.
 */
final class Rows {
    private static final int SHIFT = 10;
    static final int PAGE = 1 << SHIFT;
    private static final int MASK = PAGE - 1;

    private final int stride;
    private long[][] pages = new long[4][];
    private int size;

    Rows(int stride) {
        this.stride = stride;
    }

    int size() {
        return size;
    }

    /** Adds a row of zeros; returns its index. Write it through {@link #page} and {@link #offset}. */
    int add() {
        int p = size >>> SHIFT;
        if ((size & MASK) == 0) {
            if (p == pages.length) {
                pages = java.util.Arrays.copyOf(pages, p * 2);
            }
            pages[p] = new long[PAGE * stride];
        }
        return size++;
    }

    /** The page that holds row {@code row}. */
    long[] page(int row) {
        return pages[row >>> SHIFT];
    }

    /** Where row {@code row} starts in its page. */
    int offset(int row) {
        return (row & MASK) * stride;
    }

    long get(int row, int field) {
        return pages[row >>> SHIFT][(row & MASK) * stride + field];
    }

    void set(int row, int field, long v) {
        pages[row >>> SHIFT][(row & MASK) * stride + field] = v;
    }

    static long pair(int high, int low) {
        return (long) high << 32 | Integer.toUnsignedLong(low);
    }

    static int high(long v) {
        return (int) (v >> 32);
    }

    static int low(long v) {
        return (int) v;
    }
}
