package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.analysis.ErrorAnalysis;
import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.analysis.ResidencyAnalysis;
import dev.dxgscope.model.analysis.SyncAnalysis;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DestroyReason;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.Eviction;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.model.state.Residency;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.SharedObject;
import dev.dxgscope.model.state.Signal;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.VmbusMessage;
import dev.dxgscope.model.state.Wait;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reference workload (native-probe/workloads/README.md) recorded on the simulator: the model
 * must reconstruct exactly its documented ground truth.
 */
class GroundTruthTest {
    private static final long MIB = 1 << 20;

    @TempDir
    static Path dir;

    private static CaptureModel render;
    private static CaptureModel compute;
    private static CaptureModel sharer;
    private static CaptureModel stuck;
    private static CaptureModel storm;
    private static Path stormFile;
    private static CaptureModel many;
    /** many-objects' COUNT and BATCH: 9 batches, the last one short. */
    private static final int MANY = 4300;
    private static final int BATCH = 500;
    private static final int CALLS = (MANY + BATCH - 1) / BATCH;

    @BeforeAll
    static void record() throws Exception {
        render = Workloads.load(Workloads.record(dir, "render-loop", "5", "1"));
        compute = Workloads.load(Workloads.record(dir, "compute-pressure"));
        sharer = Workloads.load(Workloads.record(dir, "leaky-sharer"));
        stuck = Workloads.load(Workloads.record(dir, "stuck-wait", "0"));
        stormFile = Workloads.record(dir, "error-storm");
        storm = Workloads.load(stormFile);
        many = Workloads.load(Workloads.record(dir, "many-objects", Integer.toString(MANY), Integer.toString(BATCH)));
    }

    private static List<DxgObject> of(DxgProcess p, ObjectType type) {
        return p.objects().stream().filter(o -> o.type() == type).toList();
    }

    private static Map<ObjectType, Long> counts(DxgProcess p) {
        return p.objects().stream().collect(Collectors.groupingBy(DxgObject::type, Collectors.counting()));
    }

    private static DxgProcess only(CaptureModel m) {
        List<DxgProcess> ps = m.dxgProcesses();
        assertEquals(1, ps.size(), "dxg processes");
        return ps.get(0);
    }

    private static void healthy(CaptureModel m) {
        List<Diagnostic> bad = m.diagnostics().stream().filter(d -> d.severity() != Diagnostic.Severity.INFO).toList();
        assertEquals(List.of(), bad, "capture health");
        assertNotNull(m.end(), "END record");
        assertEquals(0, m.lostEvents());
    }

    /**
     * many-objects: COUNT device-owned 64 KiB NON_LOCAL allocations made in CreateAllocation calls of
     * BATCH, all alive at once, destroyed in DestroyAllocation2 calls of BATCH oldest first; nothing
     * resident, nothing left.
     */
    @Test
    void manyObjects() {
        healthy(many);
        DxgProcess p = only(many);
        assertEquals(0, p.exitStatus());
        Map<ObjectType, Long> n = counts(p);
        assertEquals(Map.of(ObjectType.ADAPTER, 2L, ObjectType.DEVICE, 1L, ObjectType.ALLOCATION, (long) MANY), n,
                "both adapters enumerated, one device, the allocations, nothing else");
        DxgObject device = of(p, ObjectType.DEVICE).get(0);
        DxgObject other = of(p, ObjectType.ADAPTER).stream().filter(a -> a != device.parent()).findFirst().orElseThrow();
        assertEquals(ObjectType.ADAPTER, device.parent().type());
        assertTrue(other.destroyedSeq() < device.createdSeq(), "the compute adapter is closed at once");
        List<DxgObject> allocs = of(p, ObjectType.ALLOCATION);
        for (DxgObject o : allocs) {
            Allocation a = (Allocation) o;
            assertEquals(64 << 10, a.size());
            assertEquals(1, a.segmentGroup(), "NON_LOCAL");
            assertEquals(device, a.parent(), "device-owned");
            assertEquals(DestroyReason.CALL, a.destroyReason());
            assertEquals(Residency.UNKNOWN, a.residencyAtEnd(), "never made resident");
        }
        /* In creation order: allocation i came from create call i / BATCH and went in destroy call i / BATCH. */
        List<Long> creates = allocs.stream().map(DxgObject::createdSeq).distinct().toList();
        List<Long> destroys = allocs.stream().map(DxgObject::destroyedByCall).distinct().toList();
        assertEquals(CALLS, creates.size(), "CreateAllocation calls");
        assertEquals(CALLS, destroys.size(), "DestroyAllocation2 calls");
        for (int i = 0; i < MANY; i++) {
            assertEquals(creates.get(i / BATCH), allocs.get(i).createdSeq(), "allocation " + i);
            assertEquals(destroys.get(i / BATCH), allocs.get(i).destroyedByCall(), "allocation " + i + ", oldest first");
        }
        assertTrue(creates.get(CALLS - 1) < destroys.get(0), "every create before the first destroy");
        assertEquals(CALLS, many.callStats().get("LX_DXCREATEALLOCATION").calls());
        assertEquals(CALLS, many.callStats().get("LX_DXDESTROYALLOCATION2").calls());
        long peak = destroys.get(0); /* the first DestroyAllocation2 entered, not yet returned */
        assertEquals(MANY, many.at(peak).objects(p).stream().filter(o -> o.type() == ObjectType.ALLOCATION).count(),
                "all alive between the last create and the first destroy");
        assertEquals(MANY - BATCH, many.at(allocs.get(0).destroyedSeq()).objects(p).stream()
                .filter(o -> o.type() == ObjectType.ALLOCATION).count(), "the first batch destroyed");
        assertTrue(many.residencyOps().isEmpty());
        assertTrue(many.failedCalls().isEmpty());
        assertTrue(many.sharedObjects().isEmpty());
        assertTrue(Leaks.ofCapture(many).objects().isEmpty());

        /* At the peak, one leak: the render adapter's tree, and inside it the allocations made again and again */
        Leaks.Result atPeak = Leaks.at(many, peak);
        DxgObject adapter = device.parent();
        List<Leaks.Ranked> rows = atPeak.ranked();
        assertEquals(1, rows.size(), "one row: " + rows.stream().map(Leaks.Ranked::summary).toList());
        Leaks.Suspect tree = (Leaks.Suspect) rows.get(0);
        assertEquals(adapter, tree.object());
        assertEquals(Leaks.Reason.ALIVE, tree.reason());
        assertEquals(MANY + 2, tree.count(), "the adapter, the device and the allocations");
        assertEquals(MANY * (64L << 10), tree.retainedBytes());
        List<Leaks.Suspect> inside = atPeak.below(tree);
        assertEquals(1, inside.size());
        Leaks.Suspect loop = inside.get(0);
        assertEquals(Leaks.Reason.CREATED_IN_LOOP, loop.reason());
        assertEquals(allocs.get(0), loop.object(), "the first of them");
        assertEquals(MANY, loop.count());
        assertEquals(MANY * (64L << 10), loop.retainedBytes());
        assertEquals(MANY + " x allocation created by LX_DXCREATEALLOCATION in " + p.label()
                + ", all alive at the chosen moment", loop.summary(), "not \"never destroyed\": they were, later");
        assertEquals(List.of(tree, loop), atPeak.suspects(), "both are listed; the loop is part of the tree");
        List<DxgObject> kept = atPeak.retainedObjects(tree);
        assertEquals(MANY + 2, kept.size(), "what the tree keeps is listed, as many as it counts");
        assertEquals(List.of(adapter, device), kept.subList(0, 2), "in the order they were made");
        assertTrue(kept.subList(2, kept.size()).stream().allMatch(o -> o.type() == ObjectType.ALLOCATION));
        assertEquals(kept.subList(2, kept.size()), atPeak.retainedObjects(loop), "the loop keeps only its allocations");
        Leaks.Group allocations = atPeak.groups().get(0);
        assertEquals(ObjectType.ALLOCATION, allocations.type());
        assertEquals(kept.subList(2, kept.size()), atPeak.objectsOf(allocations));
    }

