package dev.dxgscope.model.state;

import java.util.Arrays;

/** A step function of a long value over seq: parallel arrays in seq order, binary-searched. */
public final class Series {
    private long[] seqs = new long[8];
    private long[] values = new long[8];
    private int count;

    public int size() {
        return count;
    }

    public long seq(int i) {
        return seqs[i];
    }

    public long value(int i) {
        return values[i];
    }

    /** The value at a seq, or {@code before} when the series starts later. */
    public long valueAt(long seq, long before) {
        int i = Allocation.upperBound(seqs, count, seq) - 1;
        return i < 0 ? before : values[i];
    }

    public long last(long none) {
        return count == 0 ? none : values[count - 1];
    }

    public long max() {
        long m = 0;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    /** Adds {@code delta} to the value from {@code seq} on (a change learned late). */
    void shift(long seq, long delta) {
        int i = Allocation.upperBound(seqs, count, seq);
        if (i > 0 && seqs[i - 1] == seq) {
            for (int j = i - 1; j < count; j++) {
                values[j] += delta;
            }
            return;
        }
        long before = i == 0 ? 0 : values[i - 1];
        if (count == seqs.length) {
            seqs = Arrays.copyOf(seqs, Math.max(8, count * 2));
            values = Arrays.copyOf(values, Math.max(8, count * 2));
        }
        System.arraycopy(seqs, i, seqs, i + 1, count - i);
        System.arraycopy(values, i, values, i + 1, count - i);
        count++;
        seqs[i] = seq;
        values[i] = before + delta;
        for (int j = i + 1; j < count; j++) {
            values[j] += delta;
        }
    }

    void add(long seq, long value) {
        if (count > 0 && seqs[count - 1] == seq) {
            values[count - 1] = value; /* several changes by one event: the last one stands */
            return;
        }
        if (count > 0 && values[count - 1] == value) {
            return;
        }
        if (count == seqs.length) {
            seqs = Arrays.copyOf(seqs, Math.max(8, count * 2));
            values = Arrays.copyOf(values, Math.max(8, count * 2));
        }
        seqs[count] = seq;
        values[count] = value;
        count++;
    }

    /** Drops the spare capacity once the capture is complete. */
    void trim() {
        seqs = Arrays.copyOf(seqs, count);
        values = Arrays.copyOf(values, count);
    }
}
