package dev.dxgscope.model.state;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Every MakeResident and Evict call of a capture as columns of primitives, read through
 * {@link ResidencyOp} views; the allocations each names are one shared column of object ids. So
 * millions of calls are a few arrays for the collector, not millions of objects and lists: about
 * 90 bytes a call plus 4 a named allocation.
 */
final class ResidencyOpStore {
    private static final ResidencyOp.Kind[] KINDS = ResidencyOp.Kind.values();
    private final ObjectTracker objects;
    private byte[] kind = new byte[16];
    private long[] seq = new long[16];
    private long[] leaveSeq = new long[16];
    private long[] bytes = new long[16];
    private long[] pagingFenceValue = new long[16];
    private long[] completedSeq = new long[16];
    private long[] bytesToTrim = new long[16];
    private long[] usageBefore = new long[16];
    private long[] budget = new long[16];
    private int[] process = new int[16];
    private int[] pagingQueue = new int[16];
    private int[] ret = new int[16];
    private int[] errno = new int[16];
    private int[] segmentGroup = new int[16];
    /** Where op i's allocations start in {@link #allocationIds}; they end where op i + 1's start. */
    private int[] firstAllocation = new int[16];
    private int[] allocationIds = new int[16];
    private int allocationCount;
    private int size;

    ResidencyOpStore(ObjectTracker objects) {
        this.objects = objects;
    }

    /** The columns of one call, filled in by the tracker and added with {@link #add}. */
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
    }

    /** Adds a call; returns its index. */
    int add(Row r) {
        if (size + 1 >= seq.length) {
            grow(Math.max(16, seq.length * 2));
        }
        int i = size++;
        kind[i] = (byte) r.kind.ordinal();
        seq[i] = r.seq;
        leaveSeq[i] = r.leaveSeq;
        bytes[i] = r.bytes;
        pagingFenceValue[i] = r.pagingFenceValue;
        completedSeq[i] = r.completedSeq;
        bytesToTrim[i] = r.bytesToTrim;
        usageBefore[i] = r.usageBefore;
        budget[i] = r.budget;
        process[i] = r.process.index();
        pagingQueue[i] = r.pagingQueue == null ? -1 : r.pagingQueue.id();
        ret[i] = r.ret;
        errno[i] = r.errno;
        segmentGroup[i] = r.segmentGroup;
        firstAllocation[i] = allocationCount;
        int n = r.allocations.size();
        if (allocationCount + n > allocationIds.length) {
            allocationIds = Arrays.copyOf(allocationIds, Math.max(allocationCount + n, allocationIds.length * 2));
        }
        for (int k = 0; k < n; k++) {
            allocationIds[allocationCount++] = r.allocations.get(k).id();
        }
        firstAllocation[size] = allocationCount; /* the end of the last op's allocations */
        return i;
    }

    private void grow(int n) {
        kind = Arrays.copyOf(kind, n);
        seq = Arrays.copyOf(seq, n);
        leaveSeq = Arrays.copyOf(leaveSeq, n);
        bytes = Arrays.copyOf(bytes, n);
        pagingFenceValue = Arrays.copyOf(pagingFenceValue, n);
        completedSeq = Arrays.copyOf(completedSeq, n);
        bytesToTrim = Arrays.copyOf(bytesToTrim, n);
        usageBefore = Arrays.copyOf(usageBefore, n);
        budget = Arrays.copyOf(budget, n);
        process = Arrays.copyOf(process, n);
        pagingQueue = Arrays.copyOf(pagingQueue, n);
        ret = Arrays.copyOf(ret, n);
        errno = Arrays.copyOf(errno, n);
        segmentGroup = Arrays.copyOf(segmentGroup, n);
        firstAllocation = Arrays.copyOf(firstAllocation, n);
    }

    /** Drops the spare capacity (the capture is complete). */
    void trim() {
        grow(size + 1);
        allocationIds = Arrays.copyOf(allocationIds, allocationCount);
    }

    int size() {
        return size;
    }

    void completed(int i, long at) {
        completedSeq[i] = at;
    }

    ResidencyOp.Kind kind(int i) {
        return KINDS[kind[i]];
    }

    long seq(int i) {
        return seq[i];
    }

    long leaveSeq(int i) {
        return leaveSeq[i];
    }

    long bytes(int i) {
        return bytes[i];
    }

    long pagingFenceValue(int i) {
        return pagingFenceValue[i];
    }

    long completedSeq(int i) {
        return completedSeq[i];
    }

    long bytesToTrim(int i) {
        return bytesToTrim[i];
    }

    long usageBefore(int i) {
        return usageBefore[i];
    }

    long budget(int i) {
        return budget[i];
    }

    DxgProcess process(int i) {
        return objects.processes.get(process[i]);
    }

    /** The process's index (no lookup). */
    int processIndex(int i) {
        return process[i];
    }

    DxgObject pagingQueue(int i) {
        return pagingQueue[i] < 0 ? null : objects.objects.get(pagingQueue[i]);
    }

    int ret(int i) {
        return ret[i];
    }

    int errno(int i) {
        return errno[i];
    }

    int segmentGroup(int i) {
        return segmentGroup[i];
    }

    int allocationCount(int i) {
        return firstAllocation[i + 1] - firstAllocation[i];
    }

    Allocation allocation(int i, int k) {
        return (Allocation) objects.objects.get(allocationIds[firstAllocation[i] + Objects.checkIndex(k,
                allocationCount(i))]);
    }

    boolean names(int i, Allocation a) {
        for (int k = firstAllocation[i]; k < firstAllocation[i + 1]; k++) {
            if (allocationIds[k] == a.id()) {
                return true;
            }
        }
        return false;
    }

    ResidencyOp get(int i) {
        return new ResidencyOp(this, i);
    }

    /** All calls as a read-only list of views. */
    List<ResidencyOp> list() {
        return new Views();
    }

    private final class Views extends AbstractList<ResidencyOp> implements RandomAccess {
        @Override
        public ResidencyOp get(int i) {
            return new ResidencyOp(ResidencyOpStore.this, Objects.checkIndex(i, size));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