    @Test
    void renderLoop() {
        healthy(render);
        DxgProcess p = only(render);
        assertEquals(0, p.exitStatus());
        Map<ObjectType, Long> n = counts(p);
        assertEquals(1, n.get(ObjectType.DEVICE));
        assertEquals(2, n.get(ObjectType.CONTEXT));
        assertNull(n.get(ObjectType.HW_QUEUE));
        assertEquals(1, n.get(ObjectType.PAGING_QUEUE));
        assertEquals(8, n.get(ObjectType.ALLOCATION));
        assertNull(n.get(ObjectType.RESOURCE));
        assertEquals(1, n.get(ObjectType.SYNC_OBJECT));
        assertEquals(1, n.get(ObjectType.QUEUE_FENCE), "the paging fence");
        DxgObject device = of(p, ObjectType.DEVICE).get(0);
        List<DxgObject> allocs = of(p, ObjectType.ALLOCATION);
        long created = allocs.get(0).createdSeq();
        long destroyedBy = allocs.get(0).destroyedByCall();
        for (DxgObject o : allocs) {
            Allocation a = (Allocation) o;
            assertEquals(4 * MIB, a.size());
            assertEquals(0, a.segmentGroup(), "LOCAL");
            assertEquals(device, a.parent(), "device-owned");
            assertEquals(created, a.createdSeq(), "one CreateAllocation call");
            assertEquals(DestroyReason.CALL, a.destroyReason());
            assertEquals(destroyedBy, a.destroyedByCall(), "one DestroyAllocation2 call");
        }
        for (DxgObject o : p.objects()) {
            assertFalse(o.aliveAtEnd(), o + " alive");
            assertTrue(o.destroyReason().explicit(), o + " " + o.destroyReason());
        }
        SyncObject fence = (SyncObject) of(p, ObjectType.SYNC_OBJECT).get(0);
        assertEquals(5, fence.syncType(), "monitored fence");
        assertEquals(5, fence.fence().lastValue(), "final value = FRAMES");
        assertEquals(1, render.residencyOps().size());
        ResidencyOp op = render.residencyOps().get(0);
        assertEquals(8, op.allocations().size());
        assertEquals(32 * MIB, op.bytes());
        assertFalse(op.failed());
        assertTrue(render.evictions().isEmpty());
        List<Wait> fenceWaits = render.waits().stream().filter(w -> w.object() == fence).toList();
        assertEquals(5, fenceWaits.size());
        for (int i = 0; i < 5; i++) {
            Wait w = fenceWaits.get(i);
            assertEquals(i + 1, w.value());
            assertEquals(Wait.Outcome.SATISFIED, w.outcome());
            assertEquals(Signal.Kind.GPU, w.satisfiedBy().kind());
            assertEquals(i + 1, w.satisfiedBy().value());
        }
        assertTrue(render.waits().stream().allMatch(w -> w.outcome() == Wait.Outcome.SATISFIED));
        assertEquals(5, render.signals().stream().filter(s -> s.kind() == Signal.Kind.GPU).count());
        assertTrue(render.failedCalls().isEmpty());
        assertTrue(render.sharedObjects().isEmpty());
        Leaks.Result leaks = Leaks.ofCapture(render);
        assertTrue(leaks.objects().isEmpty(), "no leaks: " + leaks.objects());
        assertTrue(leaks.suspects().isEmpty());
    }

