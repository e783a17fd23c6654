package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Residency answers: each MakeResident with its paging-fence latency, failures with the budget and
 * usage of that moment, eviction churn (evicted and made resident again soon after), and the
 * resident-bytes lines with their budgets.
 */
public final class ResidencyAnalysis {
    /** Default churn window: resident again within one second of being evicted. */
    public static final long CHURN_WINDOW_NS = 1_000_000_000L;

    /** A MakeResident/Evict with its latency (enter to paging fence reached), -1 when it never completed. */
    public record Op(ResidencyOp op, long latencyNs) {
    }

    /** An allocation evicted and made resident again within the window. */
    public record Churn(Allocation allocation, long evictedSeq, long residentAgainSeq, long gapNs) {
    }

    /** A resident-bytes line with the last budget known for it (-1 when none). */
    public record Line(CaptureModel.ResidentLine line, long budget, long peakBytes, boolean overBudget) {
    }

    public record Result(List<Op> ops, List<Op> failures, List<Churn> churn, List<Line> lines, long totalEvicted) {
    }

    private ResidencyAnalysis() {
    }

    public static Result of(CaptureModel m) {
        return of(m, CHURN_WINDOW_NS);
    }

    public static Result of(CaptureModel m, long churnWindowNs) {
        Timeline t = m.timeline();
        List<Op> ops = new ArrayList<>();
        List<Op> failures = new ArrayList<>();
        for (ResidencyOp op : m.residencyOps()) {
            long latency = op.completedSeq() == DxgObject.ALIVE ? -1 : t.timeOf(op.completedSeq()) - t.timeOf(op.seq());
            Op o = new Op(op, latency);
            ops.add(o);
            if (op.failed()) {
                failures.add(o);
            }
        }
        List<Churn> churn = new ArrayList<>();
        long evicted = 0;
        for (DxgObject o : m.objects()) {
            if (!(o instanceof Allocation a)) {
                continue;
            }
            long outAt = -1;
            boolean wasResident = false;
            for (int i = 0; i < a.residencyTransitions(); i++) {
                var state = a.residencyState(i);
                if (state == dev.dxgscope.model.state.Residency.OFFERED) {
                    wasResident = false; /* given back by the application: neither an eviction nor churn */
                    outAt = -1;
                } else if (!state.resident() && state != dev.dxgscope.model.state.Residency.UNKNOWN) {
                    if (wasResident) {
                        outAt = a.residencySeq(i);
                        evicted++;
                    }
                    wasResident = false;
                } else if (state.resident()) {
                    wasResident = true;
                }
                if (state.resident() && outAt >= 0) {
                    long gap = t.timeOf(a.residencySeq(i)) - t.timeOf(outAt);
                    if (gap <= churnWindowNs) {
                        churn.add(new Churn(a, outAt, a.residencySeq(i), gap));
                    }
                    outAt = -1;
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        for (CaptureModel.ResidentLine l : m.residentLines()) {
            long budget = -1;
            for (Budget b : m.budgets()) {
                if (b.appliesTo(l.process().pid(), l.luid(), l.segmentGroup())) {
                    budget = b.budget();
                }
            }
            long peak = l.bytes().max();
            lines.add(new Line(l, budget, peak, budget >= 0 && peak > budget));
        }
        return new Result(ops, failures, churn, lines, evicted);
    }
}
