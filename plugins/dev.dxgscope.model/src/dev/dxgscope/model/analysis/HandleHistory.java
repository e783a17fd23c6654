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
import java.util.function.BiFunction;

/**
 * What was behind each handle a failed call named, when nothing alive was: the object that had the
 * handle and was destroyed before the call (a stale handle: use after free), another process's
 * object (handles are per process: a forked child uses its parent's), or nothing in the capture at
 * all. Handles of adapters and of other objects are separate tables, as in the driver.
 *
 * <p>Cost: {@link #of} indexes the model's objects by process and handle in one pass, then a few
 * lookups per named handle (for many failed calls); {@link #scanning} builds nothing and scans the
 * processes' objects per named handle (for one call, such as the one a user selected).
 */
public final class HandleHistory {
    private final List<DxgProcess> processes;
    private final BiFunction<DxgProcess, Long, List<DxgObject>> objects;

    private HandleHistory(CaptureModel m, BiFunction<DxgProcess, Long, List<DxgObject>> objects) {
        this.processes = m.dxgProcesses();
        this.objects = objects;
    }

    /** Indexed: for explaining many failed calls. */
    public static HandleHistory of(CaptureModel m) {
        Map<DxgProcess, Map<Long, List<DxgObject>>> byHandle = new HashMap<>();
        for (DxgObject o : m.objects()) {
            byHandle.computeIfAbsent(o.process(), p -> new HashMap<>())
                    .computeIfAbsent(key(o), k -> new ArrayList<>(1)).add(o);
        }
        return new HandleHistory(m, (p, key) -> byHandle.getOrDefault(p, Map.of()).getOrDefault(key, List.of()));
    }

    /** Unindexed: for explaining one failed call without a pass over the whole model. */
    public static HandleHistory scanning(CaptureModel m) {
        return new HandleHistory(m, (p, key) -> p.objects().stream().filter(o -> key(o) == key).toList());
    }

    private static long key(DxgObject o) {
        return key(o.type() == ObjectType.ADAPTER, o.handle());
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
        return objects.apply(p, key);
    }
}