    @Test
    void computePressure() {
        healthy(compute);
        DxgProcess p = only(compute);
        Map<ObjectType, Long> n = counts(p);
        assertEquals(1, n.get(ObjectType.DEVICE));
        assertEquals(1, n.get(ObjectType.CONTEXT));
        assertEquals(1, n.get(ObjectType.HW_QUEUE));
        assertEquals(1, n.get(ObjectType.PAGING_QUEUE));
        assertEquals(2, n.get(ObjectType.QUEUE_FENCE), "progress fence and paging fence");
        assertEquals(25, n.get(ObjectType.ALLOCATION));
        List<DxgObject> allocs = of(p, ObjectType.ALLOCATION);
        for (int i = 0; i < 24; i++) {
            assertEquals(16 * MIB, ((Allocation) allocs.get(i)).size());
            assertEquals(0, ((Allocation) allocs.get(i)).segmentGroup());
        }
        Allocation big = (Allocation) allocs.get(24);
        assertEquals(300 * MIB, big.size());
        assertTrue(p.objects().stream().allMatch(o -> o.destroyReason() == DestroyReason.CALL
                || o.destroyReason() == DestroyReason.PARENT), "everything destroyed by the workload");

        List<ResidencyOp> ops = compute.residencyOps();
        assertEquals(7, ops.size());
        long[] usage = {0, 64, 128, 192, 256, 256};
        for (int g = 0; g < 6; g++) {
            ResidencyOp op = ops.get(g);
            assertFalse(op.failed(), "group " + g);
            assertEquals(4, op.allocations().size());
            assertEquals(64 * MIB, op.bytes());
            assertEquals(usage[g] * MIB, op.usageBefore(), "usage before group " + (g + 1));
            assertEquals(256 * MIB, op.budget());
            assertTrue(op.completedSeq() != DxgObject.ALIVE, "paging fence reached");
        }
        ResidencyOp fail = ops.get(6);
        assertTrue(fail.failed());
        assertEquals(12, fail.errno(), "ENOMEM");
        assertEquals(List.of(big), fail.allocations());
        assertEquals(256 * MIB, fail.budget());
        assertEquals(256 * MIB, fail.usageBefore());

        List<Eviction> ev = compute.evictions();
        assertEquals(8, ev.size(), "allocations 0-7 evicted by the memory manager");
        for (int i = 0; i < 8; i++) {
            assertEquals(allocs.get(i), ev.get(i).allocation());
            assertEquals(ops.get(i < 4 ? 4 : 5).leaveSeq(), ev.get(i).seq(), "evicted to make room for group "
                    + (i < 4 ? 5 : 6));
            assertEquals(ops.get(i < 4 ? 4 : 5).seq(), ev.get(i).makeResidentSeq(), "the row of that MakeResident");
            assertTrue(ev.get(i).inferred());
        }
        long afterGroup6 = ops.get(5).completedSeq();
        for (int i = 0; i < 24; i++) {
            Residency r = ((Allocation) allocs.get(i)).residencyAt(ops.get(6).seq());
            assertEquals(i >= 8, r.resident(), "allocation " + i + " after the groups: " + r);
        }
        assertTrue(afterGroup6 < ops.get(6).seq());
        ResidencyAnalysis.Result res = ResidencyAnalysis.of(compute);
        assertEquals(1, res.lines().size());
        assertEquals(256 * MIB, res.lines().get(0).peakBytes(), "never more than the budget resident");
        assertFalse(res.lines().get(0).overBudget());
        assertTrue(res.churn().isEmpty());

        SyncObject progress = (SyncObject) p.objects().stream().filter(o -> o instanceof SyncObject s
                && s.kind() == SyncObject.Kind.PROGRESS_FENCE).findFirst().orElseThrow();
        assertEquals(8, compute.signals().stream().filter(s -> s.kind() == Signal.Kind.QUEUE_PROGRESS).count());
        List<Wait> pw = compute.waits().stream().filter(w -> w.object() == progress).toList();
        assertEquals(1, pw.size());
        assertEquals(8, pw.get(0).value());
        assertEquals(Wait.Outcome.SATISFIED, pw.get(0).outcome());
        assertEquals(8, progress.fence().lastValue());

        assertEquals(1, compute.failedCalls().size());
        FailedCall f = compute.failedCalls().get(0);
        assertEquals("LX_DXMAKERESIDENT", f.call());
        assertEquals(12, f.errno());
        assertEquals(0xC0000017, f.hostStatus(), "STATUS_NO_MEMORY from the host");
        assertFalse(f.lines().isEmpty(), "the dmesg line is linked");
        assertTrue(f.lines().stream().anyMatch(l -> l.text().contains("Ioctl failed: -12")));
        assertNotNull(f.hint());
        assertTrue(Leaks.ofCapture(compute).objects().isEmpty());
    }

    @Test
    void compareSplitsComputePressureIntoItsBuildUpAndItsTeardown() {
        DxgProcess p = only(compute);
        List<DxgObject> allocs = of(p, ObjectType.ALLOCATION);
        long built = allocs.get(23).createdSeq(); /* the last 16 MiB allocation */
        long end = compute.timeline().lastSeq();

        List<Leaks.Change> up = Leaks.compare(compute, 0, built);
        assertEquals(new Leaks.Change(p, "allocation", 0, 24, 0, 24, 0, 384 * MIB), up.get(0),
                "the most growth in bytes first: " + up);
        assertEquals(new Leaks.Change(p, "adapter", 0, 2, 1, 1, 0, 0),
                up.stream().filter(c -> c.kind().equals("adapter")).findFirst().orElseThrow(),
                "EnumAdapters3 opens a handle on each of the two adapters; the workload closes the one it does not use");
        for (Leaks.Change c : up) {
            if (c.kind().equals("adapter")) {
                continue;
            }
            assertEquals(0, c.before(), c.toString());
            assertEquals(0, c.destroyed(), "nothing is destroyed while the workload builds up: " + c);
            assertEquals(c.created(), c.after(), c.toString());
        }
        Map<String, Integer> made = new java.util.HashMap<>();
        up.forEach(c -> made.put(c.kind(), c.created()));
        assertEquals(Map.of("adapter", 2, "device", 1, "context", 1, "hardware queue", 1, "paging queue", 1,
                "queue fence", 2, "allocation", 24, Leaks.DEVICE_FD, 1), made, "the open of /dev/dxg counts too");

        List<Leaks.Change> down = Leaks.compare(compute, built, end);
        assertEquals(new Leaks.Change(p, "allocation", 24, 1, 25, 0, 384 * MIB, 0),
                down.stream().filter(c -> c.kind().equals("allocation")).findFirst().orElseThrow(),
                "the 300 MiB allocation is made and destroyed in between: it counts on both sides");
        assertEquals(-384 * MIB, down.get(down.size() - 1).bytesDelta(), "the most shrinkage last: " + down);
        for (Leaks.Change c : down) {
            assertEquals(0, c.after(), "everything is torn down by the end: " + c);
            assertEquals(c.before() + c.created(), c.destroyed(), c.toString());
        }
        assertTrue(Leaks.compare(compute, end, end).isEmpty(), "nothing happens in an empty interval");
    }

