package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.Names;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Residency: MakeResident/Evict calls and their paging-fence completion, the residency the memory
 * manager reports through QueryAllocationResidency (its own evictions are only visible there),
 * budgets from QueryVideoMemoryInfo and device samples, and resident bytes per process, adapter
 * and segment group over time.
 */
final class ResidencyTracker implements ObjectTracker.Listener, SyncTracker.FenceListener {
    /** One resident-bytes line: a process's bytes in one segment group of one adapter. */
    record Key(DxgProcess process, long luid, int segmentGroup) {
    }

    /** A line's running total and series; allocations point at theirs (one reference, no key each). */
    static final class Line {
        final Key key;
        final Series series = new Series();
        long bytes;

        Line(Key key) {
            this.key = key;
        }
    }

    private final ObjectTracker objects;
    private final SyncTracker sync;
    final ResidencyOpStore ops;
    /** Reused for each call's row. */
    private final ResidencyOpStore.Row row = new ResidencyOpStore.Row();
    /* Reused for every call: a call's handles and states are read in place, its allocations listed here. */
    private final IoctlCall.Buffer handlesBuffer = new IoctlCall.Buffer();
    private final IoctlCall.Buffer statesBuffer = new IoctlCall.Buffer();
    /** D3DDDI_RECLAIM_RESULT_DISCARDED: resident again, the content is gone. */
    private static final int RECLAIM_DISCARDED = 1;
    /** D3DDDI_RECLAIM_RESULT_NOT_COMMITTED: the reclaimed allocation has no memory. */
    private static final int RECLAIM_NOT_COMMITTED = 2;
    private final List<Allocation> allocationList = new ArrayList<>();
    /** For each allocation {@link #offered} listed, the index of the handle that named it. */
    private int[] namedBy = new int[16];
    /** How many handles of the call whose list {@link #allocationList} holds the capture did not know. */
    private int unknownHandles;
    final List<Budget> budgets = new ArrayList<>();
    final List<Eviction> evictions = new ArrayList<>();
    /** The lines in the order they appeared. */
    final List<Line> lines = new ArrayList<>();
    /** The same lines by process index, found by a scan of a few (no key made per lookup). */
    private final ArrayList<List<Line>> linesByProcess = new ArrayList<>();
    /** Bytes of inferred evictions attributed to each MakeResident (by op index). */
    private final Map<Integer, Long> roomGiven = new HashMap<>();
    /** MakeResident calls waiting for their paging fence: fence to op indexes. */
    private final Map<Fence, List<Integer>> waiting = new IdentityHashMap<>();

    /** The capture is complete: the resident-bytes series stop growing. */
    void trim() {
        handlesBuffer.clear(); /* the model keeps this tracker, not the reader's window (first: copies below may fail) */
        statesBuffer.clear();
        allocationList.clear();
        lines.forEach(l -> l.series.trim());
        ops.trim();
    }

    ResidencyTracker(ObjectTracker objects, SyncTracker sync) {
        this.objects = objects;
        this.sync = sync;
        this.ops = new ResidencyOpStore(objects);
        objects.addListener(this);
        sync.addListener(this);
    }

    void onLeave(IoctlCall c, DxgProcess p) {
        if (c.ioctl() == null || !c.returned()) {
            return;
        }
        switch (c.ioctl().name()) {
            case "LX_DXMAKERESIDENT" -> makeResident(c, p);
            case "LX_DXEVICT" -> evict(c, p);
            case "LX_DXOFFERALLOCATIONS" -> offer(c, p);
            case "LX_DXRECLAIMALLOCATIONS2" -> reclaim(c, p);
            case "LX_DXQUERYALLOCATIONRESIDENCY" -> query(c, p);
            case "LX_DXQUERYVIDEOMEMORYINFO" -> videoMemoryInfo(c, p);
            case "LX_DXLOCK2", "LX_DXUNLOCK2" -> {
                if (c.succeeded() && objects.resolve(p, c.u32In("allocation")) instanceof Allocation a) {
                    a.lock(c.leaveSeq(), c.is("LX_DXLOCK2"));
                }
            }
            default -> {
            }
        }
    }

