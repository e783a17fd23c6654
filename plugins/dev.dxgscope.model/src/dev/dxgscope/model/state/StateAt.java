package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The dxg state at one seq: which objects, descriptors and shared objects were alive, which waits
 * pending, each allocation's residency and each fence's value. Cost: one scan of the object list
 * (a few milliseconds per million objects), each lookup a binary search.
 */
public final class StateAt {
    private final CaptureModel model;
    private final long seq;

    StateAt(CaptureModel model, long seq) {
        this.model = model;
        this.seq = seq;
    }

    public long seq() {
        return seq;
    }

    public List<DxgObject> objects() {
        List<DxgObject> all = model.objects();
        long[] created = model.createdSeqs();
        long[] destroyed = model.destroyedSeqs();
        List<DxgObject> out = new ArrayList<>();
        for (int i = 0, n = all.size(); i < n; i++) {
            if (created[i] <= seq && seq < destroyed[i]) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    public List<DxgObject> objects(DxgProcess p) {
        List<DxgObject> out = new ArrayList<>();
        for (DxgObject o : p.objects()) {
            if (o.aliveAt(seq)) {
                out.add(o);
            }
        }
        return out;
    }

    public List<FdRef> fds(DxgProcess p) {
        List<FdRef> out = new ArrayList<>();
        for (FdRef f : p.fds()) {
            if (f.openAt(seq)) {
                out.add(f);
            }
        }
        return out;
    }

    public List<SharedObject> sharedObjects() {
        List<SharedObject> out = new ArrayList<>();
        for (SharedObject s : model.sharedObjects()) {
            if (s.aliveAt(seq)) {
                out.add(s);
            }
        }
        return out;
    }

    public List<Wait> pendingWaits() {
        List<Wait> out = new ArrayList<>();
        for (Wait w : model.waits()) {
            if (w.pendingAt(seq)) {
                out.add(w);
            }
        }
        return out;
    }

    public Residency residency(Allocation a) {
        return a.residencyAt(seq);
    }

    /** The fence's known value, -1 when none yet. */
    public long fenceValue(Fence f) {
        return f.valueAt(seq);
    }

    public boolean processAlive(DxgProcess p) {
        return p.startSeq() <= seq && seq < p.exitSeq();
    }
}