    /** The report's resident-bytes lines and budgets name their adapter as the adapters section does, so they join. */
    @Test
    @SuppressWarnings("unchecked")
    void residencyLinesAndBudgetsNameTheirAdapterAsTheAdaptersSectionDoes() {
        Map<String, Object> r = new dev.dxgscope.model.report.ReportBuilder(compute, "compute-pressure")
                .build(null, null, java.util.Set.of("adapters", "residency"));
        List<Map<String, Object>> adapters = (List<Map<String, Object>>) r.get("adapters");
        List<Map<String, Object>> lines = (List<Map<String, Object>>) ((Map<String, Object>) r.get("residency"))
                .get("lines");
        assertFalse(lines.isEmpty());
        for (Map<String, Object> line : lines) {
            assertTrue(adapters.stream().anyMatch(a -> a.get("luid").equals(line.get("luid"))), line.toString());
            assertTrue(((String) line.get("luid")).matches("0x[0-9a-f]{8}:0x[0-9a-f]{8}"), line.toString());
        }
        List<Map<String, Object>> budgets = (List<Map<String, Object>>) ((Map<String, Object>) r.get("residency"))
                .get("budgets");
        assertFalse(budgets.isEmpty(), "compute-pressure asks for its budget");
        for (Map<String, Object> b : budgets) {
            assertEquals(256 * MIB, b.get("budget"), b.toString());
            assertEquals("LX_DXQUERYVIDEOMEMORYINFO", b.get("source"));
            assertEquals("LOCAL", b.get("segment_group"));
            assertTrue(adapters.stream().anyMatch(a -> a.get("luid").equals(b.get("luid"))), b.toString());
        }
    }

    /**
     * compute-pressure with the seqs of the failed MakeResident's reply and of its return swapped,
     * as when the collector reads the host's reply after the call: the host status still reaches
     * the call, and counts as a change of it (a live Log makes its rows again on it).
     */
    @Test
    void aHostStatusReadAfterItsCallReachesItAndCountsAsAChange() throws Exception {
        FailedCall f = compute.failedCalls().get(0);
        VmbusMessage reply = null;
        for (int i = 0; i < compute.vmbus().size(); i++) {
            VmbusMessage v = compute.vmbus().row(i);
            if (v.cause() == f.seq() && v.status() == 0xC0000017) {
                reply = v;
            }
        }
        assertNotNull(reply, "the host's STATUS_NO_MEMORY reply");
        long replySeq = reply.seq();
        long leaveSeq = f.leaveSeq();
        assertTrue(replySeq < leaveSeq, "the simulator's reply is read before the call returns");
        assertEquals(0, compute.failedCallChanges());
        Path late = dir.resolve("compute-pressure-late-reply.dxgcap");
        try (CaptureFile in = CaptureFile.open(dir.resolve("compute-pressure.dxgcap"));
                CaptureWriter out = new CaptureWriter(late)) {
            RecordCursor c = in.records();
            while (c.next()) {
                long seq = c.seq() == replySeq ? leaveSeq : c.seq() == leaveSeq ? replySeq : c.seq();
                out.append(c.kindCode(), seq, c.timestampNs(), c.pid(), c.tid(), c.payload());
            }
        }
        CaptureModel m = Workloads.load(late);
        assertEquals(1, m.failedCalls().size());
        assertEquals(0xC0000017, m.failedCalls().get(0).hostStatus(), "STATUS_NO_MEMORY, read after the call");
        assertEquals(1, m.failedCallChanges());
    }

    @Test
    void leakySharer() {
        healthy(sharer);
        List<DxgProcess> ps = sharer.dxgProcesses();
        assertEquals(2, ps.size());
        DxgProcess a = ps.get(0);
        DxgProcess b = ps.get(1);
        assertEquals(a.pid(), b.parentPid(), "B is A's child");
        assertEquals(0, a.exitStatus());
        assertEquals(0, b.exitStatus());

        assertEquals(1, of(a, ObjectType.DEVICE).size());
        assertEquals(1, of(a, ObjectType.RESOURCE).size());
        assertEquals(2, of(a, ObjectType.ALLOCATION).size());
        assertEquals(1, of(a, ObjectType.SYNC_OBJECT).size());
        DxgObject resource = of(a, ObjectType.RESOURCE).get(0);
        for (DxgObject o : of(a, ObjectType.ALLOCATION)) {
            assertEquals(4 * MIB, ((Allocation) o).size());
            assertEquals(0, ((Allocation) o).segmentGroup());
            assertEquals(resource, o.parent(), "owned by the shared resource");
        }
        for (DxgObject o : a.objects()) {
            if (o.type() == ObjectType.ADAPTER && o.destroyReason() == DestroyReason.CALL) {
                continue; /* the adapter handles the prologue closes */
            }
            assertEquals(DestroyReason.PROCESS_TEARDOWN, o.destroyReason(), o.describe());
            assertEquals(a.exitSeq(), o.destroyedSeq(), "freed at A's exit: " + o.describe());
        }
        List<FdRef> shares = a.fds().stream().filter(f -> f.origin() == FdRef.Origin.SHARE).toList();
        assertEquals(2, shares.size(), "R and F");
        shares.forEach(f -> assertEquals(FdRef.CloseReason.EXIT, f.closeReason()));

        assertEquals(1, of(b, ObjectType.DEVICE).size());
        assertEquals(1, of(b, ObjectType.CONTEXT).size());
        DxgObject opened = of(b, ObjectType.RESOURCE).get(0);
        assertTrue(opened.opened());
        assertEquals(resource.shared(), opened.shared());
        assertEquals(DestroyReason.CALL, opened.destroyReason(), "B destroys the opened resource");
        List<DxgObject> bAllocs = of(b, ObjectType.ALLOCATION);
        assertEquals(4, bAllocs.size(), "2 opened + 2 own");
        for (DxgObject o : bAllocs) {
            Allocation al = (Allocation) o;
            if (o.parent() == opened) {
                assertEquals(4 * MIB, al.size());
                assertEquals(DestroyReason.PARENT, o.destroyReason());
            } else {
                assertEquals(2 * MIB, al.size());
                assertEquals(1, al.segmentGroup(), "NON_LOCAL");
                assertEquals(DestroyReason.PROCESS_TEARDOWN, o.destroyReason());
            }
        }
        DxgObject bFence = of(b, ObjectType.SYNC_OBJECT).get(0);
        assertTrue(bFence.opened());
        assertEquals(DestroyReason.PROCESS_TEARDOWN, bFence.destroyReason());
        List<FdRef> received = b.fds().stream().filter(f -> f.origin() == FdRef.Origin.RECEIVED).toList();
        assertEquals(2, received.size(), "R' and F'");
        assertEquals(FdRef.CloseReason.CLOSE, received.get(0).closeReason(), "B closes R'");
        assertEquals(FdRef.CloseReason.EXIT, received.get(1).closeReason(), "F' stays open until B exits");
        assertTrue(b.fds().stream().filter(f -> f.origin() == FdRef.Origin.INHERITED)
                .allMatch(f -> f.closeReason() == FdRef.CloseReason.CLOSE), "B closes what it inherited");

        assertEquals(2, sharer.sharedObjects().size());
        SharedObject sharedResource = resource.shared();
        SharedObject sharedFence = of(a, ObjectType.SYNC_OBJECT).get(0).shared();
        assertEquals(a.exitSeq(), sharedResource.destroyedSeq(), "the shared resource dies at A's exit");
        assertEquals(b.exitSeq(), sharedFence.destroyedSeq(), "B keeps the shared fence alive until its exit");
        assertEquals(Math.max(bFence.destroyedSeq(), sharedFence.destroyedSeq()), ((SyncObject) bFence).fence().goneSeq(),
                "the fence goes with the last thing naming it (B's object, the share B kept), not with A's object");
        assertTrue(((SyncObject) bFence).fence().goneSeq() > of(a, ObjectType.SYNC_OBJECT).get(0).destroyedSeq());

        Leaks.Result leaks = Leaks.ofCapture(sharer);
        Map<Leaks.Reason, Long> reasons = leaks.suspects().stream()
                .collect(Collectors.groupingBy(Leaks.Suspect::reason, Collectors.counting()));
        assertEquals(1, reasons.get(Leaks.Reason.KEPT_ALIVE_BY_SHARE), "the shared fence outlived A");
        assertEquals(3, reasons.get(Leaks.Reason.FD_NEVER_CLOSED), "R and F in A, F' in B");
        Leaks.Suspect kept = leaks.suspects().stream().filter(s -> s.reason() == Leaks.Reason.KEPT_ALIVE_BY_SHARE)
                .findFirst().orElseThrow();
        assertEquals(sharedFence, kept.shared());
        assertEquals(b, kept.process(), "kept alive by B");
        assertTrue(leaks.objects().stream().noneMatch(o -> o == opened), "B released the opened resource");
        assertEquals(12 * MIB, leaks.totalBytes(), "A's 2 x 4 MiB and B's 2 x 2 MiB");
        List<Leaks.Owner> owners = leaks.owners();
        assertEquals(List.of(a, b), owners.stream().map(Leaks.Owner::process).toList(), "most bytes first");
        assertEquals(List.of(8 * MIB, 4 * MIB), owners.stream().map(Leaks.Owner::bytes).toList());
        assertEquals(List.of(6, 6), owners.stream().map(Leaks.Owner::count).toList(),
                "A: adapter handle, device, resource, 2 allocations, fence; B: adapter handle, device, opened fence, "
                        + "context, 2 allocations");
        assertTrue(sharer.waits().isEmpty());
        assertTrue(sharer.failedCalls().isEmpty());
        assertTrue(sharer.residencyOps().isEmpty());
    }

