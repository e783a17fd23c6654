package dev.dxgscope.ui.session;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.Wait;
import java.util.Arrays;

/**
 * The seqs where something a view shows changes: objects created or destroyed, waits starting or
 * ending, residency operations, failures, dmesg lines. Stepping the time cursor moves between them
 * (a debugger's "step", not record by record).
 */
public final class Milestones {
    private Milestones() {
    }

    public static long[] of(CaptureModel m) {
        long[] a = new long[64];
        int n = 0;
        for (DxgObject o : m.objects()) {
            a = grow(a, n + 2);
            a[n++] = o.createdSeq();
            if (!o.aliveAtEnd()) {
                a[n++] = o.destroyedSeq();
            }
        }
        for (Wait w : m.waits()) {
            a = grow(a, n + 2);
            a[n++] = w.seq();
            if (w.endSeq() != DxgObject.ALIVE) {
                a[n++] = w.endSeq();
            }
        }
        for (ResidencyOp op : m.residencyOps()) {
            a = grow(a, n + 2);
            a[n++] = op.seq();
            if (op.completedSeq() != DxgObject.ALIVE) {
                a[n++] = op.completedSeq();
            }
        }
        for (FailedCall f : m.failedCalls()) {
            a = grow(a, n + 1);
            a[n++] = f.seq();
        }
        for (LogLine l : m.logLines()) {
            a = grow(a, n + 1);
            a[n++] = l.seq();
        }
        a = grow(a, n + 2);
        a[n++] = m.timeline().firstSeq();
        a[n++] = m.timeline().lastSeq();
        long[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            if (k == 0 || s[i] != s[k - 1]) {
                s[k++] = s[i];
            }
        }
        return Arrays.copyOf(s, k);
    }

    private static CaptureModel cachedModel;
    private static long cachedEvents = -1;
    private static long[] cached;

    /** The milestones of a model, computed once per model state (the cursor steps often). */
    public static synchronized long[] cached(CaptureModel m) {
        if (cachedModel != m || cachedEvents != m.events() || cached == null) {
            cached = of(m);
            cachedModel = m;
            cachedEvents = m.events();
        }
        return cached;
    }

    private static long[] grow(long[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }

    /** The first milestone after seq, or seq when there is none. */
    public static long next(long[] ms, long seq) {
        int i = Arrays.binarySearch(ms, seq);
        i = i < 0 ? -i - 1 : i + 1;
        return i < ms.length ? ms[i] : seq;
    }

    /** The last milestone before seq, or seq when there is none. */
    public static long previous(long[] ms, long seq) {
        int i = Arrays.binarySearch(ms, seq);
        i = i < 0 ? -i - 2 : i - 1;
        return i >= 0 ? ms[i] : seq;
    }
}
