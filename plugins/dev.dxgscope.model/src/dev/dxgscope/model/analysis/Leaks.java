package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DestroyReason;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.model.state.SharedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leak analysis in the manner of Eclipse MAT: what is alive at a moment (or was never released by
 * the application), grouped by type and owner with retained bytes (an allocation's bytes count
 * toward its resource, device and process), ranked suspects with a reason, and the path from each
 * suspect to what keeps it alive. Cost: one pass over the objects and one over the shared objects.
 */
public final class Leaks {
    /** Why something is a suspect. */
    public enum Reason {
        NEVER_RELEASED("never destroyed by the application; the driver freed it when the process went away"),
        ALIVE_AT_END("still alive when the capture ended"),
        ALIVE("alive at the chosen moment"),
        KEPT_ALIVE_BY_SHARE("its creator released it, but a shared reference in another process keeps it alive"),
        FD_NEVER_CLOSED("an NT-handle descriptor the process never closed (the kernel closed it at exit)"),
        CREATED_IN_LOOP("created again and again and never destroyed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One ranked suspect. {@code object} is set for object suspects (the top of a leaked subtree),
     * {@code fd} for descriptors, {@code shared} for shared objects; {@code count} objects are below
     * it, retaining {@code retainedBytes} (-1 when no size is known).
     */
    public record Suspect(Reason reason, DxgProcess process, DxgObject object, FdRef fd, SharedObject shared,
            int count, long retainedBytes, List<String> path, String summary) {
    }

    /** Objects of one type held by one process. */
    public record Group(DxgProcess process, ObjectType type, int count, long bytes) {
    }

    /** The answer. {@code seq} is where it was taken; ALIVE means "over the whole capture". */
    public record Result(long seq, List<DxgObject> objects, List<Group> groups, List<Suspect> suspects,
            Map<DxgObject, Long> retained) {
        public long totalBytes() {
            long sum = 0;
            for (Group g : groups) {
                sum += Math.max(0, g.bytes());
            }
            return sum;
        }
    }

    /** How many objects with one signature make a "created in a loop" suspect. */
    public static final int LOOP_THRESHOLD = 8;

    private Leaks() {
    }

    /**
     * Leaks of the whole capture: objects the application never released (freed by the driver at
     * process teardown, or alive when the capture ended), descriptors never closed, shared objects
     * that outlived their creator.
     */
    public static Result ofCapture(CaptureModel m) {
        List<DxgObject> leaked = new ArrayList<>();
        for (DxgObject o : m.objects()) {
            if (o.aliveAtEnd() || o.destroyReason() == DestroyReason.PROCESS_TEARDOWN) {
                leaked.add(o);
            }
        }
        return analyse(m, DxgObject.ALIVE, leaked, true);
    }

    /** Everything alive at a seq, ranked the same way (the "heap dump" at a moment). */
    public static Result at(CaptureModel m, long seq) {
        return analyse(m, seq, m.at(seq).objects(), false);
    }

    /** Created in (from, to] and still alive at {@code to}. */
    public static Result between(CaptureModel m, long from, long to) {
        List<DxgObject> grown = dev.dxgscope.model.state.StateAt.diff(m, from, to).createdAndAlive();
        return analyse(m, to, grown, false);
    }

    private static Result analyse(CaptureModel m, long seq, List<DxgObject> set, boolean wholeCapture) {
        Map<DxgObject, Long> retained = retained(set);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (DxgObject o : set) {
            String key = o.process().index() + "/" + o.type();
            Group g = groups.get(key);
            long bytes = o instanceof Allocation a ? Math.max(0, a.size()) : 0;
            groups.put(key, g == null ? new Group(o.process(), o.type(), 1, bytes)
                    : new Group(g.process(), g.type(), g.count() + 1, g.bytes() + bytes));
        }
        List<Suspect> suspects = new ArrayList<>();
        java.util.Set<DxgObject> inSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        inSet.addAll(set);
        Map<String, List<DxgObject>> loops = new HashMap<>();
        for (DxgObject o : set) {
            if (o.parent() != null && inSet.contains(o.parent())) {
                continue; /* counted under its parent */
            }
            if (o.shared() != null && o.opened()) {
                continue; /* a reference to a shared object: listed with the shared object */
            }
            int count = countBelow(o, inSet);
            Reason reason = !wholeCapture ? Reason.ALIVE
                    : o.aliveAtEnd() ? Reason.ALIVE_AT_END : Reason.NEVER_RELEASED;
            suspects.add(new Suspect(reason, o.process(), o, null, null, count, retained.getOrDefault(o, -1L),
                    path(o), summary(o, count, retained.getOrDefault(o, -1L))));
            String sig = o.process().index() + "/" + o.type() + "/" + o.createdBy() + "/"
                    + (o.parent() == null ? "" : o.parent().id()) + "/" + (o instanceof Allocation a ? a.size() : 0);
            loops.computeIfAbsent(sig, k -> new ArrayList<>()).add(o);
        }
        for (List<DxgObject> same : loops.values()) {
            long calls = same.stream().mapToLong(DxgObject::createdSeq).distinct().count();
            if (same.size() >= LOOP_THRESHOLD && calls >= LOOP_THRESHOLD) {
                DxgObject first = same.get(0);
                long bytes = 0;
                for (DxgObject o : same) {
                    bytes += Math.max(0, retained.getOrDefault(o, 0L));
                }
                suspects.add(new Suspect(Reason.CREATED_IN_LOOP, first.process(), first, null, null, same.size(), bytes,
                        path(first), same.size() + " x " + first.type().label() + " created by " + first.createdBy()
                                + " in " + first.process().label() + " and never destroyed"));
            }
        }
        if (wholeCapture) {
            shareSuspects(m, suspects, retained);
        } else {
            for (SharedObject s : m.sharedObjects()) {
                if (s.aliveAt(seq) && !s.creator().aliveAt(seq)) {
                    suspects.add(sharedSuspect(s, seq, retained));
                }
            }
        }
        suspects.sort(Comparator.comparingLong((Suspect s) -> -Math.max(0, s.retainedBytes()))
                .thenComparingInt(s -> -s.count()).thenComparingInt(s -> s.reason().ordinal()));
        List<Group> g = new ArrayList<>(groups.values());
        g.sort(Comparator.comparingLong((Group x) -> -x.bytes()).thenComparingInt(x -> -x.count()));
        return new Result(seq, set, g, suspects, retained);
    }

    private static void shareSuspects(CaptureModel m, List<Suspect> suspects, Map<DxgObject, Long> retained) {
        for (SharedObject s : m.sharedObjects()) {
            long creatorGone = s.creator().destroyedSeq();
            if (creatorGone != DxgObject.ALIVE && s.destroyedSeq() > creatorGone) {
                suspects.add(sharedSuspect(s, creatorGone, retained));
            }
        }
        for (DxgProcess p : m.processes()) {
            for (FdRef f : p.fds()) {
                if (f.shared() != null && (f.closeReason() == FdRef.CloseReason.EXIT || f.closedSeq() == DxgObject.ALIVE)) {
                    List<String> path = List.of(p.label(), "fd " + f.fd() + " (" + f.origin().label() + ")",
                            f.shared().describe());
                    suspects.add(new Suspect(Reason.FD_NEVER_CLOSED, p, null, f, f.shared(), 1, -1, path,
                            "fd " + f.fd() + " of " + p.label() + " names " + f.shared().describe()
                                    + " and was never closed"));
                }
            }
        }
    }

    private static Suspect sharedSuspect(SharedObject s, long at, Map<DxgObject, Long> retained) {
        List<Object> refs = s.referencesAt(at);
        List<String> path = new ArrayList<>();
        DxgProcess holder = null;
        for (Object r : refs) {
            if (r instanceof FdRef f) {
                holder = f.process();
                path.add(f.process().label() + " -> fd " + f.fd() + " (" + f.origin().label() + ") -> "
                        + s.describe());
            } else if (r instanceof DxgObject o) {
                holder = o.process();
                path.add(o.process().label() + " -> " + o.describe() + (o.opened() ? " (opened)" : "") + " -> "
                        + s.describe());
            }
        }
        long bytes = retained.getOrDefault(s.creator(), -1L);
        return new Suspect(Reason.KEPT_ALIVE_BY_SHARE, holder, s.creator(), null, s, 1, bytes, path,
                s.describe() + " outlived its creator; kept alive by " + refs.size() + " reference(s)");
    }

    private static int countBelow(DxgObject o, java.util.Set<DxgObject> inSet) {
        int n = 1;
        for (DxgObject c : o.children()) {
            if (inSet.contains(c)) {
                n += countBelow(c, inSet);
            }
        }
        return n;
    }

    /** Bytes each object keeps: its own size plus what is below it, within the set. */
    private static Map<DxgObject, Long> retained(List<DxgObject> set) {
        Map<DxgObject, Long> r = new java.util.IdentityHashMap<>();
        for (DxgObject o : set) {
            if (o instanceof Allocation a && a.size() >= 0) {
                for (DxgObject up = o; up != null; up = up.parent()) {
                    r.merge(up, a.size(), Long::sum);
                }
            }
        }
        return r;
    }

    /** "process -> device 0x… -> resource 0x… -> allocation 0x…". */
    public static List<String> path(DxgObject o) {
        List<String> path = new ArrayList<>();
        for (DxgObject up = o; up != null; up = up.parent()) {
            path.add(0, up.type().label() + " " + up.handleHex() + (up.opened() ? " (opened)" : ""));
        }
        path.add(0, o.process().label());
        return path;
    }

    private static String summary(DxgObject o, int count, long bytes) {
        return o.describe() + (count > 1 ? " and " + (count - 1) + " object(s) below it" : "")
                + (bytes > 0 ? ", " + Format.bytes(bytes) : "");
    }
}