    /**
     * leaky-sharer run twice by a shell: each run leaks the same way in A and in B, so the 12
     * suspects recur as 6 leaks of the program: A's adapter tree (with the shared resource), B's
     * (with a context), the shared fence B keeps alive, A's share fd of the resource, A's share fd
     * of the fence, and B's received fence fd. A's two share fds come from one call but name different kinds of object, so they are two
     * leaks (two code paths to fix).
     */
    @Test
    void leakySharerRunTwiceRecursAsSixLeaksOfTheProgram() throws Exception {
        Path sh = Path.of("/bin/sh");
        String w = Workloads.DIST.resolve("workloads/leaky-sharer").toString();
        CaptureModel twice = Workloads.load(Workloads.recordProgram(dir, "leaky-sharer-twice", sh, "-c", w + " && " + w));
        healthy(twice);
        List<DxgProcess> ps = twice.dxgProcesses();
        assertEquals(4, ps.size(), "A and B, twice");
        Leaks.Result leaks = Leaks.ofCapture(twice);
        assertEquals(12, leaks.suspects().size(), "6 a run");
        List<Leaks.Recurrence> r = leaks.recurring();
        assertEquals(List.of("adapter (LX_DXENUMADAPTERS3) in 2 leaky-sharer processes, 16 MiB, holding device, resource,"
                + " allocation, sync object",
                "adapter (LX_DXENUMADAPTERS3) in 2 leaky-sharer processes, 8 MiB, holding device, context, allocation,"
                + " sync object",
                "shared sync object (LX_DXCREATESYNCHRONIZATIONOBJECT) in 2 leaky-sharer processes",
                "NT-handle fd of a resource (LX_DXSHAREOBJECTS) in 2 leaky-sharer processes",
                "NT-handle fd of a sync object (LX_DXSHAREOBJECTS) in 2 leaky-sharer processes",
                "NT-handle fd of a sync object (received over a socket (SCM_RIGHTS)) in 2 leaky-sharer processes"),
                r.stream().map(Leaks.Recurrence::summary).toList(),
                "most bytes, then most objects, then the reason's order (a share kept alive before an fd)");
        assertEquals(List.of(Leaks.Reason.NEVER_RELEASED, Leaks.Reason.NEVER_RELEASED, Leaks.Reason.KEPT_ALIVE_BY_SHARE,
                Leaks.Reason.FD_NEVER_CLOSED, Leaks.Reason.FD_NEVER_CLOSED, Leaks.Reason.FD_NEVER_CLOSED),
                r.stream().map(Leaks.Recurrence::reason).toList());
        for (Leaks.Recurrence fds : r.subList(3, 6)) {
            assertEquals(2, fds.suspects().size(), "one fd in each run: " + fds.summary());
            assertEquals(fds.what().endsWith("resource") ? ObjectType.RESOURCE : ObjectType.SYNC_OBJECT,
                    fds.suspects().get(0).shared().type(), fds.summary());
        }
        Leaks.Recurrence treesOfA = r.get(0);
        Leaks.Recurrence treesOfB = r.get(1);
        assertEquals(12, treesOfA.count(), "6 objects in each run's A");
        assertEquals(List.of(8 * MIB, 8 * MIB), treesOfA.suspects().stream().map(Leaks.Suspect::retainedBytes).toList());
        assertEquals(List.of(4 * MIB, 4 * MIB), treesOfB.suspects().stream().map(Leaks.Suspect::retainedBytes).toList());
        Set<DxgProcess> parents = Set.copyOf(treesOfA.processList());
        Set<DxgProcess> children = Set.copyOf(treesOfB.processList());
        assertEquals(2, parents.size(), "A of each run");
        assertTrue(children.stream().allMatch(b -> parents.stream().anyMatch(a -> a.pid() == b.parentPid())),
                "B of each run, A's child");
        assertEquals(Set.copyOf(ps), java.util.stream.Stream.concat(parents.stream(), children.stream())
                .collect(Collectors.toSet()));
        assertEquals(12, r.stream().mapToInt(x -> x.suspects().size()).sum(), "every suspect recurs");
        assertEquals(-1, r.get(3).retainedBytes(), "a descriptor retains no known bytes");

        Leaks.Result once = Leaks.ofCapture(sharer);
        assertEquals(List.of(), once.recurring(), "one run: A's tree and B's are two leaks (a shared resource, a"
                + " context), and its descriptors and share are A's or B's alone");
    }

