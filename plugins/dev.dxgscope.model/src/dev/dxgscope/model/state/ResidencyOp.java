package dev.dxgscope.model.state;

import java.util.List;

/**
 * One MakeResident or Evict call and what came of it.
 *
 * @param seq enter seq of the call
 * @param allocations the allocations named (unknown handles are left out)
 * @param bytes their known bytes
 * @param ret the call's return (0, STATUS_PENDING, or -1)
 * @param errno when it failed
 * @param pagingFenceValue the paging-fence value to wait for (MakeResident), 0 when none
 * @param completedSeq when the paging fence was seen to reach it (or the call returned 0), else ALIVE
 * @param bytesToTrim what the host said must be trimmed, -1 when unknown
 * @param usageBefore resident bytes of the process in the allocations' segment group before the call
 * @param budget the last known budget of that segment group, -1 when the capture has none
 */
public record ResidencyOp(Kind kind, long seq, long leaveSeq, DxgProcess process, DxgObject pagingQueue,
        List<Allocation> allocations, long bytes, int ret, int errno, long pagingFenceValue, long completedSeq,
        long bytesToTrim, long usageBefore, long budget, int segmentGroup) {

    public enum Kind {
        MAKE_RESIDENT("MakeResident"), EVICT("Evict");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean failed() {
        return ret < 0;
    }

    public boolean pending() {
        return ret == 0x103;
    }

    ResidencyOp completed(long at) {
        return new ResidencyOp(kind, seq, leaveSeq, process, pagingQueue, allocations, bytes, ret, errno,
                pagingFenceValue, at, bytesToTrim, usageBefore, budget, segmentGroup);
    }
}
