package dev.dxgscope.model.state;

import java.util.Arrays;
import java.util.List;

/**
 * Every MakeResident and Evict call of a capture as rows of longs ({@link Rows}), read through
 * {@link ResidencyOp} views; the allocations each names are one shared int[] of object ids. So
 * millions of calls are a few thousand pages and one array for the collector, not millions of objects and lists (rows, not
 * columns: see {@link SignalStore}). 104 bytes a call plus 4 a named allocation.
 */
final class ResidencyOpStore {
    private static final ResidencyOp.Kind[] KINDS = ResidencyOp.Kind.values();
    /**
     * seq, leaveSeq, bytes, pagingFenceValue, completedSeq, bytesToTrim, usageBefore, budget,
     * process << 32 | pagingQueue, ret << 32 | errno, segmentGroup << 32 | kind,
     * first allocation << 32 | allocation count, handles the capture did not know.
     */
    private static final int STRIDE = 13;
    private final ObjectTracker objects;
    private final Rows rows = new Rows(STRIDE);
    private int[] allocationIds = new int[16];
    private int allocationCount;
    /** Reclaims whose host reported allocations discarded (rare): call index to their positions in the call's list. */
    private final java.util.Map<Integer, int[]> discarded = new java.util.HashMap<>();

    ResidencyOpStore(ObjectTracker objects) {
        this.objects = objects;
    }

    /** The fields of one call, filled in by the tracker and added with {@link #add}. */
    static final class Row {
        ResidencyOp.Kind kind;
        long seq;
        long leaveSeq;
        DxgProcess process;
        DxgObject pagingQueue;
        List<Allocation> allocations;
        long bytes;
        int ret;
        int errno;
        long pagingFenceValue;
        long completedSeq;
        long bytesToTrim;
        long usageBefore;
        long budget;
        int segmentGroup;
        int unknownHandles;
    }

    /** Adds a call; returns its index. */
    int add(Row r) {
        int i = rows.add();
        long[] row = rows.page(i);
        int at = rows.offset(i);
        int n = r.allocations.size();
        row[at] = r.seq;
        row[at + 1] = r.leaveSeq;
        row[at + 2] = r.bytes;
        row[at + 3] = r.pagingFenceValue;
        row[at + 4] = r.completedSeq;
        row[at + 5] = r.bytesToTrim;
        row[at + 6] = r.usageBefore;
        row[at + 7] = r.budget;
        row[at + 8] = Rows.pair(r.process.index(), ObjectTracker.idOf(r.pagingQueue));
        row[at + 9] = Rows.pair(r.ret, r.errno);
        row[at + 10] = Rows.pair(r.segmentGroup, r.kind.ordinal());
        row[at + 11] = Rows.pair(allocationCount, n);
        row[at + 12] = r.unknownHandles;
        if (allocationCount + n > allocationIds.length) {
            allocationIds = Arrays.copyOf(allocationIds, Math.max(allocationCount + n, allocationIds.length * 2));
        }
        for (int k = 0; k < n; k++) {
            allocationIds[allocationCount++] = r.allocations.get(k).id();
        }
        return i;
    }

    /** Call {@code i} (a Reclaim) got back the allocations at {@code positions} of its list discarded. */
    void discarded(int i, int[] positions) {
        if (positions.length > 0) {
            discarded.put(i, positions);
        }
    }

    /** How many of call {@code i}'s allocations came back discarded. */
    int discardedCount(int i) {
        int[] d = discarded.get(i);
        return d == null ? 0 : d.length;
    }

    /** Whether allocation {@code k} of call {@code i}'s list came back discarded (no map lookup while none did). */
    boolean discards(int i, int k) {
        if (discarded.isEmpty()) {
            return false;
        }
        int[] d = discarded.get(i);
        return d != null && Arrays.binarySearch(d, k) >= 0;
    }

    /** The {@code k}-th allocation of call {@code i} that came back discarded. */
    Allocation discardedAllocation(int i, int k) {
        return allocation(i, discarded.get(i)[k]);
    }

    /** Drops the spare capacity of the allocation ids (the capture is complete). */
    void trim() {
        allocationIds = Arrays.copyOf(allocationIds, allocationCount);
    }

    int size() {
        return rows.size();
    }

    void completed(int i, long at) {
        rows.set(i, 4, at);
    }

    ResidencyOp.Kind kind(int i) {
        return KINDS[Rows.low(rows.get(i, 10))];
    }

    long seq(int i) {
        return rows.get(i, 0);
    }

    long leaveSeq(int i) {
        return rows.get(i, 1);
    }

    long bytes(int i) {
        return rows.get(i, 2);
    }

    long pagingFenceValue(int i) {
        return rows.get(i, 3);
    }

    long completedSeq(int i) {
        return rows.get(i, 4);
    }

    long bytesToTrim(int i) {
        return rows.get(i, 5);
    }

    long usageBefore(int i) {
        return rows.get(i, 6);
    }

    long budget(int i) {
        return rows.get(i, 7);
    }

    DxgProcess process(int i) {
        return objects.processes.get(processIndex(i));
    }

    /** The process's index (no lookup). */
    int processIndex(int i) {
        return Rows.high(rows.get(i, 8));
    }

    DxgObject pagingQueue(int i) {
        return objects.object(Rows.low(rows.get(i, 8)));
    }

    int ret(int i) {
        return Rows.high(rows.get(i, 9));
    }

    int errno(int i) {
        return Rows.low(rows.get(i, 9));
    }

    int unknownHandles(int i) {
        return (int) rows.get(i, 12);
    }

    int segmentGroup(int i) {
        return Rows.high(rows.get(i, 10));
    }

    private int firstAllocation(int i) {
        return Rows.high(rows.get(i, 11));
    }

    int allocationCount(int i) {
        return Rows.low(rows.get(i, 11));
    }

    Allocation allocation(int i, int k) {
        return (Allocation) objects.objects.get(allocationIds[firstAllocation(i) + k]);
    }

    boolean names(int i, Allocation a) {
        for (int k = firstAllocation(i), end = k + allocationCount(i); k < end; k++) {
            if (allocationIds[k] == a.id()) {
                return true;
            }
        }
        return false;
    }

    /** All calls as a read-only list of views. */
    List<ResidencyOp> list() {
        return RowView.list(rows::size, i -> new ResidencyOp(this, i));
    }
}
