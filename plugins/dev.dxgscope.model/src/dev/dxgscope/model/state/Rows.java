package dev.dxgscope.model.state;

/** Two ints in one long, for the row stores (a row is a few longs of one long[]). */
final class Rows {
    private Rows() {
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
