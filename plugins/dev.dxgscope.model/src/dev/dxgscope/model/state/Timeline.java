package dev.dxgscope.model.state;

import java.util.Arrays;

/**
 * Every record's seq and time in seq order: converts between seqs (the model's time axis: exact,
 * total order) and nanoseconds (what people read). Seqs are dense in a healthy capture, so they are
 * not stored (4 bytes per record: its time, packed as an int difference) until a gap or a late
 * record appears; then they are. Times are made non-decreasing in seq order, since threads stamp
 * their records a few hundred nanoseconds after taking the seq. File offsets are not kept: what
 * the views show of a record's bytes (calls, VMBus messages) carries its own offset.
 */
public final class Timeline {
    private final PackedLongs times = new PackedLongs();
    private long[] seqs; /* null while seqs are first, first + 1, ... */
    private long first;
    private int count;
    /** The time of the last record in seq order. */
    private long lastTime;

    public int size() {
        return count;
    }

    public long seq(int i) {
        return seqs == null ? first + i : seqs[i];
    }

    public long time(int i) {
        return times.get(i);
    }

    /** ts of the first record, 0 when empty. */
    public long startNs() {
        return count == 0 ? 0 : times.get(0);
    }

    public long endNs() {
        return count == 0 ? 0 : times.get(count - 1);
    }

    public long firstSeq() {
        return count == 0 ? 0 : seq(0);
    }

    public long lastSeq() {
        return count == 0 ? 0 : seq(count - 1);
    }

    /** Index of the last record whose seq is at or before {@code seq}, -1 when none. */
    private int atOrBefore(long seq) {
        if (seqs == null) {
            long i = seq - first;
            return i < 0 ? -1 : (int) Math.min(i, count - 1);
        }
        return Allocation.upperBound(seqs, count, seq) - 1;
    }

    /** The time of a seq (of the last record at or before it). */
    public long timeOf(long seq) {
        int i = atOrBefore(seq);
        return i < 0 ? startNs() : times.get(i);
    }

    /** Nanoseconds since the first record. */
    public long sinceStart(long seq) {
        return timeOf(seq) - startNs();
    }

    /** The last seq whose time is at or before {@code ns} (absolute), the first seq when earlier. */
    public long seqAt(long ns) {
        int i = times.upperBound(ns) - 1;
        return i < 0 ? firstSeq() : seq(i);
    }

    /** Index of the record with this seq, or of the next one. */
    public int indexOf(long seq) {
        if (seqs == null) {
            long i = seq - first;
            return (int) Math.max(0, Math.min(i, count));
        }
        int i = Arrays.binarySearch(seqs, 0, count, seq);
        return i < 0 ? -i - 1 : i;
    }

    void add(long seq, long ts) {
        if (seqs == null && count > 0 && seq == first + count && ts >= lastTime) { /* nearly every record */
            times.add(ts);
            lastTime = ts;
            count++;
            return;
        }
        addInOrder(seq, ts);
        lastTime = times.get(count - 1);
    }

    /** A first, late or early record, or one stamped before the record before it. */
    private void addInOrder(long seq, long ts) {
        if (count == 0) {
            first = seq;
        } else if (seqs == null && seq != first + count) {
            seqs = new long[Math.max(1024, count * 2)]; /* a gap or a late record: seqs are stored from now on */
            for (int i = 0; i < count; i++) {
                seqs[i] = first + i;
            }
        }
        int i = count;
        times.add(ts); /* what may fail to allocate comes before the count: a failed add leaves it whole */
        if (seqs != null && i == seqs.length) {
            seqs = Arrays.copyOf(seqs, i * 2);
        }
        count++;
        if (seqs != null) {
            seqs[i] = seq;
            while (i > 0 && seqs[i - 1] > seq) { /* a late record: put it in place */
                seqs[i] = seqs[i - 1];
                times.set(i, times.get(i - 1));
                i--;
            }
            seqs[i] = seq;
        }
        long before = i > 0 ? times.get(i - 1) : Long.MIN_VALUE;
        times.set(i, Math.max(ts, before));
        for (int k = i + 1; k < count && times.get(k) < times.get(k - 1); k++) {
            times.set(k, times.get(k - 1));
        }
    }

    /** Drops the spare capacity once the capture is complete. */
    void trim() {
        times.trim();
        if (seqs != null) {
            seqs = Arrays.copyOf(seqs, count);
        }
    }
}
