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
            Finding finding = find(f.process(), f.through(), n, f.seq());
            if (finding != null) {
                out.add(n + ": " + finding.text());
            }
        }
        return out;
    }

    /**
     * An object a finding of a running caller waits for: one of {@code process}'s with the handle
     * {@code key} names, created before {@code createdBefore}. A "no object" finding changes with
     * any such object of the caller's, however late (it would read "not yet created"), so it waits
     * with no bound; any finding changes with an object a call that overlapped the failed one made
     * (it was alive at the call), so the others wait for objects created before the call.
     */
    public record Awaited(DxgProcess process, long key, long createdBefore) {
        /** Whether {@code o} is such an object. */
        public boolean answeredBy(DxgObject o) {
            return o.process() == process && HandleHistory.key(o) == key && o.createdSeq() < createdBefore;
        }
    }

    /**
     * What {@code f}'s findings wait for while its caller or the descriptor's opener runs: for each
     * handle with a finding, the caller's object with it and, for "no object" and "not yet created"
     * (the findings an opener's object comes before), the opener's. Empty when both exited (every
     * finding is final) or no handle has a finding. A live view makes its findings again when an
     * awaited object arrives, only then.
     */
    public List<Awaited> awaited(FailedCall f) {
        DxgProcess through = f.through();
        boolean callerRuns = !f.process().exited();
        boolean openerRuns = through != null && !through.exited();
        if (!callerRuns && !openerRuns) {
            return List.of();
        }
        List<Awaited> out = new ArrayList<>();
        for (FailedCall.Named n : f.handles()) {
            long key = key(n.field().startsWith("adapter"), n.handle());
            Finding finding = find(f.process(), through, n, f.seq());
            if (finding == null) {
                continue;
            }
            if (callerRuns) {
                out.add(new Awaited(f.process(), key, finding.kind() == Kind.NO_OBJECT ? Long.MAX_VALUE : f.seq()));
            }
            if (openerRuns && (finding.kind() == Kind.NO_OBJECT || finding.kind() == Kind.NOT_YET_CREATED)) {
                out.add(new Awaited(through, key, f.seq()));
            }
        }
        return out;
    }

    /**
     * The objects many findings wait for, looked up per new object: what a live view keeps between
     * two looks at a growing model. Cost: one hash lookup per object.
     */
    public static final class Awaiting {
        private final Map<DxgProcess, Map<Long, Long>> before = new HashMap<>();

        /** What the findings of {@code calls} wait for ({@code handles} is not read when there are none). */
        public Awaiting(HandleHistory handles, List<FailedCall> calls) {
            for (FailedCall f : calls) {
                for (Awaited a : handles.awaited(f)) {
                    before.computeIfAbsent(a.process(), p -> new HashMap<>()).merge(a.key(), a.createdBefore(), Math::max);
                }
            }
        }

        public boolean isEmpty() {
            return before.isEmpty();
        }

        /** Whether one of {@code objects} is awaited. */
        public boolean answeredBy(List<DxgObject> objects) {
            for (DxgObject o : objects) {
                Long b = before.getOrDefault(o.process(), Map.of()).get(key(o));
                if (b != null && o.createdSeq() < b) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What a finding says, in the order they are looked for. */
    private enum Kind {
        STALE, OPENERS, NOT_YET_CREATED, NO_OBJECT
    }

    private record Finding(Kind kind, String text) {
    }

    /** The finding for one handle named at {@code seq}, or null when a live object had it. */
    private Finding find(DxgProcess caller, DxgProcess through, FailedCall.Named n, long seq) {
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
            return new Finding(Kind.STALE, "a stale handle: " + gone.type().label() + " destroyed at #"
                    + gone.destroyedSeq() + " (" + gone.destroyReason().text()
                    + (gone.destroyedByCall() > 0 ? " #" + gone.destroyedByCall() : "") + ")");
        }
        for (DxgObject o : through == null ? List.<DxgObject>of() : objects(through, key)) {
            if (o.aliveAt(seq)) {
                return new Finding(Kind.OPENERS, "not in pid " + caller.pid() + "'s table; it is " + o.describe()
                        + ", the descriptor's opener (handles are per process: after fork, open the device and its"
                        + " objects again)");
            }
        }
        if (!own.isEmpty()) {
            return new Finding(Kind.NOT_YET_CREATED, "not yet created: " + own.get(0).type().label() + " created at #"
                    + own.get(0).createdSeq());
        }
        return new Finding(Kind.NO_OBJECT, "no object of pid " + caller.pid() + " had this handle in the capture"
                + " (never created, or before the recording began)");
    }

    private List<DxgObject> objects(DxgProcess p, long key) {
        return byHandle.getOrDefault(p, Map.of()).getOrDefault(key, List.of());
    }
}
