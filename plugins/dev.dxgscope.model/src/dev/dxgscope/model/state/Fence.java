package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The value of one fence over time, as the capture observed it: CPU signals, sampled fence pages,
 * completed waits (which prove a lower bound) and host signals. Stored as parallel arrays in seq
 * order; {@link #valueAt} is a binary search.
 */
public final class Fence {
    /** How a value was learned. */
    public enum Source {
        INITIAL("initial value"),
        CPU_SIGNAL("signal from CPU"),
        SAMPLE("fence page sample"),
        WAIT_COMPLETED("a wait for it completed"),
        HOST_SIGNAL("host signalled a waiter"),
        PAGING("paging operation completed");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the observation is the exact value (not just a lower bound). */
        public boolean exact() {
            return this == INITIAL || this == CPU_SIGNAL || this == SAMPLE;
        }
    }

    /** A value that went down between two exact observations. */
    public record Backward(long seq, long from, long to) {
    }

    private final int id;
    private final List<SyncObject> views = new ArrayList<>(2);
    private long[] seqs = new long[4];
    private long[] values = new long[4];
    private byte[] sources = new byte[4];
    private int count;
    private long lastExact = -1;
    private final List<Backward> backward = new ArrayList<>(0);

    Fence(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The objects that name this fence (the creator first). */
    public List<SyncObject> views() {
        return Collections.unmodifiableList(views);
    }

    public SyncObject creator() {
        return views.get(0);
    }

    /**
     * When the fence went away: the seq at which the last object naming it was destroyed, or
     * {@link DxgObject#ALIVE} while one still names it. A shared fence lives on in its openers and
     * in NT-handle descriptors: until its shared object goes too.
     */
    public long goneSeq() {
        long gone = -1;
        for (SyncObject v : views) {
            if (v.destroyedSeq() == DxgObject.ALIVE) {
                return DxgObject.ALIVE;
            }
            gone = Math.max(gone, v.destroyedSeq());
        }
        SharedObject shared = views.isEmpty() ? null : creator().shared();
        if (shared != null) {
            if (shared.destroyedSeq() == DxgObject.ALIVE) {
                return DxgObject.ALIVE;
            }
            gone = Math.max(gone, shared.destroyedSeq());
        }
        return gone < 0 ? DxgObject.ALIVE : gone;
    }

    public int observations() {
        return count;
    }

    public long seq(int i) {
        return seqs[i];
    }

    public long value(int i) {
        return values[i];
    }

    public Source source(int i) {
        return Source.values()[sources[i]];
    }

    /** The value known at a seq, or -1 before the first observation. */
    public long valueAt(long seq) {
        int i = Allocation.upperBound(seqs, count, seq) - 1;
        return i < 0 ? -1 : values[i];
    }

    /** The last known value, -1 when none. */
    public long lastValue() {
        return count == 0 ? -1 : values[count - 1];
    }

    /** Values that went backwards. */
    public List<Backward> backward() {
        return Collections.unmodifiableList(backward);
    }

    void addView(SyncObject o) {
        views.add(o);
    }

    /**
     * Adds an observation; lower bounds never lower the value. Returns the value now known.
     */
    long observe(long seq, long value, Source source) {
        long known = lastValue();
        long v = value;
        if (source.exact()) {
            if (lastExact >= 0 && value < lastExact) {
                backward.add(new Backward(seq, lastExact, value));
            }
            lastExact = value;
        } else if (value <= known) {
            return known; /* a lower bound we already knew */
        }
        if (count > 0 && values[count - 1] == v && seqs[count - 1] <= seq) {
            return v; /* same value again: no new point */
        }
        if (count == seqs.length) {
            int n = Math.max(4, count * 2);
            seqs = Arrays.copyOf(seqs, n);
            values = Arrays.copyOf(values, n);
            sources = Arrays.copyOf(sources, n);
        }
        seqs[count] = seq;
        values[count] = v;
        sources[count] = (byte) source.ordinal();
        count++;
        return v;
    }

    /** The capture is complete: drops spare capacity. */
    void trim() {
        seqs = Arrays.copyOf(seqs, count);
        values = Arrays.copyOf(values, count);
        sources = Arrays.copyOf(sources, count);
    }
}
