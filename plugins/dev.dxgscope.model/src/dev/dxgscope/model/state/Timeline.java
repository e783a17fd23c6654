package dev.dxgscope.model.state;

import java.util.Arrays;

/**
 * Every record's seq, time and file offset in seq order (24 bytes per record): converts between
 * seqs (the model's time axis: exact, total order) and nanoseconds (what people read), and finds a
 * record in the file. Times are made non-decreasing in seq order, since threads stamp their
 * records a few hundred nanoseconds after taking the seq.
 */
public final class Timeline {
    private long[] seqs = new long[1024];
    private long[] times = new long[1024];
    private long[] offsets = new long[1024];
    private int count;
    private boolean sorted = true;

    public int size() {
        return count;
    }

    public long seq(int i) {
        return seqs[i];
    }

    public long time(int i) {
        return times[i];
    }

    public long offset(int i) {
        return offsets[i];
    }

    /** ts of the first record, 0 when empty. */
    public long startNs() {
        return count == 0 ? 0 : times[0];
    }

    public long endNs() {
        return count == 0 ? 0 : times[count - 1];
    }

    public long firstSeq() {
        return count == 0 ? 0 : seqs[0];
    }

    public long lastSeq() {
        return count == 0 ? 0 : seqs[count - 1];
    }

    /** The time of a seq (of the last record at or before it). */
    public long timeOf(long seq) {
        int i = Allocation.upperBound(seqs, count, seq) - 1;
        return i < 0 ? startNs() : times[i];
    }

    /** Nanoseconds since the first record. */
    public long sinceStart(long seq) {
        return timeOf(seq) - startNs();
    }

    /** The last seq whose time is at or before {@code ns} (absolute), the first seq when earlier. */
    public long seqAt(long ns) {
        int i = Allocation.upperBound(times, count, ns) - 1;
        return i < 0 ? firstSeq() : seqs[i];
    }

    /** File offset of the record with this seq, -1 when not in the capture. */
    public long offsetOf(long seq) {
        int i = Arrays.binarySearch(seqs, 0, count, seq);
        return i < 0 ? -1 : offsets[i];
    }

    /** Index of the record with this seq, or of the next one. */
    public int indexOf(long seq) {
        int i = Arrays.binarySearch(seqs, 0, count, seq);
        return i < 0 ? -i - 1 : i;
    }

    void add(long seq, long ts, long offset) {
        if (count == seqs.length) {
            int n = count * 2;
            seqs = Arrays.copyOf(seqs, n);
            times = Arrays.copyOf(times, n);
            offsets = Arrays.copyOf(offsets, n);
        }
        if (count > 0 && seq < seqs[count - 1]) {
            sorted = false; /* a record applied late: put in place below */
        }
        seqs[count] = seq;
        times[count] = count > 0 && ts < times[count - 1] && sorted ? times[count - 1] : ts;
        offsets[count] = offset;
        count++;
        if (!sorted) {
            insertLast();
            sorted = true;
        }
    }

    private void insertLast() {
        int i = count - 1;
        long s = seqs[i];
        long t = times[i];
        long o = offsets[i];
        while (i > 0 && seqs[i - 1] > s) {
            seqs[i] = seqs[i - 1];
            times[i] = times[i - 1];
            offsets[i] = offsets[i - 1];
            i--;
        }
        seqs[i] = s;
        times[i] = i > 0 ? Math.max(t, times[i - 1]) : t;
        offsets[i] = o;
    }
}
