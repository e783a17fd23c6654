package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Names;
import java.util.List;

/**
 * One MakeResident or Evict call and what came of it. A view of one row of the model's residency
 * rows; two views of the same call are equal.
 */
public final class ResidencyOp extends RowView<ResidencyOpStore> {
    public enum Kind {
        MAKE_RESIDENT("MakeResident"), EVICT("Evict"),
        /** OfferAllocations: the memory manager may discard the content; not resident until reclaimed. */
        OFFER("Offer"),
        /** ReclaimAllocations2: offered allocations made resident again (some may come back discarded). */
        RECLAIM("Reclaim");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    ResidencyOp(ResidencyOpStore store, int index) {
        super(store, index);
    }

    /** Position among the capture's MakeResident and Evict calls, in call order. */
    public int index() {
        return index;
    }

    public Kind kind() {
        return store.kind(index);
    }

    /** Enter seq of the call. */
    public long seq() {
        return store.seq(index);
    }

    public long leaveSeq() {
        return store.leaveSeq(index);
    }

    public DxgProcess process() {
        return store.process(index);
    }

    /** The paging queue of a MakeResident, else null. */
    public DxgObject pagingQueue() {
        return store.pagingQueue(index);
    }

    /** The allocations named (unknown handles are left out: {@link #unknownHandles}). */
    public List<Allocation> allocations() {
        return RowView.list(() -> store.allocationCount(index), k -> store.allocation(index, k));
    }

    /**
     * The handles it named that were no allocation (or, for an Offer or Reclaim by resource, no
     * resource) of the process the capture knows: stale, another process's, or made before the
     * capture. Their sizes are not in {@link #bytes}.
     */
    public int unknownHandles() {
        return store.unknownHandles(index);
    }

    /**
     * The allocations a Reclaim got back with their content discarded (D3DDDI_RECLAIM_RESULT_DISCARDED):
     * resident again, but what the process wrote before the Offer is gone. Empty for other calls.
     */
    public List<Allocation> discarded() {
        return RowView.list(() -> store.discardedCount(index), k -> store.discardedAllocation(index, k));
    }

    /** Their known bytes. */
    public long bytes() {
        return store.bytes(index);
    }

    /** The call's return (0, STATUS_PENDING, or -1). */
    public int ret() {
        return store.ret(index);
    }

    /** The errno when it failed. */
    public int errno() {
        return store.errno(index);
    }

    /** The paging-fence value to wait for (MakeResident), 0 when none. */
    public long pagingFenceValue() {
        return store.pagingFenceValue(index);
    }

    /** When the paging fence was seen to reach it (or the call returned 0), else ALIVE. */
    public long completedSeq() {
        return store.completedSeq(index);
    }

    /** What the host said must be trimmed, -1 when unknown. */
    public long bytesToTrim() {
        return store.bytesToTrim(index);
    }

    /** Resident bytes of the process in the allocations' segment group before the call. */
    public long usageBefore() {
        return store.usageBefore(index);
    }

    /** The last known budget of that segment group, -1 when the capture has none. */
    public long budget() {
        return store.budget(index);
    }

    public int segmentGroup() {
        return store.segmentGroup(index);
    }

    public boolean failed() {
        return ret() < 0;
    }

    public boolean pending() {
        return ret() == Names.STATUS_PENDING;
    }

    @Override
    public String toString() {
        return kind().label() + " of " + allocations().size() + " allocations (#" + seq() + ")";
    }
}