    /**
     * The allocations behind a call's handle array, in a list reused by the next call; the call's
     * {@code declared} count of handles counts those the capture lacks (its buffer not captured).
     */
    private List<Allocation> allocations(DxgProcess p, IoctlCall.Buffer handles, long declared) {
        List<Allocation> list = allocationList;
        list.clear();
        unknownHandles = uncaptured(handles, declared);
        for (int i = 0; i < handles.u32Count(); i++) {
            if (objects.resolve(p, Integer.toUnsignedLong(handles.u32(i))) instanceof Allocation a) {
                list.add(a);
            } else {
                unknownHandles++;
            }
        }
        return list;
    }

    /** How many of the {@code declared} handles the captured array lacks (0 when unknown). */
    private static int uncaptured(IoctlCall.Buffer handles, long declared) {
        return declared == IoctlCall.UNKNOWN || declared <= handles.u32Count() ? 0
                : (int) Math.min(Integer.MAX_VALUE, declared - handles.u32Count());
    }

    private static long known(List<Allocation> list) {
        long sum = 0;
        for (Allocation a : list) {
            sum += Math.max(0, a.size());
        }
        return sum;
    }

    private static int group(List<Allocation> list) {
        for (Allocation a : list) {
            if (a.segmentGroup() >= 0) {
                return a.segmentGroup();
            }
        }
        return -1;
    }

    private void makeResident(IoctlCall c, DxgProcess p) {
        List<Allocation> list = allocations(p, c.buffer("allocation_list", false, -1, handlesBuffer),
                c.u32In("alloc_count"));
        DxgObject queue = objects.resolve(p, c.u32In("paging_queue"));
        int group = group(list);
        long luid = queue != null ? queue.luid() : list.isEmpty() ? 0 : list.get(0).luid();
        long usage = usage(p, luid, group);
        long budget = budget(p.pid(), luid, group);
        long fenceValue = c.succeeded() ? c.u64Out("paging_fence_value") : 0;
        long trim = c.succeeded() ? c.u64Out("num_bytes_to_trim") : -1;
        boolean pending = c.ret() == Names.STATUS_PENDING;
        long pagingFenceValue = fenceValue == IoctlCall.UNKNOWN ? 0 : fenceValue;
        int op = add(ResidencyOp.Kind.MAKE_RESIDENT, c, p, queue, list, pagingFenceValue,
                c.ret() == 0 ? c.leaveSeq() : DxgObject.ALIVE, trim, usage, budget, group);
        if (c.failed()) {
            return;
        }
        for (Allocation a : list) {
            transition(a, c.leaveSeq(), pending ? Residency.PENDING : Residency.RESIDENT);
        }
        if (pending) {
            untilPagingFence(op, c, p, queue, pagingFenceValue);
        }
    }

    /** The op returned STATUS_PENDING: it completes when the queue's paging fence reaches the value. */
    private void untilPagingFence(int op, IoctlCall c, DxgProcess p, DxgObject queue, long pagingFenceValue) {
        SyncObject pf = pagingFence(queue);
        Fence f = pf == null ? null : pf.fence();
        if (pf != null) {
            sync.addSignal(Signal.Kind.PAGING, c.enterSeq(), p, c.tid(), pf, pagingFenceValue, queue, c.name());
        }
        if (f != null && f.lastValue() >= pagingFenceValue) {
            complete(op, c.leaveSeq());
        } else if (f != null) {
            waiting.computeIfAbsent(f, k -> new ArrayList<>()).add(op);
        }
    }

    private int add(ResidencyOp.Kind kind, IoctlCall c, DxgProcess p, DxgObject queue, List<Allocation> list,
            long pagingFenceValue, long completedSeq, long trim, long usage, long budget, int group) {
        ResidencyOpStore.Row r = row;
        r.kind = kind;
        r.seq = c.enterSeq();
        r.leaveSeq = c.leaveSeq();
        r.process = p;
        r.pagingQueue = queue;
        r.allocations = list;
        r.bytes = known(list);
        r.ret = c.ret();
        r.errno = c.errno();
        r.pagingFenceValue = pagingFenceValue;
        r.completedSeq = completedSeq;
        r.bytesToTrim = trim == IoctlCall.UNKNOWN ? -1 : trim;
        r.usageBefore = usage;
        r.budget = budget;
        r.segmentGroup = group;
        r.unknownHandles = unknownHandles;
        int i = ops.add(r);
        r.allocations = null;
        return i;
    }