    @Test
    void compareFollowsLeakySharersDescriptorsAndSharedObjectsAcrossAsExit() {
        DxgProcess a = sharer.dxgProcesses().get(0);
        DxgProcess b = sharer.dxgProcesses().get(1);
        long beforeExit = a.exitSeq() - 1; /* B has reported; A has not exited */
        long end = sharer.timeline().lastSeq();

        Map<String, Leaks.Change> up = byProcessAndKind(Leaks.compare(sharer, 0, beforeExit));
        assertEquals(new Leaks.Change(a, Leaks.NT_HANDLE_FD, 0, 2, 0, 2, 0, 0), up.get(a.pid() + Leaks.NT_HANDLE_FD),
                "R and F");
        assertEquals(new Leaks.Change(a, Leaks.SHARED_OBJECT, 0, 2, 0, 2, 0, 0), up.get(a.pid() + Leaks.SHARED_OBJECT),
                "the resource and the fence, under A, which shared them");
        assertEquals(new Leaks.Change(a, Leaks.DEVICE_FD, 0, 1, 0, 1, 0, 0), up.get(a.pid() + Leaks.DEVICE_FD));
        assertEquals(new Leaks.Change(b, Leaks.NT_HANDLE_FD, 0, 4, 3, 1, 0, 0), up.get(b.pid() + Leaks.NT_HANDLE_FD),
                "inherited R and F closed; R' and F' received, R' closed: F' is left");
        assertEquals(new Leaks.Change(b, Leaks.DEVICE_FD, 0, 2, 1, 1, 0, 0), up.get(b.pid() + Leaks.DEVICE_FD),
                "A's /dev/dxg inherited and closed; B's own opened");
        assertEquals(new Leaks.Change(a, "allocation", 0, 2, 0, 2, 0, 8 * MIB), up.get(a.pid() + "allocation"));
        assertEquals(up.get(a.pid() + "allocation"), Leaks.compare(sharer, 0, beforeExit).get(0),
                "A's 8 MiB is the most growth in bytes");

        Map<String, Leaks.Change> down = byProcessAndKind(Leaks.compare(sharer, beforeExit, end));
        assertEquals(new Leaks.Change(a, Leaks.NT_HANDLE_FD, 2, 0, 2, 0, 0, 0), down.get(a.pid() + Leaks.NT_HANDLE_FD),
                "the kernel closes R and F at A's exit");
        assertEquals(new Leaks.Change(a, Leaks.SHARED_OBJECT, 2, 0, 2, 0, 0, 0), down.get(a.pid() + Leaks.SHARED_OBJECT),
                "the resource dies at A's exit, the fence at B's");
        assertEquals(new Leaks.Change(b, Leaks.NT_HANDLE_FD, 1, 0, 1, 0, 0, 0), down.get(b.pid() + Leaks.NT_HANDLE_FD),
                "F' is closed by the kernel at B's exit");
        for (Leaks.Change c : down.values()) {
            assertEquals(0, c.after(), "nothing is left at the end: " + c);
        }

        /* a process's row: its objects of every type in all, without descriptors and shares */
        assertEquals(new Leaks.Change(a, Leaks.OBJECTS, 0, 7, 1, 6, 0, 8 * MIB),
                Leaks.objectTotals(sharer, 0, beforeExit).get(a), "2 adapter handles, one closed in the prologue;"
                        + " device, resource, 2 allocations, fence");
        assertEquals(new Leaks.Change(a, Leaks.OBJECTS, 6, 0, 6, 0, 8 * MIB, 0),
                Leaks.objectTotals(sharer, beforeExit, end).get(a), "all freed at A's exit");
        Map<DxgProcess, Leaks.Change> quiet = Leaks.objectTotals(sharer, beforeExit, beforeExit);
        assertEquals(6, quiet.get(a).before(), "types that did not change count too");
        assertEquals(0, quiet.get(a).created() + quiet.get(a).destroyed());
    }

    /** Changes keyed by pid and kind ("4242NT-handle fd"), checking each one adds up. */
    private static Map<String, Leaks.Change> byProcessAndKind(List<Leaks.Change> changes) {
        Map<String, Leaks.Change> by = new java.util.HashMap<>();
        for (Leaks.Change c : changes) {
            assertEquals(c.before() + c.created() - c.destroyed(), c.after(), c.toString());
            assertNull(by.put(c.process().pid() + c.kind(), c), "one row per process and kind: " + c);
        }
        return by;
    }

    @Test
    void stuckWait() {
        healthy(stuck);
        DxgProcess p = only(stuck);
        SyncObject fence = (SyncObject) of(p, ObjectType.SYNC_OBJECT).get(0);
        assertEquals(1, fence.fence().lastValue(), "value 1 from the GPU signal, never higher");
        assertEquals(fence.destroyedSeq(), fence.fence().goneSeq(), "its only object was destroyed");
        assertTrue(fence.destroyedSeq() != DxgObject.ALIVE);
        List<Wait> waits = stuck.waits();
        assertEquals(3, waits.size());
        Wait first = waits.get(0);
        assertEquals(Wait.Kind.CPU_BLOCKING, first.kind());
        assertEquals(1, first.value());
        assertEquals(Wait.Outcome.SATISFIED, first.outcome());
        assertEquals(Signal.Kind.GPU, first.satisfiedBy().kind());
        Wait gpu = waits.get(1);
        assertEquals(Wait.Kind.GPU, gpu.kind());
        assertEquals(7, gpu.value());
        Wait cpu = waits.get(2);
        assertEquals(Wait.Kind.CPU_ASYNC, cpu.kind());
        assertEquals(5, cpu.value());
        assertEquals(1, stuck.callStats().get("LX_DXSUBMITCOMMAND").calls(), "one submit, queued behind the GPU wait");
        assertTrue(gpu.submitBehindSeq() > gpu.seq() && gpu.submitBehindSeq() < cpu.seq(),
                "the submit behind the GPU wait: " + gpu.submitBehindSeq());
        assertEquals(-1, first.submitBehindSeq(), "a CPU wait has nothing queued behind it");
        assertEquals(-1, cpu.submitBehindSeq());
        for (Wait w : List.of(gpu, cpu)) {
            assertTrue(w.stuck(), w.toString());
            assertEquals(Wait.Outcome.NEVER_SATISFIED, w.outcome());
            assertEquals(fence.destroyedSeq(), w.objectDestroyedSeq(), "fence destroyed while waiting");
            assertEquals(fence.destroyedSeq(), w.abandonedSeq(), "the wait ends there, not at the capture's end");
        }
        SyncAnalysis.Result sync = SyncAnalysis.of(stuck);
        assertEquals(2, sync.stuck().size());
        for (SyncAnalysis.TimedWait tw : sync.stuck()) {
            assertEquals(stuck.timeline().timeOf(fence.destroyedSeq()) - stuck.timeline().timeOf(tw.w().seq()),
                    tw.durationNs(), "stuck until its fence was destroyed");
        }
        assertEquals(DxgObject.ALIVE, first.abandonedSeq(), "a satisfied wait is not abandoned");
        assertEquals(2, sync.onDestroyedObjects().size());
        assertTrue(p.objects().stream().allMatch(o -> o.destroyReason() == DestroyReason.CALL
                || o.destroyReason() == DestroyReason.PARENT));
        assertTrue(Leaks.ofCapture(stuck).objects().isEmpty());
        assertTrue(stuck.failedCalls().isEmpty());
    }

