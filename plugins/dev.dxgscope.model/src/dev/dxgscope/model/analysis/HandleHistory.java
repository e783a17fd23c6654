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
 * handle and was destroyed before the call (a stale handle: use after free), an object of the
 * process whose /dev/dxg the call went through (a forked child using its parent's descriptor and
 * handles), an object created only later, or nothing in the capture at all. Handles of adapters and
 * of other objects are separate tables, as in the driver. Other processes are not searched: their
 * handle values repeat in every process (adapters start at 0x40000000 everywhere).
 *
 * <p>Cost: {@link #of} indexes the model's objects by process and handle in one pass, then a few
 * lookups per named handle (for many failed calls); {@link #forCall} indexes only the objects of
 * the call's process (and of the descriptor's opener), for one call such as the one a user selected.
 */
public final class HandleHistory {
    private final Map<DxgProcess, Map<Long, List<DxgObject>>> byHandle = new HashMap<>();

    private HandleHistory(Iterable<DxgObject> objects) {
        for (DxgObject o : objects) {
            byHandle.computeIfAbsent(o.process(), p -> new HashMap<>())
                    .computeIfAbsent(key(o), k -> new ArrayList<>(1)).add(o);
        }
    }

    /** Indexed over every object: for explaining many failed calls. */
    public static HandleHistory of(CaptureModel m) {
        return new HandleHistory(m.objects());
    }

    /** Indexed over the objects of {@code f}'s process and of its descriptor's opener only. */
    public static HandleHistory forCall(FailedCall f) {
        List<DxgObject> objects = new ArrayList<>(f.process().objects());
        if (f.through() != null) {
            objects.addAll(f.through().objects());
        }
        return new HandleHistory(objects);
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
            String finding = explain(f.process(), f.through(), n, f.seq());
            if (finding != null) {
                out.add(n + ": " + finding);
            }
        }
        return out;
    }

    /**
     * A handle a finding reads "no object" for while its caller still runs: an object with it made
     * by the caller (it would read "not yet created"), or by the descriptor's opener in a call that
     * overlapped the failed one (it would read "the opener's"), would change the finding.
     */
    public record Awaited(DxgProcess process, long key) {
        /** The pair {@code o} answers: its process and its handle. */
        public static Awaited of(DxgObject o) {
            return new Awaited(o.process(), HandleHistory.key(o));
        }
    }

    /**
     * The handles {@code f} named whose "no object" finding an object created later may still
     * change: the caller still runs, no object of the caller ever had the handle, and none of the
     * opener's was alive at the call. Empty when no "no object" finding of {@code f} can change
     * (other findings of a running caller may still, when calls overlap). A live view makes its
     * findings again when an awaited object arrives, only then.
     */
    public List<Awaited> awaited(FailedCall f) {
        if (f.process().exitSeq() != DxgObject.ALIVE) {
            return List.of();
        }
        List<Awaited> out = new ArrayList<>();
        for (FailedCall.Named n : f.handles()) {
            long key = key(n.field().startsWith("adapter"), n.handle());
            if (objects(f.process(), key).isEmpty() && (f.through() == null
                    || objects(f.through(), key).stream().noneMatch(o -> o.aliveAt(f.seq())))) {
                out.add(new Awaited(f.process(), key));
                if (f.through() != null) {
                    out.add(new Awaited(f.through(), key));
                }
            }
        }
        return out;
    }

    private String explain(DxgProcess caller, DxgProcess through, FailedCall.Named n, long seq) {
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
        for (DxgObject o : through == null ? List.<DxgObject>of() : objects(through, key)) {
            if (o.aliveAt(seq)) {
                return "not in pid " + caller.pid() + "'s table; it is " + o.describe() + ", the descriptor's opener"
                        + " (handles are per process: after fork, open the device and its objects again)";
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