    private static SyncObject pagingFence(DxgObject queue) {
        if (queue == null) {
            return null;
        }
        for (DxgObject o : queue.children()) {
            if (o instanceof SyncObject s && s.kind() == SyncObject.Kind.PAGING_FENCE) {
                return s;
            }
        }
        return null;
    }

    private void complete(int index, long seq) {
        ops.completed(index, seq);
        for (int k = 0, n = ops.allocationCount(index); k < n; k++) {
            Allocation a = ops.allocation(index, k);
            if (a.residencyAtEnd() == Residency.PENDING) {
                transition(a, seq, ops.discards(index, k) ? Residency.DISCARDED : Residency.RESIDENT);
            }
        }
    }

    @Override
    public void reached(Fence fence, long value, long seq) {
        List<Integer> list = waiting.get(fence);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            int index = list.get(i);
            if (ops.pagingFenceValue(index) <= value) {
                complete(index, seq);
                list.remove(i--);
            }
        }
    }

    /**
     * The allocations an Offer or Reclaim names: its allocation handles, or every allocation of
     * the resources it names (the call takes one or the other). {@link #namedBy} says which handle
     * named each, since a Reclaim's results are per handle.
     */
    private List<Allocation> offered(IoctlCall c, DxgProcess p) {
        IoctlCall.Buffer handles = c.buffer("allocations", false, -1, handlesBuffer);
        boolean byResource = handles.u32Count() == 0;
        if (byResource) {
            handles = c.buffer("resources", false, -1, handlesBuffer);
        }
        List<Allocation> list = allocationList;
        list.clear();
        unknownHandles = uncaptured(handles, c.u32In("allocation_count"));
        for (int i = 0; i < handles.u32Count(); i++) {
            DxgObject o = objects.resolve(p, Integer.toUnsignedLong(handles.u32(i)));
            if (byResource ? o == null || o.type() != ObjectType.RESOURCE : !(o instanceof Allocation)) {
                unknownHandles++;
            }
            for (DxgObject x : o == null ? List.<DxgObject>of() : byResource ? o.children() : List.of(o)) {
                if (x instanceof Allocation a) {
                    if (list.size() == namedBy.length) {
                        namedBy = java.util.Arrays.copyOf(namedBy, list.size() * 2);
                    }
                    namedBy[list.size()] = i;
                    list.add(a);
                }
            }
        }
        return list;
    }

    private void offer(IoctlCall c, DxgProcess p) {
        List<Allocation> list = offered(c, p);
        DxgObject device = objects.resolve(p, c.u32In("device"));
        int group = group(list);
        long luid = device != null ? device.luid() : 0;
        add(ResidencyOp.Kind.OFFER, c, p, null, list, 0, c.succeeded() ? c.leaveSeq() : DxgObject.ALIVE, -1,
                usage(p, luid, group), budget(p.pid(), luid, group), group);
        if (c.succeeded()) {
            for (Allocation a : list) {
                transition(a, c.leaveSeq(), Residency.OFFERED);
            }
        }
    }

    /**
     * Reclaimed allocations are resident again (pending on the paging fence when the call returned
     * STATUS_PENDING), DISCARDED when the host dropped their content (result 1, also kept on the op);
     * one the host reports NOT_COMMITTED (result 2) is not resident.
     */
    private void reclaim(IoctlCall c, DxgProcess p) {
        List<Allocation> list = offered(c, p);
        DxgObject queue = objects.resolve(p, c.u32In("paging_queue"));
        int group = group(list);
        long luid = queue != null ? queue.luid() : list.isEmpty() ? 0 : list.get(0).luid();
        long fenceValue = c.succeeded() ? c.u64Out("paging_fence_value") : 0;
        long pagingFenceValue = fenceValue == IoctlCall.UNKNOWN ? 0 : fenceValue;
        boolean pending = c.ret() == Names.STATUS_PENDING;
        int op = add(ResidencyOp.Kind.RECLAIM, c, p, queue, list, pagingFenceValue,
                c.ret() == 0 ? c.leaveSeq() : DxgObject.ALIVE, -1, usage(p, luid, group), budget(p.pid(), luid, group),
                group);
        if (c.failed()) {
            return;
        }
        IoctlCall.Buffer results = c.buffer("results", true, -1, statesBuffer);
        int[] discarded = new int[list.size()];
        int discards = 0;
        for (int k = 0; k < list.size(); k++) {
            int i = namedBy[k]; /* one result per handle the call named */
            int result = i < results.u32Count() ? results.u32(i) : 0;
            if (result == RECLAIM_DISCARDED) {
                discarded[discards++] = k;
            }
            transition(list.get(k), c.leaveSeq(), result == RECLAIM_NOT_COMMITTED ? Residency.NOT_RESIDENT
                    : pending ? Residency.PENDING : result == RECLAIM_DISCARDED ? Residency.DISCARDED
                    : Residency.RESIDENT);
        }
        ops.discarded(op, java.util.Arrays.copyOf(discarded, discards));
        if (pending) {
            untilPagingFence(op, c, p, queue, pagingFenceValue);
        }
    }

    private void evict(IoctlCall c, DxgProcess p) {
        List<Allocation> list = allocations(p, c.buffer("allocations", false, -1, handlesBuffer),
                c.u32In("alloc_count"));
        DxgObject device = objects.resolve(p, c.u32In("device"));
        int group = group(list);
        long luid = device != null ? device.luid() : 0;
        long trim = c.succeeded() ? c.u64Out("num_bytes_to_trim") : -1;
        add(ResidencyOp.Kind.EVICT, c, p, null, list, 0, c.succeeded() ? c.leaveSeq() : DxgObject.ALIVE, trim,
                usage(p, luid, group), budget(p.pid(), luid, group), group);
        if (c.succeeded()) {
            for (Allocation a : list) {
                transition(a, c.leaveSeq(), Residency.EVICTED);
            }
        }
    }

    private void query(IoctlCall c, DxgProcess p) {
        if (!c.succeeded()) {
            return;
        }
        List<Allocation> list = new ArrayList<>();
        IoctlCall.Buffer handles = c.buffer("allocations", false, -1, handlesBuffer);
        if (handles.u32Count() > 0) {
            for (int i = 0; i < handles.u32Count(); i++) {
                list.add(objects.resolve(p, Integer.toUnsignedLong(handles.u32(i))) instanceof Allocation a ? a : null);
            }
        } else {
            DxgObject r = objects.resolve(p, c.u32In("resource"));
            if (r != null) {
                for (DxgObject o : r.children()) {
                    list.add(o instanceof Allocation a ? a : null);
                }
            }
        }
        IoctlCall.Buffer states = c.buffer("residency_status", true, -1, statesBuffer);
        for (int i = 0; i < list.size() && i < states.u32Count(); i++) {
            Allocation a = list.get(i);
            if (a == null) {
                continue;
            }
            int state = states.u32(i);
            switch (state) {
                case Names.RESIDENT_IN_GPU_MEMORY, Names.RESIDENT_IN_SHARED_MEMORY -> {
                    if (a.segmentGroup() < 0) {
                        a.setSegmentGroup(state == Names.RESIDENT_IN_GPU_MEMORY ? 0 : 1,
                                Allocation.Source.RESIDENCY_QUERY);
                    }
                    transition(a, c.leaveSeq(), Residency.RESIDENT);
                }
                case Names.NOT_RESIDENT -> {
                    Residency before = a.residencyAtEnd();
                    if (before.resident()) {
                        long since = a.residencySeq(a.residencyTransitions() - 1);
                        int op = madeRoomBy(a, since, c.leaveSeq());
                        long at = op < 0 ? c.leaveSeq() : ops.leaveSeq(op);
                        evictions.add(new Eviction(at, c.leaveSeq(), a, since, op < 0 ? -1 : ops.seq(op)));
                        transition(a, at, Residency.NOT_RESIDENT);
                    } else {
                        transition(a, c.leaveSeq(), Residency.NOT_RESIDENT);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * When an eviction the query revealed most likely happened: the memory manager makes room for a
     * MakeResident, so at the first MakeResident of the same process and segment group after the
     * allocation became resident that needed room (its bytes took the usage past the known budget)
     * and has not been given that room by other evictions yet: that operation's index, or -1
     * without one (or without a known budget), when the query's own seq is used.
     */
    private int madeRoomBy(Allocation a, long since, long query) {
        for (int i = 0; i < ops.size(); i++) {
            if (ops.kind(i) != ResidencyOp.Kind.MAKE_RESIDENT || ops.ret(i) < 0
                    || ops.processIndex(i) != a.process().index() || ops.segmentGroup(i) != a.segmentGroup()
                    || ops.leaveSeq(i) <= since || ops.leaveSeq(i) > query || ops.budget(i) < 0 || ops.names(i, a)) {
                continue;
            }
            long need = ops.usageBefore(i) + ops.bytes(i) - ops.budget(i) - roomGiven.getOrDefault(i, 0L);
            if (need > 0) {
                roomGiven.merge(i, Math.max(0, a.size()), Long::sum);
                return i;
            }
        }
        return -1;
    }

    private void videoMemoryInfo(IoctlCall c, DxgProcess p) {
        if (!c.succeeded()) {
            return;
        }
        DxgObject adapter = objects.resolveAdapter(p, c.u32In("adapter"));
        long process = c.u64In("process");
        int pid = process == 0 || process == IoctlCall.UNKNOWN ? p.pid() : (int) process;
        budgets.add(new Budget(c.leaveSeq(), pid, pid == p.pid() ? p : objects.existing(pid),
                adapter != null ? adapter.luid() : 0,
                (int) c.u32In("memory_segment_group"), c.u64Out("budget"), c.u64Out("current_usage"), c.name()));
    }

    void onDeviceSample(Event.DeviceSample e) {
        if (e.kind() != 2 || e.errno() != 0 || e.body().remaining() < 40) {
            return;
        }
        ByteBuffer b = e.body();
        int at = b.position();
        Budget sample = new Budget(e.seq(), e.pid(), objects.existing(e.pid()), e.luid(), b.getInt(at), b.getLong(at + 8),
                b.getLong(at + 16), Budget.DEVICE_SAMPLE);
        int last = budgets.size() - 1;
        if (last >= 0 && sample.reports(budgets.get(last))) {
            budgets.remove(last); /* the sampler's own query, which this sample reports: one fact, listed once */
        }
        budgets.add(sample);
    }

    private long budget(int pid, long luid, int group) {
        for (int i = budgets.size() - 1; i >= 0; i--) {
            Budget b = budgets.get(i);
            if (b.appliesTo(pid, luid, group)) {
                return b.budget();
            }
        }
        return -1;
    }

    private long usage(DxgProcess p, long luid, int group) {
        Line line = line(p, luid, Math.max(group, 0), false);
        return line == null ? 0 : line.bytes;
    }

    private void transition(Allocation a, long seq, Residency state) {
        Residency before = a.setResidency(seq, state);
        if (before.resident() != state.resident()) {
            account(a, seq, state.resident() ? a.size() : -a.size());
        }
    }

    /** The line of a process, adapter and segment group; made when {@code make}, else null if none. */
    private Line line(DxgProcess p, long luid, int group, boolean make) {
        while (linesByProcess.size() <= p.index()) {
            linesByProcess.add(null);
        }
        List<Line> own = linesByProcess.get(p.index());
        for (int i = 0; own != null && i < own.size(); i++) {
            Line l = own.get(i);
            if (l.key.luid() == luid && l.key.segmentGroup() == group) {
                return l;
            }
        }
        if (!make) {
            return null;
        }
        if (own == null) {
            own = new ArrayList<>(2);
            linesByProcess.set(p.index(), own);
        }
        Line l = new Line(new Key(p, luid, group));
        own.add(l);
        lines.add(l);
        return l;
    }

    /** Resident bytes change; allocations of unknown size do not count (unknown is not zero, nor a guess). */
    private void account(Allocation a, long seq, long delta) {
        if (a.size() < 0) {
            return;
        }
        int group = Math.max(a.segmentGroup(), 0);
        Line line = a.residencyLine instanceof Line cached && cached.key.segmentGroup() == group ? cached
                : line(a.process(), a.luid(), group, true);
        a.residencyLine = line;
        line.bytes += delta;
        Series series = line.series;
        if (series.size() > 0 && seq < series.seq(series.size() - 1)) {
            series.shift(seq, delta); /* an eviction placed before later changes: they all move */
        } else {
            series.add(seq, line.bytes);
        }
    }

    @Override
    public void destroyed(DxgObject o, long seq) {
        if (o instanceof Allocation a && a.residencyAtEnd().resident()) {
            account(a, seq, -a.size());
        }
    }
}