    /**
     * error-storm: 13 bad calls, each failed with its dmesg line. The three ENOTTY ones are refused
     * by the dispatcher for three reasons, each with its own hint: a request size the driver does
     * not know (4), a legacy request with no handler (5), a forked child calling through the
     * descriptor its parent opened (13).
     */
    @Test
    void errorStorm() {
        healthy(storm);
        List<DxgProcess> ps = storm.dxgProcesses();
        assertEquals(2, ps.size(), "error-storm and the child it forks for check 13");
        DxgProcess p = ps.get(0);
        DxgProcess child = ps.get(1);
        assertEquals(p.pid(), child.parentPid());
        assertTrue(child.objects().isEmpty(), "the child makes nothing: its one call is refused");
        List<FailedCall> f = storm.failedCalls();
        assertEquals(13, f.size(), "13 bad calls, each failed");
        String[] calls = {"LX_DXCREATECONTEXTVIRTUAL", "LX_DXDESTROYALLOCATION2", "LX_DXMAKERESIDENT",
            "ioctl 0xc0144709", "LX_DXCREATECONTEXT", "LX_DXQUERYADAPTERINFO", "LX_DXCREATEALLOCATION",
            "LX_DXCREATEALLOCATION", "LX_DXMAKERESIDENT", "LX_DXSHAREOBJECTS", "LX_DXQUERYADAPTERINFO",
            "LX_DXDESTROYSYNCHRONIZATIONOBJECT", "LX_DXQUERYADAPTERINFO"};
        int[] errnos = {-1, -1, -1, 25, 25, 22, 22, 22, -1, -1, 14, -1, 25};
        for (int i = 0; i < 13; i++) {
            assertEquals(calls[i], f.get(i).call(), "check " + (i + 1));
            if (errnos[i] > 0) {
                assertEquals(errnos[i], f.get(i).errno(), "check " + (i + 1));
            }
            assertFalse(f.get(i).lines().isEmpty(), "check " + (i + 1) + " has its dmesg line");
            assertEquals(i == 12 ? child : p, f.get(i).process(), "check " + (i + 1));
            assertEquals(i == 3 || i == 4 || i == 12, f.get(i).refusal() != Refusal.NONE, "check " + (i + 1));
        }
        assertEquals(0xc0144709, f.get(3).request(), "check 4's request, the size the driver does not know");
        assertEquals(0xc0604703, f.get(4).request(), "check 5's legacy request");
        assertEquals(List.of("ADAPTERTYPE", "", "ADAPTERTYPE"), List.of(f.get(5).query(), f.get(10).query(),
                f.get(12).query()), "checks 6 and 13 ask for the adapter type; check 11's argument is unreadable");
        assertTrue(f.get(5).adapter().startsWith("0x40000") && f.get(5).adapter().contains("(LUID 0x"), f.get(5).adapter());
        HandleHistory handles = HandleHistory.of(storm);
        String dead = ((Allocation) of(p, ObjectType.ALLOCATION).get(0)).handleHex();
        long deadAt = of(p, ObjectType.ALLOCATION).get(0).destroyedSeq();
        long destroyCall = of(p, ObjectType.ALLOCATION).get(0).destroyedByCall();
        assertEquals(List.of("device 0x12345678: no object of pid " + p.pid() + " had this handle in the capture (never"
                + " created, or before the recording began)"), handles.explain(f.get(0)), "check 1");
        for (int check : new int[] {2, 3}) {
            List<String> found = handles.explain(f.get(check - 1));
            assertEquals(1, found.size(), "check " + check + ": only the destroyed allocation; " + found);
            assertTrue(found.get(0).endsWith(dead + ": a stale handle: allocation destroyed at #" + deadAt
                    + " (destroyed by call #" + destroyCall + ")"), found.get(0));
        }
        assertEquals(List.of("sync_object 0x7fffff80: no object of pid " + p.pid() + " had this handle in the capture"
                + " (never created, or before the recording began)"), handles.explain(f.get(11)), "check 12");
        List<String> child13 = handles.explain(f.get(12));
        assertEquals(1, child13.size(), child13.toString());
        assertTrue(child13.get(0).matches("adapter 0x4[0-9a-f]{7}: not in pid " + child.pid() + "'s table; it is adapter"
                + " 0x4[0-9a-f]{7} \\(pid " + p.pid() + "\\), the descriptor's opener \\(handles are per process.*"),
                child13.get(0));
        assertEquals(p, f.get(12).through(), "the child called through the descriptor its parent opened");
        assertNull(f.get(0).through());
        for (int check : new int[] {4, 5, 6, 7, 8, 9, 10, 11}) {
            assertEquals(List.of(), handles.explain(f.get(check - 1)), "check " + check + " named live handles only");
        }
        for (FailedCall call : f) {
            assertEquals(handles.explain(call), HandleHistory.forCall(call).explain(call));
        }
        assertEquals(Refusal.MISMATCH, f.get(3).refusal());
        assertTrue(f.get(3).hint().contains("another dxgkrnl ABI"), f.get(3).hint());
        /* the range checks dxgkrnl makes before asking the host name the argument and its range */
        assertEquals("private_data_size is 0: dxgkrnl refuses it before asking the host (private_data_size must be in"
                + " 1..131072)", f.get(5).hint());
        assertEquals("alloc_count is 0: dxgkrnl refuses it before asking the host (alloc_count must be in 1..1024)",
                f.get(6).hint());
        assertTrue(f.get(7).hint().startsWith("alloc_count is 2000:"), f.get(7).hint());
        assertTrue(f.get(8).hint().endsWith("(alloc_count must be in 1..10240)"), f.get(8).hint());
        assertEquals("object_count is 2: dxgkrnl refuses it before asking the host (object_count must be 1)",
                f.get(9).hint());
        assertEquals(Refusal.NO_HANDLER, f.get(4).refusal());
        assertTrue(f.get(4).hint().startsWith("dxgkrnl has no handler for this legacy request"), f.get(4).hint());
        assertEquals(Refusal.WRONG_PROCESS, f.get(12).refusal());
        assertTrue(f.get(12).hint().startsWith("this process did not open the /dev/dxg it called through"),
                f.get(12).hint());
        Map<?, ?> errorsSection = (Map<?, ?>) new dev.dxgscope.model.report.ReportBuilder(storm, "error-storm")
                .build(null, null, java.util.Set.of("errors")).get("errors");
        assertEquals("0xc0144709", ((Map<?, ?>) ((List<?>) errorsSection.get("failed")).get(3)).get("request"),
                "the report names the request too");
        assertEquals("wrong_process", ((Map<?, ?>) ((List<?>) errorsSection.get("failed")).get(12)).get("refused"));
        assertNull(((Map<?, ?>) ((List<?>) errorsSection.get("failed")).get(0)).get("refused"), "check 1 was not refused");
        ErrorAnalysis.Result errors = ErrorAnalysis.of(storm);
        assertEquals(13, errors.counts().stream().mapToInt(ErrorAnalysis.Count::count).sum());
        assertEquals(2, errors.counts().stream().filter(c -> c.call().equals("LX_DXCREATEALLOCATION") && c.errno() == 22)
                .findFirst().orElseThrow().count(), "checks 7 and 8");
        assertEquals(List.of(), errors.unlinkedLines(), "every line belongs to its check");
        List<DxgObject> allocs = of(p, ObjectType.ALLOCATION);
        assertEquals(1, allocs.size());
        assertEquals(MIB, ((Allocation) allocs.get(0)).size());
        assertTrue(allocs.get(0).destroyedSeq() < f.get(0).seq(), "destroyed before the checks");
        assertTrue(Leaks.ofCapture(storm).objects().isEmpty());
        assertTrue(p.objects().stream().noneMatch(o -> o.type() == ObjectType.CONTEXT || o.type() == ObjectType.SYNC_OBJECT));
    }

