package dev.dxgscope.model.state;

import java.util.Arrays;

/**
 * An allocation: size and where the size came from, segment group, creation flags, and its
 * residency and lock state over time (compact arrays, binary-searched by seq).
 */
public final class Allocation extends DxgObject {
    /** Where a size or segment group came from; the model never invents one. */
    public enum Source {
        UNKNOWN("unknown"),
        VMBUS_REPLY("host CREATEALLOCATION reply"),
        STANDARD_ALLOCATION("standard allocation (existing heap)"),
        SIM_PRIVATE_DATA("dxgsim private driver data"),
        SHARED_RESOURCE("the shared resource it was opened from"),
        RESIDENCY_QUERY("QueryAllocationResidency");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private long size = -1;
    private Source sizeSource = Source.UNKNOWN;
    private int segmentGroup = -1;
    private Source segmentSource = Source.UNKNOWN;
    private int flags;
    private int index;
    private static final long[] NO_SEQS = new long[0];
    private static final byte[] NO_STATES = new byte[0];

    /* the first transition inline (most allocations have one), the others in arrays */
    private long residencySeq0;
    private byte residencyState0;
    private long[] residencySeqs = NO_SEQS;
    private byte[] residencyStates = NO_STATES;
    private int residencyCount;
    private long[] lockSeqs = NO_SEQS;
    /** The resident-bytes line it counts toward (set by the residency tracker once). */
    Object residencyLine;
    private int lockCount;
    /** Lock2 calls not yet balanced by an Unlock2 (while loading). */
    private int lockDepth;

    Allocation(int id, DxgProcess process, int handle, DxgObject parent, long createdSeq, String createdBy, int index) {
        super(id, ObjectType.ALLOCATION, process, handle, parent, createdSeq, createdBy);
        this.index = index;
    }

    /** Bytes, or -1 when the capture does not say. */
    public long size() {
        return size;
    }

    public Source sizeSource() {
        return sizeSource;
    }

    /** 0 LOCAL, 1 NON_LOCAL, -1 unknown. */
    public int segmentGroup() {
        return segmentGroup;
    }

    public Source segmentSource() {
        return segmentSource;
    }

    /** The creating call's d3dkmt_createallocationflags. */
    public int flags() {
        return flags;
    }

    /** Position in the creating call's allocation array. */
    public int index() {
        return index;
    }

    /** The resource it belongs to, or null for a device-owned allocation. */
    public DxgObject resource() {
        return parent() != null && parent().type() == ObjectType.RESOURCE ? parent() : null;
    }

    /** Residency at a seq (the last transition at or before it). */
    public Residency residencyAt(long seq) {
        if (residencyCount == 0 || seq < residencySeq0) {
            return Residency.UNKNOWN;
        }
        int i = upperBound(residencySeqs, residencyCount - 1, seq);
        return residencyState(i);
    }

    /**
     * Its state at a seq as a reader of a table says it: "not yet created", "destroyed", or while it
     * is alive its residency's label. {@link #residencyAt} alone gives a destroyed allocation its last
     * residency, which a view showing every allocation must not present as its present.
     */
    public String stateAt(long seq) {
        if (seq < createdSeq()) {
            return "not yet created";
        }
        if (!aliveAt(seq)) {
            return "destroyed";
        }
        Residency r = residencyAt(seq);
        return r == Residency.UNKNOWN ? "unknown (no MakeResident or query seen)" : r.label();
    }

    /** Locked at a seq while it is alive (one destroyed while locked is not locked after). */
    public boolean lockedWhileAliveAt(long seq) {
        return aliveAt(seq) && lockedAt(seq);
    }

    public Residency residencyAtEnd() {
        return residencyCount == 0 ? Residency.UNKNOWN : residencyState(residencyCount - 1);
    }

    /** Number of residency transitions. */
    public int residencyTransitions() {
        return residencyCount;
    }

    public long residencySeq(int i) {
        return i == 0 ? residencySeq0 : residencySeqs[i - 1];
    }

    public Residency residencyState(int i) {
        return Residency.of(i == 0 ? residencyState0 : residencyStates[i - 1]);
    }

    /** Locked (Lock2 without its Unlock2 yet) at a seq. */
    public boolean lockedAt(long seq) {
        int i = upperBound(lockSeqs, lockCount, seq);
        return (i & 1) == 1; /* even entries lock, odd entries unlock */
    }

    /** How many times it was locked (a Lock2 to the Unlock2 that balances it). */
    public int locks() {
        return (lockCount + 1) / 2;
    }

    /** The lock intervals as [lock, unlock) seq pairs; an open one ends at {@link #ALIVE}. */
    public long[] lockIntervals() {
        long[] v = Arrays.copyOf(lockSeqs, lockCount + (lockCount & 1));
        if ((lockCount & 1) == 1) {
            v[lockCount] = ALIVE;
        }
        return v;
    }

    void setSize(long size, Source source) {
        if (size >= 0 && (this.sizeSource == Source.UNKNOWN || source == Source.VMBUS_REPLY)) {
            this.size = size;
            this.sizeSource = source;
        }
    }

    void setSegmentGroup(int group, Source source) {
        if (group >= 0 && this.segmentSource == Source.UNKNOWN) {
            this.segmentGroup = group;
            this.segmentSource = source;
        }
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    /** Records a transition; returns the state before it. */
    Residency setResidency(long seq, Residency state) {
        Residency before = residencyAtEnd();
        if (before == state) {
            return before;
        }
        if (residencyCount == 0) {
            residencySeq0 = seq;
            residencyState0 = (byte) state.ordinal();
            residencyCount = 1;
            return before;
        }
        int i = residencyCount - 1;
        if (i == residencySeqs.length) {
            int n = Math.max(2, i * 2);
            residencySeqs = Arrays.copyOf(residencySeqs, n);
            residencyStates = Arrays.copyOf(residencyStates, n);
        }
        residencySeqs[i] = seq;
        residencyStates[i] = (byte) state.ordinal();
        residencyCount++;
        return before;
    }

    /**
     * A Lock2 ({@code locked}) or Unlock2 returned. Locks nest (the driver counts the CPU mapping's
     * users): the allocation is locked from the first Lock2 to the Unlock2 that balances it.
     */
    void lock(long seq, boolean locked) {
        if (!locked && lockDepth == 0) {
            return; /* an Unlock2 without a Lock2 the capture saw */
        }
        lockDepth += locked ? 1 : -1;
        if (lockDepth > 1 || (lockDepth == 1 && !locked)) {
            return; /* nested: the state does not change */
        }
        if (lockCount == lockSeqs.length) {
            lockSeqs = Arrays.copyOf(lockSeqs, Math.max(4, lockCount * 2));
        }
        lockSeqs[lockCount++] = seq;
    }

    static int upperBound(long[] a, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
