package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DestroyReason;
import dev.dxgscope.model.state.Diff;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.model.state.SharedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        SYNC_FILE_NEVER_CLOSED("a sync file the process never closed: its dma_fence and host event lived until "
                + "the kernel closed it at exit"),
        CREATED_IN_LOOP("created again and again by the same call and not destroyed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A row of the ranked suspects: a suspect, or a leak recurring in several processes. */
    public sealed interface Ranked permits Suspect, Recurrence {
        Reason reason();

        /** Objects below it. */
        int count();

        /** Bytes it retains, -1 when none is known. */
        long retainedBytes();

        String summary();
    }

    /** The suspects' order: most retained bytes, then most objects, then by reason. */
    public static final Comparator<Ranked> RANK = Comparator
            .comparingLong((Ranked r) -> -Math.max(0, r.retainedBytes())).thenComparingInt(r -> -r.count())
            .thenComparingInt(r -> r.reason().ordinal());

    /**
     * One ranked suspect. {@code object} is set for object suspects (the top of a leaked subtree; for
     * a loop, the first of its objects), {@code fd} for descriptors, {@code shared} for shared
     * objects; {@code count} objects are below it (for a loop: its objects and those below them),
     * retaining {@code retainedBytes} (-1 when no size is known).
     */
    public record Suspect(Reason reason, DxgProcess process, DxgObject object, FdRef fd, SharedObject shared,
            int count, long retainedBytes, List<String> path, String summary) implements Ranked {
    }

    /**
     * One leak that recurs: suspects with the same reason, of the same kind, made by the same call,
     * in several processes of one program (each run of a test that leaks the same way). MAT lists
     * many instances of one class as one suspect; here a process is the instance (for a share kept
     * alive, the process holding it). {@code suspects} are its members, most retained first;
     * {@code what} is an object type's label (with "shared " before a type kept alive by a share),
     * {@link #NT_HANDLE_FD} " of a " the shared type, or {@link #SYNC_FILE_FD}; {@code origin} the
     * creating call or how the descriptor came; {@code below} the types below a tree's top, which
     * its members share ("" for other suspects).
     */
    public record Recurrence(Reason reason, String program, String what, String origin, String below,
            List<Suspect> suspects) implements Ranked {
        /** Objects below all its members. */
        public int count() {
            return suspects.stream().mapToInt(Suspect::count).sum();
        }

        /** Bytes all its members retain, -1 when none is known. */
        public long retainedBytes() {
            long sum = -1;
            for (Suspect s : suspects) {
                if (s.retainedBytes() >= 0) {
                    sum = Math.max(sum, 0) + s.retainedBytes();
                }
            }
            return sum;
        }

        /** The processes it recurs in, in its members' order (a member each, or one per descriptor). */
        public List<DxgProcess> processList() {
            return suspects.stream().map(Suspect::process).distinct().toList();
        }

        /** How many processes it recurs in. */
        public int processes() {
            return processList().size();
        }

        /**
         * "adapter (LX_DXENUMADAPTERS3) in 12 leaky-sharer processes, 96 MiB, holding device,
         * resource, allocation": what a narrow column cuts is the end of the list of types.
         */
        public String summary() {
            long bytes = retainedBytes();
            int processes = processes();
            return what + " (" + origin + ") in " + processes + " " + program + " processes"
                    + (suspects.size() > processes ? " (" + suspects.size() + " in all)" : "")
                    + (bytes > 0 ? ", " + Format.bytes(bytes) : "") + (below.isEmpty() ? "" : ", holding " + below);
        }
    }

    /** Objects of one type held by one process. */
    public record Group(DxgProcess process, ObjectType type, int count, long bytes) {
    }

    /** Everything one process holds: the top of the ownership tree (MAT's dominator of its objects). */
    public record Owner(DxgProcess process, int count, long bytes) {
    }

    /**
     * One process's holdings of one kind at two moments and what happened in between: MAT's
     * "compare" as a two-sided diff. {@code kind} is an object type's label or one of
     * {@link #DEVICE_FD}, {@link #NT_HANDLE_FD}, {@link #SYNC_FILE_FD}, {@link #SHARED_OBJECT}.
     * {@code after == before + created - destroyed}; one made and gone in between counts in both.
     * Bytes are allocation sizes alive at each moment (0 for every other kind).
     */
    public record Change(DxgProcess process, String kind, int before, int created, int destroyed, int after,
            long bytesBefore, long bytesAfter) {
        public int delta() {
            return after - before;
        }

        public long bytesDelta() {
            return bytesAfter - bytesBefore;
        }
    }

    /** Descriptors of the device itself (opened, inherited, duplicated). */
    public static final String DEVICE_FD = "/dev/dxg fd";
    /** Descriptors naming a shared resource or sync object (LX_DXSHAREOBJECTS, or copies of one). */
    public static final String NT_HANDLE_FD = "NT-handle fd";
    /** Sync files (LX_DXCREATESYNCFILE, or copies of one). */
    public static final String SYNC_FILE_FD = "sync file fd";
    /** A process's handle-table objects of every type together ({@link #objectTotals}). */
    public static final String OBJECTS = "objects";
    /** Shared objects, counted under the process whose object was shared (references live elsewhere). */
    public static final String SHARED_OBJECT = "shared object";
    /** Every kind a {@link Change} can have, in the order they are listed within a process. */
    private static final List<String> KINDS = kinds();

    private static List<String> kinds() {
        List<String> k = new ArrayList<>();
        for (ObjectType t : ObjectType.values()) {
            k.add(t.label());
        }
        k.addAll(List.of(DEVICE_FD, NT_HANDLE_FD, SYNC_FILE_FD, SHARED_OBJECT));
        return List.copyOf(k);
    }

    /**
     * The answer. {@code seq} is where it was taken; ALIVE means "over the whole capture".
     * {@code retained} holds, by object id, the bytes each object keeps (-1: none known).
     * {@code recurring}: the top suspects that recur in two or more processes of one program, most
     * retained bytes first (taken with the rest, so the answer stays whole after the model moves on).
     * {@code below}: the suspects that are part of another, by that other (see {@link #below(Suspect)});
     * an identity map, as two suspects may be equal records.
     */
    public record Result(long seq, List<DxgObject> objects, List<Group> groups, List<Suspect> suspects,
            long[] retained, List<Recurrence> recurring, Map<Suspect, List<Suspect>> below) {
        /**
         * The suspects that are part of {@code s}, most retained first: for a tree, the objects in it
         * created in a loop; for a loop of top objects (each the top of a tree), those trees. One
         * leak is one row, as in MAT, where a suspect names the accumulation inside it.
         */
        public List<Suspect> below(Suspect s) {
            return below.getOrDefault(s, List.of());
        }

        /**
         * For each suspect that is part of another, that other's index in {@link #suspects()}: what
         * the report and the CSV export write (flat lists) to keep the nesting. An identity map.
         */
        public Map<Suspect, Integer> partOf() {
            Map<Suspect, Integer> out = new IdentityHashMap<>();
            for (int i = 0; i < suspects.size(); i++) {
                for (Suspect part : below(suspects.get(i))) {
                    out.put(part, i);
                }
            }
            return out;
        }

        /**
         * The suspects' top rows: each leak that recurs in several processes of one program as one
         * row, the other suspects that are not part of another, most retained bytes first.
         */
        public List<Ranked> ranked() {
            Set<Suspect> under = parts(below);
            recurring.forEach(g -> under.addAll(g.suspects()));
            List<Ranked> top = new ArrayList<>(recurring);
            for (Suspect s : suspects) {
                if (!under.contains(s)) {
                    top.add(s);
                }
            }
            top.sort(RANK);
            return top;
        }

        public long totalBytes() {
            long sum = 0;
            for (Group g : groups) {
                sum += Math.max(0, g.bytes());
            }
            return sum;
        }

        /** Objects and bytes per process, most bytes first: every allocation's bytes reach its process. */
        public List<Owner> owners() {
            Map<DxgProcess, long[]> by = new LinkedHashMap<>();
            for (Group g : groups) {
                long[] c = by.computeIfAbsent(g.process(), p -> new long[2]);
                c[0] += g.count();
                c[1] += Math.max(0, g.bytes());
            }
            List<Owner> out = new ArrayList<>();
            by.forEach((p, c) -> out.add(new Owner(p, (int) c[0], c[1])));
            out.sort(Comparator.comparingLong((Owner o) -> -o.bytes()).thenComparingInt(o -> -o.count()));
            return out;
        }

        /** The bytes an object keeps (its own and those below it in the set), -1 when none known. */
        public long retainedBytes(DxgObject o) {
            return o.id() < retained.length ? retained[o.id()] : -1;
        }

        /**
         * The objects a suspect keeps, in the set's order: a tree's top and everything below it; a
         * loop's objects (alike: one process, type, creating call, parent and size) and everything
         * below them; the creator a share keeps alive, when it is in the set, and what is below it.
         * Empty for a descriptor. What MAT lists under a suspect's accumulation point. Cost: one
         * pass over the set, walking each object up to its top.
         */
        public List<DxgObject> retainedObjects(Suspect s) {
            if (s.object() == null) {
                return List.of();
            }
            int n = 0;
            for (DxgObject o : objects) {
                n = Math.max(n, o.id() + 1);
            }
            boolean[] inSet = new boolean[Math.max(n, s.object().id() + 1)];
            objects.forEach(o -> inSet[o.id()] = true);
            boolean[] root = new boolean[inSet.length];
            if (s.reason() == Reason.CREATED_IN_LOOP) {
                Signature loop = signature(s.object());
                objects.stream().filter(o -> signature(o).equals(loop)).forEach(o -> root[o.id()] = true);
            } else {
                root[s.object().id()] = inSet[s.object().id()];
            }
            List<DxgObject> out = new ArrayList<>();
            for (DxgObject o : objects) {
                for (DxgObject up = o; up != null && up.id() < inSet.length && inSet[up.id()]; up = up.parent()) {
                    if (root[up.id()]) {
                        out.add(o);
                        break;
                    }
                }
            }
            return out;
        }

        /** The objects of one row of {@link #groups()}: a process's objects of one type, in the set's order. */
        public List<DxgObject> objectsOf(Group g) {
            return objects.stream().filter(o -> o.process() == g.process() && o.type() == g.type()).toList();
        }
    }

    /** The suspects that are part of another (an identity set, to add to). */
    private static Set<Suspect> parts(Map<Suspect, List<Suspect>> below) {
        Set<Suspect> under = Collections.newSetFromMap(new IdentityHashMap<>());
        below.values().forEach(under::addAll);
        return under;
    }

    /** What suspects of one recurring leak have in common. */
    private record Alike(Reason reason, String program, String what, String origin, String below) {
    }

    /**
     * The top suspects (those not part of another) that recur in two or more processes of one
     * program, most retained bytes first. A tree recurs only as a tree with the same types below its
     * top: a parent that leaks a shared resource and its child that leaks a context both hold an
     * adapter, but they are two leaks. A share kept alive counts in the program of the process
     * holding it (the one that did not let go); processes whose image the capture does not know are
     * left out. Cost: one pass over the suspects.
     */
    private static List<Recurrence> recurring(List<Suspect> suspects, int[] typesBelow) {
        Map<Alike, List<Suspect>> by = new LinkedHashMap<>();
        for (Suspect s : suspects) {
            DxgProcess p = s.process();
            if (p != null && !(p.executable().isEmpty() && p.args().isEmpty())) {
                Alike key = new Alike(s.reason(), p.program(), what(s), origin(s), below(s, typesBelow));
                by.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        List<Recurrence> out = new ArrayList<>();
        by.forEach((k, members) -> {
            Recurrence r = new Recurrence(k.reason(), k.program(), k.what(), k.origin(), k.below(),
                    List.copyOf(members));
            if (r.processes() >= 2) {
                out.add(r);
            }
        });
        out.sort(RANK);
        return out;
    }

    /**
     * What a suspect is, for {@link Recurrence#what()}. An NT-handle fd says what it names ("NT-handle
     * fd of a resource"): a leaked resource share and a leaked fence share are different code paths.
     */
    private static String what(Suspect s) {
        if (s.fd() != null) {
            if (s.reason() == Reason.SYNC_FILE_NEVER_CLOSED) {
                return SYNC_FILE_FD;
            }
            return NT_HANDLE_FD + " of a " + s.shared().type().label(); /* such a suspect always names its share */
        }
        String type = s.object() == null ? "object" : s.object().type().label();
        return s.reason() == Reason.KEPT_ALIVE_BY_SHARE ? "shared " + type : type;
    }

    /** "device, resource, allocation": the types below a tree suspect's top, in type order; "" for others. */
    private static String below(Suspect s, int[] typesBelow) {
        if (s.fd() != null || s.object() == null || s.reason() == Reason.CREATED_IN_LOOP
                || s.reason() == Reason.KEPT_ALIVE_BY_SHARE) {
            return "";
        }
        int bits = typesBelow[s.object().id()];
        List<String> types = new ArrayList<>();
        for (ObjectType t : ObjectType.values()) {
            if ((bits & 1 << t.ordinal()) != 0) {
                types.add(t.label());
            }
        }
        return String.join(", ", types);
    }

    /** Where a suspect came from: the call that made its object, or how its descriptor came. */
    private static String origin(Suspect s) {
        if (s.fd() != null) {
            return s.fd().origin().label();
        }
        return s.object() == null ? "?" : s.object().createdBy();
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
        List<DxgObject> grown = Diff.createdAndAlive(m, from, to);
        return analyse(m, to, grown, false);
    }

    /**
     * Per process and kind (object types, descriptors, shared objects): alive at {@code from},
     * created and destroyed in (from, to], alive at {@code to}. Kinds where nothing was created or
     * destroyed are left out; most growth in bytes, then in count, first. Cost: one pass over the
     * objects, the descriptors and the shared objects.
     */
    public static List<Change> compare(CaptureModel m, long from, long to) {
        Tally t = new Tally(from, to, KINDS);
        for (DxgObject o : m.objects()) {
            t.add(o, o.type().ordinal());
        }
        for (DxgProcess p : m.processes()) {
            for (FdRef f : p.fds()) {
                t.add(p, KINDS.indexOf(fdKind(f)), f.openedSeq(), f.closedSeq(), 0);
            }
        }
        int shared = KINDS.indexOf(SHARED_OBJECT);
        for (SharedObject s : m.sharedObjects()) {
            t.add(s.creator().process(), shared, s.createdSeq(), s.destroyedSeq(), 0);
        }
        return t.changes(false);
    }

    /**
     * Per process, its handle-table objects of every type together (kind {@link #OBJECTS}) at both
     * moments, for each process that had any then or in between: the total a process's row of the
     * comparison shows, without its descriptors and shares (other things, listed apart) and with
     * the types that did not change. Cost: one pass over the objects.
     */
    public static Map<DxgProcess, Change> objectTotals(CaptureModel m, long from, long to) {
        Tally t = new Tally(from, to, List.of(OBJECTS));
        for (DxgObject o : m.objects()) {
            t.add(o, 0);
        }
        Map<DxgProcess, Change> out = new HashMap<>();
        for (Change c : t.changes(true)) {
            out.put(c.process(), c);
        }
        return out;
    }

    /** An allocation's size (0 when unknown), 0 for every other object. */
    private static long bytes(DxgObject o) {
        return Math.max(0, size(o));
    }

    /** An allocation's size (-1 when unknown), 0 for every other object. */
    private static long size(DxgObject o) {
        return o instanceof Allocation a ? a.size() : 0;
    }

    /** Which kind of descriptor {@code f} is. */
    public static String fdKind(FdRef f) {
        if (f.shared() != null) {
            return NT_HANDLE_FD;
        }
        return f.syncFence() != null || f.origin() == FdRef.Origin.SYNC_FILE ? SYNC_FILE_FD : DEVICE_FD;
    }

    /** Counts of things with a lifetime [made, gone), by process and kind, at two moments. */
    private static final class Tally {
        private final long from;
        private final long to;
        private final List<String> kinds;
        private final Map<Integer, long[]> counts = new HashMap<>();
        private final Map<Integer, DxgProcess> processes = new HashMap<>();

        Tally(long from, long to, List<String> kinds) {
            this.from = from;
            this.to = to;
            this.kinds = kinds;
        }

        /** An object, counted as {@code kind} with its bytes. */
        void add(DxgObject o, int kind) {
            add(o.process(), kind, o.createdSeq(), o.destroyedSeq(), bytes(o));
        }

        void add(DxgProcess p, int kind, long made, long gone, long bytes) {
            boolean before = made <= from && from < gone;
            boolean after = made <= to && to < gone;
            boolean created = made > from && made <= to;
            boolean destroyed = gone > from && gone <= to;
            if (!before && !created && !destroyed) {
                return; /* gone before, or made after */
            }
            int key = p.index() * kinds.size() + kind;
            long[] c = counts.computeIfAbsent(key, k -> new long[6]);
            processes.putIfAbsent(key, p);
            if (before) {
                c[0]++;
                c[4] += bytes;
            }
            c[1] += created ? 1 : 0;
            c[2] += destroyed ? 1 : 0;
            if (after) {
                c[3]++;
                c[5] += bytes;
            }
        }

        /** {@code all}: also the kinds where nothing was created or destroyed. */
        List<Change> changes(boolean all) {
            List<Change> out = new ArrayList<>();
            counts.forEach((key, c) -> {
                if (all || c[1] + c[2] > 0) {
                    out.add(new Change(processes.get(key), kinds.get(key % kinds.size()), (int) c[0], (int) c[1],
                            (int) c[2], (int) c[3], c[4], c[5]));
                }
            });
            out.sort(Comparator.comparingLong((Change c) -> -c.bytesDelta()).thenComparingInt(c -> -c.delta())
                    .thenComparingInt(c -> c.process().index()).thenComparingInt(c -> kinds.indexOf(c.kind())));
            return out;
        }
    }

    /** Objects that share a creator, parent and size: made in a loop when there are many of them. */
    private record Signature(int process, ObjectType type, String createdBy, int parent, long size) {
    }

    private static Signature signature(DxgObject o) {
        return new Signature(o.process().index(), o.type(), o.createdBy(), o.parent() == null ? -1 : o.parent().id(),
                size(o));
    }

    /** Objects alike (one signature) in the set: how many, in how many calls, what they retain. */
    private static final class LoopCount {
        final DxgObject first;
        int count;
        int calls;
        long lastCall = -1;
        long bytes;
        /** Objects they and those below them make. */
        int retainedCount;
        /** The tree suspects of those that are tops (their parent is not in the set), or null. */
        List<Suspect> tops;

        LoopCount(DxgObject first) {
            this.first = first;
        }
    }

    private static Result analyse(CaptureModel m, long seq, List<DxgObject> set, boolean wholeCapture) {
        int n = m.objects().size();
        boolean[] inSet = new boolean[n];
        for (DxgObject o : set) {
            inSet[o.id()] = true;
        }
        long[] retained = retained(set, n);
        int[] typesBelow = new int[n];
        int[] counts = objectsBelow(set, inSet, n, typesBelow);
        Map<Integer, long[]> groupCounts = new LinkedHashMap<>();
        Map<Integer, DxgObject> groupFirst = new HashMap<>();
        Map<Signature, LoopCount> loops = new LinkedHashMap<>(); /* set order: ties rank the same every run */
        Suspect[] treeOf = new Suspect[n]; /* by its top object's id */
        List<Suspect> suspects = new ArrayList<>();
        for (DxgObject o : set) {
            int key = o.process().index() * ObjectType.values().length + o.type().ordinal();
            long[] g = groupCounts.computeIfAbsent(key, k -> new long[2]);
            groupFirst.putIfAbsent(key, o);
            g[0]++;
            g[1] += bytes(o);
            Signature sig = signature(o);
            LoopCount lc = loops.computeIfAbsent(sig, k -> new LoopCount(o));
            lc.count++;
            lc.bytes += Math.max(0, retained[o.id()]);
            if (o.createdSeq() != lc.lastCall) {
                lc.calls++;
                lc.lastCall = o.createdSeq();
            }
            if (o.parent() != null && inSet[o.parent().id()]) {
                lc.retainedCount += counts[o.id()];
                continue; /* counted under its parent */
            }
            if (o.shared() != null && o.opened()) {
                continue; /* a reference to a shared object: listed with the shared object */
            }
            int count = counts[o.id()];
            lc.retainedCount += count;
            Reason reason = !wholeCapture ? Reason.ALIVE : o.aliveAtEnd() ? Reason.ALIVE_AT_END : Reason.NEVER_RELEASED;
            long bytes = retained[o.id()];
            Suspect tree = new Suspect(reason, o.process(), o, null, null, count, bytes, path(o), summary(o, count, bytes));
            suspects.add(tree);
            treeOf[o.id()] = tree;
            if (lc.tops == null) {
                lc.tops = new ArrayList<>();
            }
            lc.tops.add(tree);
        }
        Map<Suspect, List<Suspect>> below = new IdentityHashMap<>();
        for (LoopCount lc : loops.values()) {
            if (lc.count >= LOOP_THRESHOLD && lc.calls >= LOOP_THRESHOLD) {
                DxgObject first = lc.first;
                String text = lc.count + " x " + first.type().label() + " created by " + first.createdBy() + " in "
                        + first.process().label() + (wholeCapture ? " and never destroyed" : ", all alive at the chosen moment");
                Suspect loop = new Suspect(Reason.CREATED_IN_LOOP, first.process(), first, null, null,
                        lc.retainedCount, lc.bytes, path(first), text);
                suspects.add(loop);
                if (first.parent() == null || !inSet[first.parent().id()]) {
                    if (lc.tops != null) { /* each one a tree of its own: the loop is their one row */
                        below.put(loop, lc.tops);
                    }
                    continue;
                }
                DxgObject root = first;
                while (root.parent() != null && inSet[root.parent().id()]) {
                    root = root.parent();
                }
                Suspect tree = treeOf[root.id()];
                if (tree != null) { /* the accumulation inside one tree: part of that suspect */
                    below.computeIfAbsent(tree, t -> new ArrayList<>()).add(loop);
                }
            }
        }
        below.values().forEach(l -> l.sort(RANK));
        if (wholeCapture) {
            shareSuspects(m, suspects, retained);
        } else {
            for (SharedObject s : m.sharedObjects()) {
                if (s.aliveAt(seq) && !s.creator().aliveAt(seq)) {
                    suspects.add(sharedSuspect(s, seq, retained));
                }
            }
        }
        suspects.sort(RANK);
        List<Group> g = new ArrayList<>();
        groupCounts.forEach((key, c) -> {
            DxgObject o = groupFirst.get(key);
            g.add(new Group(o.process(), o.type(), (int) c[0], c[1]));
        });
        g.sort(Comparator.comparingLong((Group x) -> -x.bytes()).thenComparingInt(x -> -x.count()));
        Set<Suspect> under = parts(below);
        List<Suspect> tops = suspects.stream().filter(x -> !under.contains(x)).toList();
        return new Result(seq, set, g, suspects, retained, recurring(tops, typesBelow),
                Collections.unmodifiableMap(below));
    }

    /** Shares that outlived their creator, and NT-handle fds and sync files never closed. */
    private static void shareSuspects(CaptureModel m, List<Suspect> suspects, long[] retained) {
        for (SharedObject s : m.sharedObjects()) {
            long creatorGone = s.creator().destroyedSeq();
            if (creatorGone != DxgObject.ALIVE && s.destroyedSeq() > creatorGone) {
                suspects.add(sharedSuspect(s, creatorGone, retained));
            }
        }
        for (DxgProcess p : m.processes()) {
            for (FdRef f : p.fds()) {
                boolean neverClosed = f.closeReason() == FdRef.CloseReason.EXIT || f.closedSeq() == DxgObject.ALIVE;
                if (neverClosed && f.syncFence() != null) {
                    String fence = f.syncFileText();
                    suspects.add(new Suspect(Reason.SYNC_FILE_NEVER_CLOSED, p, null, f, null, 1, -1,
                            List.of(p.label(), "fd " + f.fd() + " (" + f.origin().label() + ")", "sync file on " + fence),
                            "fd " + f.fd() + " of " + p.label() + " is a sync file on " + fence + " and was never closed"));
                }
                if (f.shared() != null && neverClosed) {
                    List<String> path = List.of(p.label(), "fd " + f.fd() + " (" + f.origin().label() + ")",
                            f.shared().describe());
                    suspects.add(new Suspect(Reason.FD_NEVER_CLOSED, p, null, f, f.shared(), 1, -1, path,
                            "fd " + f.fd() + " of " + p.label() + " names " + f.shared().describe()
                                    + " and was never closed"));
                }
            }
        }
    }

    private static Suspect sharedSuspect(SharedObject s, long at, long[] retained) {
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
        long bytes = s.creator().id() < retained.length ? retained[s.creator().id()] : -1;
        return new Suspect(Reason.KEPT_ALIVE_BY_SHARE, holder, s.creator(), null, s, 1, bytes, path,
                s.describe() + " outlived its creator; kept alive by " + refs.size() + " reference(s)");
    }

    /**
     * Objects each object makes with those below it in the set, by id (0 outside it), and in
     * {@code typesBelow} the types below it as bits of {@link ObjectType#ordinal()}. Cost: for each
     * object, a walk up to its top in the set.
     */
    private static int[] objectsBelow(List<DxgObject> set, boolean[] inSet, int n, int[] typesBelow) {
        int[] r = new int[n];
        for (DxgObject o : set) {
            int bit = 1 << o.type().ordinal();
            r[o.id()]++;
            for (DxgObject up = o.parent(); up != null && inSet[up.id()]; up = up.parent()) {
                r[up.id()]++;
                typesBelow[up.id()] |= bit;
            }
        }
        return r;
    }

    /** Bytes each object keeps, by id: its own size plus what is below it, within the set; -1 when none. */
    private static long[] retained(List<DxgObject> set, int n) {
        long[] r = new long[n];
        java.util.Arrays.fill(r, -1);
        for (DxgObject o : set) {
            if (o instanceof Allocation a && a.size() >= 0) {
                for (DxgObject up = o; up != null; up = up.parent()) {
                    r[up.id()] = Math.max(0, r[up.id()]) + a.size();
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
