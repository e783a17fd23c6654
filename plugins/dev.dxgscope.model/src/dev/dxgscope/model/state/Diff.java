package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What changed between two seqs, over every tracker: objects, descriptors and shared objects made
 * and gone in (from, to], fences whose value moved, resident bytes that moved, and waits begun in
 * the interval that still pend at its end. Cost: one pass over each list plus a binary search per
 * fence and resident line; no checkpoints are needed.
 */
public record Diff(long from, long to, List<DxgObject> created, List<DxgObject> destroyed, List<FdRef> fdsOpened,
        List<FdRef> fdsClosed, List<SharedObject> sharesCreated, List<SharedObject> sharesReleased,
        List<FenceChange> fences, List<ResidentChange> resident, List<Wait> waitsBegunAndPending) {

    /** A fence's value at both ends; -1 when it had none yet. */
    public record FenceChange(Fence fence, long before, long after) {
    }

    /** A resident-bytes line's value at both ends. */
    public record ResidentChange(CaptureModel.ResidentLine line, long before, long after) {
        public long delta() {
            return after - before;
        }
    }

    public static Diff between(CaptureModel model, long from, long to) {
        List<DxgObject> created = new ArrayList<>();
        List<DxgObject> destroyed = new ArrayList<>();
        split(model.objects(), DxgObject::createdSeq, DxgObject::destroyedSeq, from, to, created, destroyed);
        List<FdRef> opened = new ArrayList<>();
        List<FdRef> closed = new ArrayList<>();
        for (DxgProcess p : model.processes()) {
            split(p.fds(), FdRef::openedSeq, FdRef::closedSeq, from, to, opened, closed);
        }
        List<SharedObject> shared = new ArrayList<>();
        List<SharedObject> released = new ArrayList<>();
        split(model.sharedObjects(), SharedObject::createdSeq, SharedObject::destroyedSeq, from, to, shared, released);
        List<FenceChange> fences = new ArrayList<>();
        for (Fence f : model.fences()) {
            long before = f.valueAt(from);
            long after = f.valueAt(to);
            if (before != after) {
                fences.add(new FenceChange(f, before, after));
            }
        }
        List<ResidentChange> resident = new ArrayList<>();
        for (CaptureModel.ResidentLine l : model.residentLines()) {
            long before = l.bytes().valueAt(from, 0);
            long after = l.bytes().valueAt(to, 0);
            if (before != after) {
                resident.add(new ResidentChange(l, before, after));
            }
        }
        List<Wait> waits = new ArrayList<>();
        for (Wait w : model.waits()) {
            if (in(w.seq(), from, to) && w.pendingAt(to)) {
                waits.add(w);
            }
        }
        return new Diff(from, to, created, destroyed, opened, closed, shared, released, fences, resident, waits);
    }

    /** Adds to {@code made} the items that began in (from, to] and to {@code gone} those that ended there. */
    private static <T> void split(List<T> items, ToLongFunction<T> begin, ToLongFunction<T> end, long from, long to,
            List<T> made, List<T> gone) {
        for (T x : items) {
            if (in(begin.applyAsLong(x), from, to)) {
                made.add(x);
            }
            if (in(end.applyAsLong(x), from, to)) {
                gone.add(x);
            }
        }
    }

    private static boolean in(long seq, long from, long to) {
        return seq > from && seq <= to;
    }

    /** Created in the interval and still alive at its end: the growth MAT's "compare" shows. */
    public List<DxgObject> createdAndAlive() {
        return grown(created, from, to);
    }

    /** {@link #createdAndAlive()} without the rest of the diff (what the leak analysis needs). */
    public static List<DxgObject> createdAndAlive(CaptureModel model, long from, long to) {
        return grown(model.objects(), from, to);
    }

    private static List<DxgObject> grown(List<DxgObject> objects, long from, long to) {
        List<DxgObject> out = new ArrayList<>();
        for (DxgObject o : objects) {
            if (in(o.createdSeq(), from, to) && o.aliveAt(to)) {
                out.add(o);
            }
        }
        return out;
    }

    /** Opened in the interval and still open at its end. */
    public List<FdRef> fdsOpenedAndOpen() {
        List<FdRef> out = new ArrayList<>();
        for (FdRef f : fdsOpened) {
            if (f.openAt(to)) {
                out.add(f);
            }
        }
        return out;
    }
}
