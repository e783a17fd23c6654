package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.ObjectType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What was behind each handle a failed call named, when nothing alive was: the object that had the
 * handle and was destroyed before the call (a stale handle: use after free), another process's
 * object (handles are per process: a forked child uses its parent's), or nothing in the capture at
 * all. Handles of adapters and of other objects are separate tables, as in the driver.
 *
 * <p>Cost: one pass over the model's objects to index them by process and handle; then a few
 * lookups per named handle.
 */
public final class HandleHistory {
    private final List<DxgProcess> processes;
    private final Map<DxgProcess, Map<Long, List<DxgObject>>> byHandle = new HashMap<>();

    private HandleHistory(CaptureModel m) {
        processes = m.dxgProcesses();
        for (DxgObject o : m.objects()) {
            byHandle.computeIfAbsent(o.process(), p -> new HashMap<>())
                    .computeIfAbsent(key(o.type() == ObjectType.ADAPTER, o.handle()), k -> new ArrayList<>(1)).add(o);
        }
    }

    public static HandleHistory of(CaptureModel m) {
        return new HandleHistory(m);
    }

    private static long key(boolean adapter, int handle) {
        return (adapter ? 1L << 32 : 0) | Integer.toUnsignedLong(handle);
    }

    /**
     * One finding per handle {@code f} named that no live object of its process had when the call
     * was made, in the order the call named them; empty when every handle was alive.
     */
    public List<String> explain(FailedCall f) {
        List<String> out = new ArrayList<>();
        for (FailedCall.Named n : f.handles()) {
            String finding = explain(f.process(), n, f.seq());
            if (finding != null) {
                out.add(n + ": " + finding);
            }
        }
        return out;
    }

    private String explain(DxgProcess caller, FailedCall.Named n, long seq) {
        long key = key(n.field().startsWith("adapter"), n.handle());
        List<DxgObject> own = objects(caller, key);
        DxgObject gone = null;
        for (DxgObject o : own) {
            if (o.aliveAt(seq)) {
                return null;
            }
            if (o.destroyedSeq() <= seq && (gone == null || o.destroyedSeq() > gone.destroyedSeq())) {
                gone = o;
            }
        }
        if (gone != null) {
            return "a stale handle: " + gone.type().label() + " destroyed at #" + gone.destroyedSeq() + " ("
                    + gone.destroyReason().text() + (gone.destroyedByCall() > 0 ? " #" + gone.destroyedByCall() : "")
                    + ")";
        }
        for (DxgProcess p : processes) {
            for (DxgObject o : p == caller ? List.<DxgObject>of() : objects(p, key)) {
                if (o.aliveAt(seq)) {
                    return "not in pid " + caller.pid() + "'s table; it is " + o.describe()
                            + " (handles are per process: after fork, open the device and its objects again)";
                }
            }
        }
        if (!own.isEmpty()) {
            return "not yet created: " + own.get(0).type().label() + " created at #" + own.get(0).createdSeq();
        }
        return "no object of pid " + caller.pid() + " had this handle in the capture (never created, or before the"
                + " recording began)";
    }

    private List<DxgObject> objects(DxgProcess p, long key) {
        return byHandle.getOrDefault(p, Map.of()).getOrDefault(key, List.of());
    }
}