    /**
     * A copy of error-storm's capture as a real device would give it: without its kernel lines
     * ({@code dropLog}), or with them but without the cause, pid and tid that only dxgsim's lines have.
     */
    private static Path stormCopy(String name, boolean dropLog) throws IOException {
        Path copy = dir.resolve(name);
        try (CaptureFile in = CaptureFile.open(stormFile); CaptureWriter out = new CaptureWriter(copy)) {
            RecordCursor r = in.records();
            while (r.next()) {
                boolean log = r.kind() == RecordKind.LOG;
                ByteBuffer p = ByteBuffer.allocate(r.payloadSize()).order(ByteOrder.LITTLE_ENDIAN).put(r.payload());
                if (log && dropLog) {
                    continue;
                }
                if (log) {
                    p.putLong(8, 0); /* the cause */
                }
                out.append(r.kindCode(), r.seq(), r.timestampNs(), log ? 0 : r.pid(), log ? 0 : r.tid(), p.flip());
            }
        }
        return copy;
    }

    /**
     * Without the kernel's lines the model still reads why the dispatcher refused checks 4, 5 and
     * 13: the unknown request code, the legacy number, the descriptor the parent opened.
     */
    @Test
    void errorStormsRefusalsAreReadFromTheModelWithoutTheKernelLog() throws Exception {
        List<FailedCall> f = Workloads.load(stormCopy("error-storm-quiet.dxgcap", true)).failedCalls();
        assertTrue(f.stream().allMatch(c -> c.lines().isEmpty()));
        assertEquals(List.of(Refusal.MISMATCH, Refusal.NO_HANDLER, Refusal.WRONG_PROCESS),
                List.of(f.get(3).refusal(), f.get(4).refusal(), f.get(12).refusal()));
        DxgProcess parent = storm.dxgProcesses().get(0);
        assertTrue(f.get(12).hint().contains(", opened by pid " + parent.pid() + ")"), f.get(12).hint());
    }

    /**
     * error-storm's dmesg lines with their cause, pid and tid removed, as a real device's kernel log
     * gives them: the model links each to the same failed call by what it says.
     */
    @Test
    void errorStormsKernelLinesAreLinkedWithoutTheirCause() throws Exception {
        CaptureModel m = Workloads.load(stormCopy("error-storm-bare.dxgcap", false));
        assertTrue(m.logLines().stream().allMatch(l -> l.cause() == 0 && l.pid() == 0));
        List<FailedCall> byCause = storm.failedCalls();
        List<FailedCall> inferred = m.failedCalls();
        assertEquals(byCause.size(), inferred.size());
        int linked = 0;
        for (int i = 0; i < byCause.size(); i++) {
            List<String> want = byCause.get(i).lines().stream().map(LogLine::text).toList();
            List<String> got = inferred.get(i).lines().stream().map(LogLine::text).toList();
            assertFalse(want.isEmpty(), "check " + (i + 1) + " printed a line");
            assertEquals(want, got, "check " + (i + 1));
            assertTrue(inferred.get(i).linesInferred());
            linked++;
        }
        assertEquals(13, linked, "every check, 4, 5 and 13 too (the dispatcher's own lines: no handler ran)");
        assertTrue(byCause.get(3).lines().get(0).text().contains("dxgk_ioctl: ioctl mismatch"), "check 4");
        assertTrue(byCause.get(4).lines().get(0).text().contains("dxgk_ioctl: ioctl callback is NULL"), "check 5");
        assertTrue(byCause.get(12).lines().get(0).text().contains("dxgk_ioctl: Call from a wrong process"), "check 13");
        assertEquals(List.of(), ErrorAnalysis.of(m).unlinkedLines());
    }
}
