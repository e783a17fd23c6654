package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.model.state.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * Sync answers: every wait with its duration and the signal that satisfied it; stuck waits (never
 * satisfied by the end of the capture); waits whose object was destroyed while they were pending;
 * fence values that went backwards.
 */
public final class SyncAnalysis {
    /** A wait with its duration (-1 while it never ended). */
    public record TimedWait(Wait w, long durationNs) {
    }

    public record Backwards(Fence fence, Fence.Backward step) {
    }

    public record Result(List<TimedWait> waits, List<TimedWait> stuck, List<TimedWait> onDestroyedObjects,
            List<Backwards> backwards, long longestSatisfiedNs) {
    }

    private SyncAnalysis() {
    }

    public static Result of(CaptureModel m) {
        Timeline t = m.timeline();
        List<TimedWait> all = new ArrayList<>();
        List<TimedWait> stuck = new ArrayList<>();
        List<TimedWait> destroyed = new ArrayList<>();
        long longest = 0;
        long endNs = t.endNs();
        for (Wait w : m.waits()) {
            long stopped = w.stoppedSeq();
            long d = (stopped == DxgObject.ALIVE ? endNs : t.timeOf(stopped)) - t.timeOf(w.seq());
            TimedWait tw = new TimedWait(w, d);
            all.add(tw);
            if (w.stuck()) {
                stuck.add(tw);
            } else if (w.outcome() == Wait.Outcome.SATISFIED) {
                longest = Math.max(longest, d);
            }
            if (w.objectDestroyedSeq() != DxgObject.ALIVE) {
                destroyed.add(tw);
            }
        }
        List<Backwards> back = new ArrayList<>();
        for (Fence f : m.fences()) {
            for (Fence.Backward b : f.backward()) {
                back.add(new Backwards(f, b));
            }
        }
        return new Result(all, stuck, destroyed, back, longest);
    }
}
