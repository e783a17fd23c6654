package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.analysis.ResidencyAnalysis;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CallStats;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DestroyReason;
import dev.dxgscope.model.state.Diff;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.model.state.Residency;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.Wait;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trackers fed tiny inline event scripts: exact intervals, reasons and links. */
class TrackerTest {
    private static final int A = 100;
    private static final int B = 200;
    private static final int ADAPTER = 0x40000000;
    private static final int DEVICE = 0x40000040;
    /** The adapter handle's value, named as a device: a key in the device table, not the adapters'. */
    private static final long DEVICE_AS_ADAPTER = 0x40000000L;

    @TempDir
    Path dir;

    /** Opens the device, one adapter handle, one device: the prologue of every script. */
    private static void prologue(Script s, int pid) throws Exception {
        prologue(s, pid, 1);
    }

    /** A process of {@code parent} that opens the adapter and makes the device. */
    private static void prologue(Script s, int pid, int parent) throws Exception {
        s.process(pid, 1, parent, 0, "/bin/app", "app");
        s.fd(pid, 1, 3, -1, new int[0], "/dev/dxg");
        openAdapter(s, pid, ADAPTER);
        s.call(pid, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", DEVICE).ok();
    }

    /** An EnumAdapters3 that opens one adapter handle, {@code handle}. */
    private static void openAdapter(Script s, int pid, int handle) throws Exception {
        s.call(pid, "LX_DXENUMADAPTERS3").in("adapter_count", 1).in("adapters", 0x7200_0000L)
                .outStructs("adapters", "d3dkmt_adapterinfo", new Object[] {"adapter_handle", handle, "adapter_luid", 0x1234L})
                .ok();
    }

    private static long allocate(Script s, int pid, int handle, long size) throws Exception {
        return allocation(s, pid, handle, size).ok();
    }

    /** A CreateAllocation of one standard allocation, not yet written. */
    private static Script.Call allocation(Script s, int pid, int handle, long size) {
        return s.call(pid, "LX_DXCREATEALLOCATION").in("device", DEVICE).in("alloc_count", 1)
                .in("flags", 1 << 16 /* standard_allocation */)
                .inStruct("standard_allocation", "d3dkmt_createstandardallocation", "type", 1, "existing_heap_data", size)
                .outStructs("allocation_info", "d3dddi_allocationinfo2", new Object[] {"allocation", handle});
    }

    /** Writes {@code call} failing with {@code errno} and flushes, for a live reader to see it. */
    private static void failNow(Script s, Script.Call call, int errno) throws Exception {
        call.enter();
        call.leave(-1, errno);
        s.flush();
    }

    /**
     * The prologue, a paging queue, allocations 0x40000380 (1000 bytes) and 0x400003c0 (24 bytes)
     * made resident together; returns the MakeResident's seq.
     */
    private static long twoResident(Script s) throws Exception {
        prologue(s, A);
        s.call(A, "LX_DXCREATEPAGINGQUEUE").in("device", DEVICE).out("paging_queue", 0x40000300)
                .out("sync_object", 0x40000340).ok();
        allocate(s, A, 0x40000380, 1000);
        allocate(s, A, 0x400003c0, 24);
        return s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 2)
                .inU32s("allocation_list", 0x40000380, 0x400003c0).ok();
    }

    /** dxgsim's allocation private data: magic, segment group, size (include/dxgscope/dxgsim.h). */
    private static byte[] simPrivateData(int group, long size) {
        return java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x4c414744)
                .putInt(group).putLong(size).array();
    }

    @Test
    void eachAllocationOfACallTakesItsOwnElementsPrivateData() throws Exception {
        Script s = new Script(dir.resolve("elements.dxgcap"));
        prologue(s, A);
        s.call(A, "LX_DXCREATEALLOCATION").in("device", DEVICE).in("alloc_count", 3)
                .inElement("priv_drv_data", 2, simPrivateData(1, 300 << 20)) /* out of order on purpose */
                .inElement("priv_drv_data", 0, simPrivateData(0, 100 << 20))
                .inElement("priv_drv_data", 1, simPrivateData(1, 200 << 20))
                .outStructs("allocation_info", "d3dddi_allocationinfo2", new Object[] {"allocation", 0x40000100},
                        new Object[] {"allocation", 0x40000140}, new Object[] {"allocation", 0x40000180})
                .ok();
        s.end(0);
        List<Allocation> allocs = s.model().objects().stream().filter(o -> o instanceof Allocation)
                .map(o -> (Allocation) o).toList();
        assertEquals(List.of(0x40000100, 0x40000140, 0x40000180), allocs.stream().map(DxgObject::handle).toList());
        assertEquals(List.of(100L << 20, 200L << 20, 300L << 20), allocs.stream().map(Allocation::size).toList());
        assertEquals(List.of(0, 1, 1), allocs.stream().map(Allocation::segmentGroup).toList());
    }

    /**
     * Call statistics are kept by ioctl name and found by the request's number byte: a bad request
     * with a known number (another size) is its own line, however the two alternate.
     */
    @Test
    void requestsThatShareANumberByteAreCountedApart() throws Exception {
        Script s = new Script(dir.resolve("stats.dxgcap"));
        prologue(s, A);
        int bad = s.call(A, "LX_DXCREATEDEVICE").requestCode() ^ (0x10 << 16); /* another size in the code */
        for (int i = 0; i < 2; i++) {
            Script.Call badRequest = s.call(A, "LX_DXCREATEDEVICE").code(bad);
            badRequest.enter();
            badRequest.leave(-1, 25); /* ENOTTY */
            s.call(A, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", DEVICE + 0x40 * (i + 1)).ok();
        }
        s.end(0);
        Map<String, CallStats> stats = s.model().callStats();
        assertEquals(3, stats.get("LX_DXCREATEDEVICE").calls());
        assertEquals(0, stats.get("LX_DXCREATEDEVICE").failed());
        CallStats unknown = stats.get(String.format("ioctl 0x%08x", bad));
        assertEquals(2, unknown.calls(), stats.keySet().toString());
        assertEquals(2, unknown.failed());
    }

    @Test
    void destroyingADeviceTakesItsChildrenAtTheSameSeq() throws Exception {
        Script s = new Script(dir.resolve("cascade.dxgcap"));
        prologue(s, A);
        long ctx = s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", DEVICE).out("context", 0x40000080).ok();
        long alloc = allocate(s, A, 0x400000c0, 4096);
        long destroy = s.call(A, "LX_DXDESTROYDEVICE").in("device", DEVICE).ok();
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess p = m.dxgProcesses().get(0);
        DxgObject device = p.objects().stream().filter(o -> o.type() == ObjectType.DEVICE).findFirst().orElseThrow();
        DxgObject context = p.objects().stream().filter(o -> o.type() == ObjectType.CONTEXT).findFirst().orElseThrow();
        Allocation a = (Allocation) p.objects().stream().filter(o -> o.type() == ObjectType.ALLOCATION).findFirst()
                .orElseThrow();
        assertEquals(ctx, context.createdSeq());
        assertEquals(alloc, a.createdSeq());
        assertEquals(4096, a.size());
        assertEquals(Allocation.Source.STANDARD_ALLOCATION, a.sizeSource());
        long leave = destroy + 1;
        assertEquals(leave, device.destroyedSeq());
        assertEquals(leave, context.destroyedSeq());
        assertEquals(leave, a.destroyedSeq());
        assertEquals(DestroyReason.CALL, device.destroyReason());
        assertEquals(DestroyReason.PARENT, context.destroyReason());
        assertEquals(DestroyReason.PARENT, a.destroyReason());
        assertEquals(destroy, a.destroyedByCall());
        assertTrue(context.aliveAt(destroy), "alive while the destroy call runs");
        assertFalse(context.aliveAt(leave));
    }

    /**
     * A failed call's handles against their history: a handle reused by a live object is fine, one
     * created only later is "not yet created", a device handle value that is only an adapter's is
     * not a device (the tables are separate), another process's object with the same value is not
     * the caller's (values repeat in every process), and a live handle gives no finding at all. A
     * finding may still change while its process runs, not after it exited.
     */
    @Test
    void aFailedCallsHandlesAreExplainedByTheirHistory() throws Exception {
        Script s = new Script(dir.resolve("handles.dxgcap"));
        prologue(s, A);
        allocate(s, A, 0x40000100, 100);
        s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1).inU32s("allocations", 0x40000100)
                .ok();
        allocate(s, A, 0x40000100, 200); /* the value again: a new, live object */
        prologue(s, B); /* another process, with a paging queue whose handle value A names below */
        s.call(B, "LX_DXCREATEPAGINGQUEUE").in("device", DEVICE).out("paging_queue", 0x40000300)
                .out("sync_object", 0x40000340).ok();
        var early = s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 2)
                .inU32s("allocation_list", 0x40000100, 0x40000140);
        early.enter();
        early.leave(-1, 22);
        allocate(s, A, 0x40000140, 300); /* created after the failed call */
        var wrongTable = s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", ADAPTER);
        wrongTable.enter();
        wrongTable.leave(-1, 22);
        var exited = s.call(B, "LX_DXCREATECONTEXTVIRTUAL").in("device", 0x4000beef);
        exited.enter();
        exited.leave(-1, 22);
        s.process(B, 4, 0, 0); /* B exits: nothing it names can be created any more */
        s.end(0);
        CaptureModel m = s.model();
        HandleHistory h = HandleHistory.of(m);
        List<dev.dxgscope.model.state.FailedCall> f = m.failedCalls();
        assertEquals(List.of("paging_queue 0x40000300: no object of pid " + A + " had this handle in the capture (never"
                + " created, or before the recording began)", "allocation_list[1] 0x40000140: not yet created:"
                + " allocation created at #" + m.objects().stream().filter(o -> o.handle() == 0x40000140).findFirst()
                        .orElseThrow().createdSeq()), h.explain(f.get(0)));
        assertEquals(List.of("paging_queue 0x40000300", "allocation_list[0] 0x40000100", "allocation_list[1] 0x40000140"),
                f.get(0).handles().stream().map(Object::toString).toList());
        assertEquals(1, h.explain(f.get(1)).size(), "an adapter handle is no device: " + h.explain(f.get(1)));
        assertTrue(h.explain(f.get(1)).get(0).startsWith("device 0x40000000: no object of pid " + A), h.explain(f.get(1)).get(0));
        assertTrue(h.explain(f.get(2)).get(0).startsWith("device 0x4000beef: no object of pid " + B));
        DxgProcess a = m.dxgProcesses().get(0);
        assertEquals(List.of(new HandleHistory.Awaited(a, 0x40000300L, Long.MAX_VALUE),
                new HandleHistory.Awaited(a, 0x40000140L, f.get(0).seq())), h.awaited(f.get(0)),
                "A runs on: the paging queue may be created yet, at any time; the allocation's finding changes only "
                        + "with one an overlapping call made");
        DxgObject later = m.objects().stream().filter(o -> o.handle() == 0x40000140).findFirst().orElseThrow();
        assertFalse(h.awaited(f.get(0)).get(1).answeredBy(later), "made after the call: it does not change the finding");
        assertEquals(List.of(new HandleHistory.Awaited(a, DEVICE_AS_ADAPTER, Long.MAX_VALUE)), h.awaited(f.get(1)),
                "a device handle is looked for among devices, not A's adapter of that value");
        assertEquals(List.of(), h.awaited(f.get(2)), "B exited: its finding is final");
        for (var call : f) {
            assertEquals(h.explain(call), HandleHistory.forCall(call).explain(call), "the call's index finds what the whole one finds");
        }
    }

    /**
     * A live capture, read as it grows: A's call names device 0x4000beef before anything has it.
     * B making an object with that value, and A making one with another, answer nothing; A making
     * that device answers the finding, which then reads "not yet created" and awaits nothing.
     */
    @Test
    void aLiveFindingAwaitsOnlyTheCallersObjectWithThatHandle() throws Exception {
        Path path = dir.resolve("awaited.dxgcap");
        try (Script s = new Script(path)) {
            prologue(s, A);
            prologue(s, B);
            var bad = s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", 0x4000beef);
            failNow(s, bad, 22);
            try (CaptureFile file = CaptureFile.open(path)) {
                ModelLoader l = new ModelLoader(file);
                l.update();
                CaptureModel m = l.model();
                List<HandleHistory.Awaited> awaited = HandleHistory.of(m).awaited(m.failedCalls().get(0));
                assertEquals(1, awaited.size());
                var awaiting = new HandleHistory.Awaiting(HandleHistory.of(m), m.failedCalls());
                int before = m.objects().size();

                s.call(B, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", 0x4000beef).ok();
                s.call(A, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", 0x4000bef0).ok();
                s.flush();
                l.update();
                List<DxgObject> others = List.copyOf(m.objects().subList(before, m.objects().size()));
                assertEquals(2, others.size());
                assertTrue(others.stream().noneMatch(awaited.get(0)::answeredBy), "another process's, another value");
                assertFalse(awaiting.answeredBy(others));

                s.call(A, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", 0x4000beef).ok();
                s.flush();
                l.update();
                DxgObject made = m.objects().get(m.objects().size() - 1);
                assertTrue(awaited.get(0).answeredBy(made), made.describe());
                assertTrue(awaiting.answeredBy(List.of(made)));
                HandleHistory now = HandleHistory.of(m);
                FailedCall f = m.failedCalls().get(0);
                assertTrue(now.explain(f).get(0).contains("not yet created"), now.explain(f).toString());
                assertEquals(List.of(new HandleHistory.Awaited(m.processes().get(0), 0x4000beefL, f.seq())), now.awaited(f),
                        "only an object an overlapping call made could change it now");
                assertFalse(now.awaited(f).get(0).answeredBy(made), "made after the call");
            }
        }
    }

    /**
     * A forked child B calls through A's descriptor while A's call that makes device 0x4000beef is
     * still in flight. The finding awaits A's object with that handle as well as B's; when A's call
     * returns, the object (alive from the call's entry, before B's call) answers it, and the finding
     * names the opener's device.
     */
    @Test
    void aLiveFindingThroughAnotherProcesssDescriptorAwaitsTheOpenersObject() throws Exception {
        Path path = dir.resolve("awaited-opener.dxgcap");
        try (Script s = new Script(path)) {
            prologue(s, A);
            s.process(B, 1, A, 0, "/bin/app", "app"); /* forked: B's fd 3 is A's file */
            var making = s.call(A, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", 0x4000beef);
            making.enter();
            var bad = s.call(B, "LX_DXCREATECONTEXTVIRTUAL").in("device", 0x4000beef);
            failNow(s, bad, 25); /* ENOTTY: the driver refuses a call from a process that did not open the file */
            try (CaptureFile file = CaptureFile.open(path)) {
                ModelLoader l = new ModelLoader(file);
                l.update();
                CaptureModel m = l.model();
                FailedCall f = m.failedCalls().get(0);
                DxgProcess a = m.processes().get(0);
                DxgProcess b = m.processes().get(1);
                assertEquals(a, f.through(), "B called through the descriptor A opened");
                List<HandleHistory.Awaited> awaited = HandleHistory.of(m).awaited(f);
                assertEquals(List.of(new HandleHistory.Awaited(b, 0x4000beefL, Long.MAX_VALUE),
                        new HandleHistory.Awaited(a, 0x4000beefL, f.seq())), awaited,
                        "the caller's object with that handle, or the opener's alive at the call");
                assertTrue(HandleHistory.of(m).explain(f).get(0).contains("no object of pid " + B),
                        HandleHistory.of(m).explain(f).toString());

                making.leave(0, 0);
                s.flush();
                l.update();
                DxgObject made = m.objects().get(m.objects().size() - 1);
                assertEquals(a, made.process());
                assertTrue(awaited.get(1).answeredBy(made), made.describe());
                assertTrue(made.createdSeq() < f.seq(), "made by a call entered before the failed one");
                HandleHistory now = HandleHistory.of(m);
                assertTrue(now.explain(f).get(0).contains("it is device 0x4000beef (pid " + A + "), the descriptor's opener"),
                        now.explain(f).toString());
                assertEquals(List.of(new HandleHistory.Awaited(b, 0x4000beefL, f.seq())), now.awaited(f),
                        "now only B's object from an overlapping call could change it (another of A's comes after this one)");
            }
        }
    }

    /**
     * A "stale handle" finding is not final while its caller runs: one thread of A makes an
     * allocation that gets the freed handle again, while another's call naming it fails. When the
     * making call returns, its object (alive from the call's entry) answers the finding, which goes.
     */
    @Test
    void aLiveStaleHandleFindingGoesWhenAnOverlappingCallsObjectArrives() throws Exception {
        Path path = dir.resolve("awaited-stale.dxgcap");
        try (Script s = new Script(path)) {
            prologue(s, A);
            allocate(s, A, 0x40000100, 100);
            s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1)
                    .inU32s("allocations", 0x40000100).ok();
            var making = allocation(s, A, 0x40000100, 200);
            making.enter();
            var bad = s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0).in("alloc_count", 1)
                    .inU32s("allocation_list", 0x40000100);
            failNow(s, bad, 22);
            try (CaptureFile file = CaptureFile.open(path)) {
                ModelLoader l = new ModelLoader(file);
                l.update();
                CaptureModel m = l.model();
                FailedCall f = m.failedCalls().get(0);
                HandleHistory h = HandleHistory.of(m);
                assertTrue(h.explain(f).stream().anyMatch(x -> x.startsWith("allocation_list[0] 0x40000100: a stale handle")),
                        h.explain(f).toString());
                var awaiting = new HandleHistory.Awaiting(h, m.failedCalls());
                int before = m.objects().size();

                making.leave(0, 0);
                s.flush();
                l.update();
                List<DxgObject> made = List.copyOf(m.objects().subList(before, m.objects().size()));
                assertEquals(1, made.size(), made.toString());
                assertTrue(awaiting.answeredBy(made), made.get(0).describe());
                assertTrue(HandleHistory.of(m).explain(f).stream().noneMatch(x -> x.startsWith("allocation_list[0]")),
                        "the handle was alive at the call: " + HandleHistory.of(m).explain(f));
            }
        }
    }

    /**
     * Objects alike (one process, type, call, parent, size) made by at least {@link
     * Leaks#LOOP_THRESHOLD} calls and not destroyed are one "created in a loop" suspect. A's ten
     * adapter handles, each the top of a tree of its own, are that loop's parts: one row. B's seven
     * adapters are too few, and its ten allocations came from one call: no loop, and B's trees stay
     * rows of their own.
     */
    @Test
    void aLoopOfTopObjectsIsOneSuspectWithItsTreesBelowIt() throws Exception {
        Script s = new Script(dir.resolve("loop.dxgcap"));
        prologue(s, A);
        for (int i = 1; i < 10; i++) {
            openAdapter(s, A, ADAPTER + 0x400 * i);
        }
        prologue(s, B);
        for (int i = 1; i < 7; i++) {
            openAdapter(s, B, ADAPTER + 0x400 * i);
        }
        Object[][] ten = new Object[10][];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = new Object[] {"allocation", 0x40000100 + 0x40 * i};
        }
        s.call(B, "LX_DXCREATEALLOCATION").in("device", DEVICE).in("alloc_count", 10)
                .in("flags", 1 << 16 /* standard_allocation */)
                .inStruct("standard_allocation", "d3dkmt_createstandardallocation", "type", 1, "existing_heap_data", 100)
                .outStructs("allocation_info", "d3dddi_allocationinfo2", ten).ok();
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess a = m.processes().get(0);
        DxgProcess b = m.processes().get(1);
        Leaks.Result r = Leaks.ofCapture(m);
        List<Leaks.Suspect> loops = r.suspects().stream().filter(x -> x.reason() == Leaks.Reason.CREATED_IN_LOOP).toList();
        assertEquals(1, loops.size(), "only A's adapters: " + loops);
        Leaks.Suspect loop = loops.get(0);
        assertEquals(a, loop.process());
        assertEquals("10 x adapter created by LX_DXENUMADAPTERS3 in " + a.label() + " and never destroyed", loop.summary());
        List<Leaks.Suspect> trees = r.below(loop);
        assertEquals(10, trees.size(), "each adapter is a tree of its own");
        assertTrue(trees.stream().allMatch(t -> t.process() == a && t.object().type() == ObjectType.ADAPTER));
        assertEquals(2, trees.get(0).count(), "the first adapter, with the device: most objects first");
        assertEquals(11, loop.count(), "what its trees hold");
        List<Leaks.Ranked> rows = new ArrayList<>(r.ranked());
        assertEquals(8, rows.size(), "A's loop and B's 7 adapter trees");
        assertEquals(1000, rows.get(0).retainedBytes(), "B's adapter with its device and the 10 allocations");
        assertEquals(loop, rows.get(1), "then the loop: no bytes, most objects");
        rows.remove(1);
        assertTrue(rows.stream().allMatch(x -> x instanceof Leaks.Suspect t && t.process() == b
                && t.reason() == Leaks.Reason.ALIVE_AT_END && r.below(t).isEmpty()), rows.toString());
        assertEquals(List.of(), r.recurring(), "A's trees are its loop's; B's are one process's");
    }

    /**
     * Two levels: A opens its adapter again and again (a loop of trees), and in the first tree makes
     * allocations again and again (a loop inside it). One top row; the report says what is part of
     * what by index.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aLoopInsideATreeOfALoopIsTwoLevelsBelowOneRow() throws Exception {
        Script s = new Script(dir.resolve("loops.dxgcap"));
        prologue(s, A);
        for (int i = 0; i < 9; i++) {
            allocate(s, A, 0x40000100 + 0x40 * i, 100);
        }
        for (int i = 1; i < 10; i++) {
            openAdapter(s, A, ADAPTER + 0x400 * i);
        }
        s.end(0);
        CaptureModel m = s.model();
        Leaks.Result r = Leaks.ofCapture(m);
        assertEquals(1, r.ranked().size(), r.ranked().toString());
        Leaks.Suspect adapters = (Leaks.Suspect) r.ranked().get(0);
        assertEquals(Leaks.Reason.CREATED_IN_LOOP, adapters.reason());
        assertEquals(20, adapters.count(), "10 adapters, the device and 9 allocations");
        assertEquals(900, adapters.retainedBytes());
        List<Leaks.Suspect> trees = r.below(adapters);
        assertEquals(10, trees.size());
        Leaks.Suspect first = trees.get(0);
        assertEquals(ADAPTER, first.object().handle(), "the tree with the bytes first");
        assertEquals(11, first.count());
        List<Leaks.Suspect> inside = r.below(first);
        assertEquals(1, inside.size());
        assertEquals("9 x allocation created by LX_DXCREATEALLOCATION in " + m.processes().get(0).label()
                + " and never destroyed", inside.get(0).summary());
        assertEquals(9, inside.get(0).count());
        assertEquals(900, inside.get(0).retainedBytes());
        assertTrue(trees.subList(1, 10).stream().allMatch(t -> t.count() == 1 && r.below(t).isEmpty()));
        assertEquals(20, r.retainedObjects(adapters).size(), "the loop's adapters and all below them");
        assertEquals(11, r.retainedObjects(first).size());
        assertEquals(first.object(), r.retainedObjects(first).get(0));
        assertEquals(9, r.retainedObjects(inside.get(0)).stream().filter(o -> o.type() == ObjectType.ALLOCATION).count());
        assertEquals(List.of(trees.get(1).object()), r.retainedObjects(trees.get(1)));

        Map<String, Object> leaks = (Map<String, Object>) new ReportBuilder(m, "x").build(null, null, Set.of("leaks"))
                .get("leaks");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) leaks.get("suspects");
        assertEquals(12, rows.size(), "2 loops and 10 trees");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            index.put((String) rows.get(i).get("summary"), i);
        }
        assertEquals(null, rows.get(index.get(adapters.summary())).get("part_of"), "the top row");
        assertEquals(index.get(adapters.summary()), rows.get(index.get(first.summary())).get("part_of"));
        assertEquals(index.get(first.summary()), rows.get(index.get(inside.get(0).summary())).get("part_of"));
    }

    @Test
    void aReusedHandleIsANewObjectAndStateAtFindsTheRightOne() throws Exception {
        Script s = new Script(dir.resolve("reuse.dxgcap"));
        prologue(s, A);
        long first = allocate(s, A, 0x40000100, 100);
        long gone = s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1)
                .inU32s("allocations", 0x40000100).ok();
        long second = allocate(s, A, 0x40000100, 200);
        s.end(0);
        CaptureModel m = s.model();
        List<DxgObject> allocs = m.objects().stream().filter(o -> o.type() == ObjectType.ALLOCATION).toList();
        assertEquals(2, allocs.size());
        assertEquals(gone + 1, allocs.get(0).destroyedSeq());
        assertEquals(DxgObject.ALIVE, allocs.get(1).destroyedSeq());
        List<DxgObject> mid = m.at(gone + 1).objects().stream().filter(o -> o.type() == ObjectType.ALLOCATION).toList();
        assertEquals(List.of(), mid, "between the two, no allocation");
        List<DxgObject> early = m.at(first + 1).objects().stream().filter(o -> o.type() == ObjectType.ALLOCATION)
                .toList();
        assertEquals(100, ((Allocation) early.get(0)).size());
        List<DxgObject> late = m.at(second + 1).objects().stream().filter(o -> o.type() == ObjectType.ALLOCATION)
                .toList();
        assertEquals(200, ((Allocation) late.get(0)).size());
        Diff d = Diff.between(m, first + 1, second + 1);
        assertEquals(List.of(allocs.get(1)), d.created());
        assertEquals(List.of(allocs.get(0)), d.destroyed());
        assertEquals(List.of(allocs.get(1)), d.createdAndAlive());
    }

    /**
     * A send whose call failed moved nothing: the receive that follows takes the next send, even
     * when both descriptors read the same (a real device's anon inodes do).
     */
    @Test
    void aFailedSendIsNotWhatAReceiveTakes() throws Exception {
        Script s = new Script(dir.resolve("send-failed.dxgcap"));
        prologue(s, A);
        prologue(s, B);
        String link = "anon_inode:dxgsyncobject";
        int[] objects = {0x40000200, 0x40000240};
        int[] fds = {10, 11};
        for (int i = 0; i < 2; i++) {
            s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).out("sync_object", objects[i]).ok();
            s.call(A, "LX_DXSHAREOBJECTS").in("object_count", 1).inU32s("objects", objects[i])
                    .outU64s("shared_handle", fds[i]).ok();
        }
        s.fd(A, 4, 7, -1, new int[] {fds[0]}, link);
        s.fd(A, 6, 7, -1, new int[] {fds[0]}); /* that send failed */
        s.fd(A, 4, 7, -1, new int[] {fds[1]}, link);
        s.fd(B, 5, 8, -1, new int[] {20}, link);
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess b = m.processes().get(1);
        FdRef received = b.fds().stream().filter(f -> f.fd() == 20).findFirst().orElseThrow();
        assertEquals(FdRef.Origin.RECEIVED, received.origin());
        assertEquals(objects[1], received.shared().creator().handle(), "the second object's descriptor arrived");
        assertTrue(m.diagnostics().stream().noneMatch(d -> d.text().contains("unknown op")), m.diagnostics().toString());
    }

    @Test
    void theDriverTearsAProcessDownWhenTheLastDescriptorOfItsFileCloses() throws Exception {
        Script s = new Script(dir.resolve("fork.dxgcap"));
        prologue(s, A);
        s.process(A, 2, B, 0);
        s.process(B, 1, A, 0, "/bin/app", "app");
        s.fd(A, 2, 3, -1, new int[0]);
        long aClosed = s.seq();
        s.fd(B, 2, 3, -1, new int[0]);
        long bClosed = s.seq();
        s.process(A, 4, 0, 0);
        s.process(B, 4, 0, 7);
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess a = m.processes().get(0);
        DxgProcess b = m.processes().get(1);
        assertEquals(A, a.pid());
        assertEquals(A, b.parentPid());
        assertEquals(7, b.exitStatus());
        DxgObject device = a.objects().stream().filter(o -> o.type() == ObjectType.DEVICE).findFirst().orElseThrow();
        assertTrue(device.aliveAt(aClosed), "B's inherited descriptor still holds A's file");
        assertEquals(bClosed, device.destroyedSeq(), "released with the last descriptor, in B");
        assertEquals(DestroyReason.PROCESS_TEARDOWN, device.destroyReason());
        assertEquals(bClosed, a.teardownSeq());
        FdRef inherited = b.fds().get(0);
        assertEquals(FdRef.Origin.INHERITED, inherited.origin());
        assertSame(a.fds().get(0), inherited.from());
    }

    @Test
    void aCallInFlightWhileTheReaderMovesOnKeepsItsArguments() throws Exception {
        Script s = new Script(dir.resolve("far.dxgcap"));
        prologue(s, A);
        var destroy = s.call(A, "LX_DXDESTROYDEVICE").in("device", DEVICE);
        destroy.enter();
        for (int i = 0; i < 40; i++) {
            s.marker(A, 512 << 10); /* 20 MiB: the reader's 8 MiB window is refilled twice meanwhile */
        }
        long leave = destroy.leave(0, 0);
        s.end(0);
        CaptureModel m = s.model();
        DxgObject device = m.dxgProcesses().get(0).objects().stream()
                .filter(o -> o.type() == ObjectType.DEVICE).findFirst().orElseThrow();
        assertEquals(leave, device.destroyedSeq(), "the enter record's device handle was read after the window moved");
        assertEquals(DestroyReason.CALL, device.destroyReason());
        assertEquals(40, m.markers().size());
    }

    @Test
    void aCallInFlightKeepsItsArgumentsWhileOtherCallsReturnAndTheirObjectsAreReused() throws Exception {
        Script s = new Script(dir.resolve("reuse-calls.dxgcap"));
        prologue(s, A);
        var destroy = s.call(A, "LX_DXDESTROYDEVICE").in("device", DEVICE);
        destroy.enter();
        long first = allocate(s, A, 0x40000100, 8192);
        long second = allocate(s, A, 0x40000140, 4096); /* decoded into the first one's call object */
        long leave = destroy.leave(0, 0);
        s.end(0);
        CaptureModel m = s.model();
        List<DxgObject> objects = m.dxgProcesses().get(0).objects();
        DxgObject device = objects.stream().filter(o -> o.type() == ObjectType.DEVICE).findFirst().orElseThrow();
        List<Allocation> allocations = objects.stream().filter(o -> o.type() == ObjectType.ALLOCATION)
                .map(Allocation.class::cast).toList();
        assertEquals(leave, device.destroyedSeq(), "the destroy's device handle outlived the calls returned meanwhile");
        assertEquals(DestroyReason.CALL, device.destroyReason());
        assertEquals(List.of(first, second), allocations.stream().map(DxgObject::createdSeq).toList());
        assertEquals(List.of(8192L, 4096L), allocations.stream().map(Allocation::size).toList());
        assertEquals(List.of(0x40000100, 0x40000140), allocations.stream().map(DxgObject::handle).toList());
        assertTrue(allocations.stream().allMatch(a -> a.destroyedSeq() == leave && a.destroyReason() == DestroyReason.PARENT));
        assertEquals(0, m.callsInFlightAtEnd());
    }

    @Test
    void aLargeDamagedCaptureIsReadAheadLosingOnlyTheDamage() throws Exception {
        Path file = dir.resolve("large.dxgcap");
        Script s = new Script(file);
        prologue(s, A);
        var destroy = s.call(A, "LX_DXDESTROYDEVICE").in("device", DEVICE);
        destroy.enter();
        for (int i = 0; i < 200; i++) {
            s.marker(A, 200 << 10); /* 40 MiB: read ahead on a second thread, in five windows */
        }
        long leave = destroy.leave(0, 0);
        s.end(0);
        s.model().toString(); /* closes the writer */
        /* a flipped byte in the 100th marker's text, and the last 20 bytes of the file gone */
        long damaged;
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            damaged = -1;
            try (var f = dev.dxgscope.capture.CaptureFile.open(file)) {
                var c = f.records();
                int markers = 0;
                while (c.next()) {
                    if (c.kind() == dev.dxgscope.capture.RecordKind.MARKER && ++markers == 100) {
                        damaged = c.offset();
                    }
                }
            }
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'!'}), damaged + 4096);
            ch.truncate(ch.size() - 20); /* inside the END record */
        }
        CaptureModel m = dev.dxgscope.model.ModelLoader.load(file);
        assertEquals(199, m.markers().size(), "every marker but the damaged one");
        DxgObject device = m.dxgProcesses().get(0).objects().stream()
                .filter(o -> o.type() == ObjectType.DEVICE).findFirst().orElseThrow();
        assertEquals(leave, device.destroyedSeq(), "the call around the damage is whole");
        long at = damaged;
        assertTrue(m.diagnostics().stream().anyMatch(d -> d.offset() == at && d.text().startsWith("damaged bytes")),
                "the damage is listed at its offset: " + m.diagnostics());
        assertTrue(m.diagnostics().stream().anyMatch(d -> d.text().startsWith("the capture is cut off")),
                "the cut-off end is listed");
    }

    @Test
    void aLargeLoadReportsProgressAndCanBeCancelledStoppingItsReader() throws Exception {
        Path file = dir.resolve("cancel.dxgcap");
        Script s = new Script(file);
        prologue(s, A);
        for (int i = 0; i < 160; i++) {
            s.marker(A, 200 << 10); /* 32 MiB: read ahead */
        }
        s.end(0);
        s.model().toString();
        long size = java.nio.file.Files.size(file);
        List<Long> seen = new java.util.ArrayList<>();
        try (var f = dev.dxgscope.capture.CaptureFile.open(file)) {
            dev.dxgscope.model.ModelLoader.load(f, new dev.dxgscope.model.ModelLoader.Progress() {
                @Override
                public void loaded(long bytes, long total) {
                    seen.add(bytes);
                    assertEquals(size, total);
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
        }
        assertTrue(seen.size() > 2, "progress along the way: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        }
        assertEquals(size, seen.get(seen.size() - 1), "ends at the whole file");

        int[] asked = {0};
        try (var f = dev.dxgscope.capture.CaptureFile.open(file)) {
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> dev.dxgscope.model.ModelLoader.load(f, new dev.dxgscope.model.ModelLoader.Progress() {
                        @Override
                        public void loaded(long bytes, long total) {
                        }

                        @Override
                        public boolean cancelled() {
                            return ++asked[0] > 1;
                        }
                    }));
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("dxgscope capture read-ahead") && t.isAlive()),
                "the read-ahead thread stopped with the load");
    }

    @Test
    void aBlockedWaitEndsWithTheSignalThatReachedItsValue() throws Exception {
        Script s = new Script(dir.resolve("wait.dxgcap"));
        prologue(s, A);
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        var wait = s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 2);
        long waitSeq = wait.enter();
        s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 1).ok();
        long reaching = s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 3).ok();
        long waitLeave = wait.leave(0, 0);
        var never = s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 10);
        long neverSeq = never.enter();
        s.fenceSample(A, fence, 2); /* lower than the 3 signalled: went backwards */
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(2, m.waits().size());
        Wait w = m.waits().get(0);
        assertEquals(waitSeq, w.seq());
        assertEquals(Wait.Outcome.SATISFIED, w.outcome());
        assertEquals(reaching + 1, w.endSeq(), "ends when the signal of 3 returned, before its own leave "
                + waitLeave);
        assertEquals(reaching, w.satisfiedBy().seq());
        assertEquals(3, w.satisfiedBy().value());
        Wait stuck = m.waits().get(1);
        assertEquals(neverSeq, stuck.seq());
        assertTrue(stuck.stuck());
        assertEquals(Wait.Outcome.NEVER_SATISFIED, stuck.outcome());
        assertEquals(1, m.callsInFlightAtEnd(), "the blocked wait");
        Fence f = w.object().fence();
        assertEquals(1, f.backward().size());
        assertEquals(3, f.backward().get(0).from());
        assertEquals(2, f.backward().get(0).to());
        assertEquals(3, f.valueAt(reaching + 1));
        assertEquals(1, f.valueAt(reaching - 1));
    }

    /**
     * QueryAdapterInfo or IsFeatureEnabled failing with EINVAL or ENOENT before the process made a
     * device is the runtime probing at start-up (the hint says so); the same failure later gets no
     * such hint. Each failure says what it asked of which adapter, and the counts keep query types
     * apart (which type fails tells harmless probing from a blocking failure).
     */
    @Test
    void startUpProbingFailuresAreHintedAsHarmlessOnlyBeforeTheFirstDevice() throws Exception {
        Script s = new Script(dir.resolve("hints.dxgcap"));
        s.process(A, 1, 1, 0, "/bin/app", "app");
        s.fd(A, 1, 3, -1, new int[0], "/dev/dxg");
        openAdapter(s, A, ADAPTER);
        for (int errno : new int[] {22, 2, 2}) {
            var probe = s.call(A, "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER).in("type", errno == 22 ? 0x7fff : 15);
            probe.enter();
            probe.leave(-1, errno);
        }
        var feature = s.call(A, "LX_ISFEATUREENABLED").in("adapter", ADAPTER).in("feature_id", 3);
        feature.enter();
        feature.leave(-1, 22);
        s.call(A, "LX_DXCREATEDEVICE").in("adapter", ADAPTER).out("device", DEVICE).ok();
        var later = s.call(A, "LX_DXQUERYADAPTERINFO").in("adapter", ADAPTER).in("type", 0x7fff)
                .in("private_data_size", 4);
        later.enter();
        later.leave(-1, 22);
        s.end(0);
        CaptureModel m = s.model();
        List<dev.dxgscope.model.state.FailedCall> failed = m.failedCalls();
        assertEquals(List.of(22, 2, 2, 22, 22), failed.stream().map(f -> f.errno()).toList());
        for (int i = 0; i < 4; i++) {
            assertTrue(failed.get(i).hint().contains("probing child adapters"), failed.get(i).hint());
        }
        assertNull(failed.get(4).hint(), "after the first device this is a real failure");
        assertEquals(List.of("type 32767", "ADAPTERTYPE", "ADAPTERTYPE", "feature 3", "type 32767"),
                failed.stream().map(f -> f.query()).toList());
        assertEquals("0x40000000 (LUID 0x00000000:0x00001234)", failed.get(0).adapter());
        List<String> counts = dev.dxgscope.model.analysis.ErrorAnalysis.of(m).counts().stream()
                .map(c -> c.call() + " " + c.query() + " " + c.errno() + " x" + c.count()).toList();
        assertEquals(List.of("LX_DXQUERYADAPTERINFO ADAPTERTYPE 2 x2", "LX_DXQUERYADAPTERINFO type 32767 22 x2",
                "LX_ISFEATUREENABLED feature 3 22 x1"), counts);
    }

    /** EOVERFLOW means different things per call: the guest's own limits, or the host's buffer. */
    @Test
    void eoverflowIsHintedPerCall() throws Exception {
        Script s = new Script(dir.resolve("eoverflow.dxgcap"));
        prologue(s, A);
        for (String call : List.of("LX_DXENUMADAPTERS3", "LX_DXCREATEALLOCATION", "LX_DXQUERYADAPTERINFO",
                "LX_DXCREATECONTEXTVIRTUAL")) {
            var c = s.call(A, call);
            c.enter();
            c.leave(-1, 75);
        }
        s.end(0);
        List<String> hints = s.model().failedCalls().stream().map(f -> f.hint()).toList();
        assertTrue(hints.get(0).startsWith("the array holds fewer adapters than there are"), hints.get(0));
        assertTrue(hints.get(1).contains("over 128 KiB"), hints.get(1));
        assertTrue(hints.get(2).contains("does not fit the private data buffer"), hints.get(2));
        assertTrue(hints.get(3).startsWith("the host answered STATUS_BUFFER_TOO_SMALL"), hints.get(3));
    }

    /** Waits and signals queued on a hardware queue are GPU waits and signals of that queue. */
    @Test
    void hardwareQueueWaitsAndSignalsAreTracked() throws Exception {
        Script s = new Script(dir.resolve("hwqueue.dxgcap"));
        prologue(s, A);
        int ctx = 0x40000080;
        int queue = 0x400000c0;
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", DEVICE).out("context", ctx).ok();
        s.call(A, "LX_DXCREATEHWQUEUE").in("context", ctx).out("queue", queue).out("queue_progress_fence", 0x40000100)
                .ok();
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        long waitSeq = s.call(A, "LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE").in("hwqueue", queue).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 4).ok();
        long signalSeq = s.call(A, "LX_DXSUBMITSIGNALSYNCOBJECTSTOHWQUEUE").in("hwqueue_count", 1)
                .inU32s("hwqueues", queue).in("object_count", 1).inU32s("objects", fence).inU64s("fence_values", 4)
                .ok();
        s.fenceSample(A, fence, 4);
        long sampleSeq = s.seq();
        var failed = s.call(A, "LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE").in("hwqueue", queue).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 7);
        failed.enter();
        failed.leave(-1, 22); /* a failed submission queues nothing */
        long stuckSeq = s.call(A, "LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE").in("hwqueue", queue).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 9).ok();
        long behind = s.call(A, "LX_DXSUBMITCOMMANDTOHWQUEUE").in("hwqueue", queue).in("hwqueue_progress_fence_id", 1)
                .ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(2, m.waits().size(), m.waits().toString());
        Wait w = m.waits().get(0);
        assertEquals(Wait.Kind.GPU, w.kind());
        assertEquals(waitSeq, w.seq());
        assertEquals(queue, w.context().handle(), "the queue waits");
        assertEquals(Wait.Outcome.SATISFIED, w.outcome());
        assertEquals(sampleSeq, w.endSeq(), "the fence page showed 4");
        assertEquals(signalSeq, w.satisfiedBy().seq());
        assertEquals(2, m.signals().size(), "the queued signal, then the submit's progress fence");
        assertEquals(queue, m.signals().get(0).context().handle(), "the queue signals");
        assertEquals(4, m.signals().get(0).value());
        Wait stuck = m.waits().get(1);
        assertEquals(stuckSeq, stuck.seq());
        assertEquals(9, stuck.value());
        assertTrue(stuck.stuck());
        assertEquals(behind, stuck.submitBehindSeq(), "the queue's next submit is behind its pending wait");
        assertEquals(-1, w.submitBehindSeq(), "the first wait was satisfied before it");
    }

    /**
     * A submit is behind every GPU wait still pending on a context it names (any of its broadcast
     * contexts); only the first submit counts, and a destroyed context has nothing behind its waits.
     */
    @Test
    void aSubmitIsBehindThePendingGpuWaitsOfItsContexts() throws Exception {
        Script s = new Script(dir.resolve("behind.dxgcap"));
        prologue(s, A);
        int one = 0x40000080;
        int two = 0x40000140;
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", DEVICE).out("context", one).ok();
        s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", DEVICE).out("context", two).ok();
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU").in("context", two).in("object_count", 1)
                .inU32s("objects", fence).inU64s("monitored_fence_values", 9).ok();
        s.call(A, "LX_DXSUBMITCOMMAND").in("broadcast_context_count", 1).in("broadcast_context", one).ok();
        long both = s.call(A, "LX_DXSUBMITCOMMAND").in("broadcast_context_count", 2)
                .in("broadcast_context", (long) two << 32 | one).ok();
        s.call(A, "LX_DXSUBMITCOMMAND").in("broadcast_context_count", 1).in("broadcast_context", two).ok();
        s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU").in("context", one).in("object_count", 1)
                .inU32s("objects", fence).inU64s("monitored_fence_values", 10).ok();
        s.call(A, "LX_DXDESTROYCONTEXT").in("context", one).ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(2, m.waits().size(), m.waits().toString());
        assertEquals(both, m.waits().get(0).submitBehindSeq(), "the first submit naming context two, its second");
        assertEquals(-1, m.waits().get(1).submitBehindSeq(), "its context went before anything was submitted");
    }

    /**
     * A sync file is a wait for its fence value from the moment it is made; waiting on it from a
     * context is a GPU wait for the same value; opening a sync object from it gives a handle on the
     * same fence.
     */
    @Test
    void syncFilesAreWaitsOnTheirFenceValue() throws Exception {
        Script s = new Script(dir.resolve("syncfile.dxgcap"));
        prologue(s, A);
        int ctx = 0x40000080;
        int fence = 0x40000200;
        int opened = 0x40000300;
        s.call(A, "LX_DXCREATECONTEXTVIRTUAL").in("device", DEVICE).out("context", ctx).ok();
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        long fileSeq = s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence)
                .in("fence_value", 3).out("sync_file_handle", 7).ok();
        long gpuWaitSeq = s.call(A, "LX_DXWAITSYNCFILE").in("sync_file_handle", 7).in("context", ctx).ok();
        s.call(A, "LX_DXOPENSYNCOBJECTFROMSYNCFILE").in("sync_file_handle", 7).in("device", DEVICE)
                .out("syncobj", opened).out("fence_value", 3).ok();
        long signalSeq = s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE)
                .in("object_count", 1).inU32s("objects", fence).inU64s("fence_values", 3).ok();
        long throughOpened = s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE)
                .in("object_count", 1).inU32s("objects", opened).inU64s("fence_values", 5).ok();
        var refused = s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence)
                .in("fence_value", 50);
        refused.enter();
        refused.leave(-1, 22);
        long neverSeq = s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence)
                .in("fence_value", 100).out("sync_file_handle", 8).ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(4, m.waits().size(), m.waits().toString());
        Wait file = m.waits().get(0);
        assertEquals(Wait.Kind.SYNC_FILE, file.kind());
        assertEquals(fileSeq, file.seq());
        assertEquals(3, file.value());
        assertEquals(Wait.Outcome.SATISFIED, file.outcome());
        assertEquals(signalSeq, file.satisfiedBy().seq());
        Wait gpu = m.waits().get(1);
        assertEquals(Wait.Kind.GPU, gpu.kind());
        assertEquals(gpuWaitSeq, gpu.seq());
        assertEquals(ctx, gpu.context().handle());
        assertEquals(fence, gpu.object().handle());
        assertEquals(3, gpu.value());
        assertEquals(signalSeq, gpu.satisfiedBy().seq());
        SyncObject o = (SyncObject) m.objects().stream().filter(x -> x.handle() == opened).findFirst().orElseThrow();
        assertSame(file.object().fence(), o.fence(), "the opened handle shares the sync file's fence");
        assertEquals(5, o.fence().valueAt(throughOpened + 1), "a signal through the opened handle moves that fence");
        assertEquals(Wait.Outcome.FAILED, m.waits().get(2).outcome(), "the sync file was not made");
        Wait never = m.waits().get(3);
        assertEquals(neverSeq, never.seq());
        assertEquals(Wait.Kind.SYNC_FILE, never.kind());
        assertTrue(never.stuck(), "a sync file whose value never came");
    }

    /**
     * A sync file is a descriptor: closed, passed to another process (which waits on it there), lost
     * at exec (O_CLOEXEC), or never closed (a leak suspect).
     */
    @Test
    void syncFilesAreDescriptorsFollowedAcrossProcessesAndIntoLeaks() throws Exception {
        Script s = new Script(dir.resolve("syncfile-fds.dxgcap"));
        prologue(s, A);
        prologue(s, B);
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        long closedMade = s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence)
                .in("fence_value", 3).out("sync_file_handle", 7).ok();
        s.fd(A, 2, 7, -1, new int[0]); /* close(7) */
        long closed = s.seq();
        s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence).in("fence_value", 4)
                .out("sync_file_handle", 8).ok();
        s.fd(A, 4, 5, -1, new int[] {8}, "anon_inode:sync_file"); /* sent over socket 5 */
        s.fd(A, 2, 8, -1, new int[0]);
        s.fd(B, 5, 6, -1, new int[] {12}, "anon_inode:sync_file"); /* B receives it as fd 12 */
        long bWait = s.call(B, "LX_DXWAITSYNCFILE").in("sync_file_handle", 12).in("context", 0).ok();
        long notAFile = s.call(B, "LX_DXWAITSYNCFILE").in("sync_file_handle", 3 /* /dev/dxg */).in("context", 0).ok();
        s.process(B, 3, 0, 0, "/bin/other", "other"); /* exec: fd 12 goes */
        long exec = s.seq();
        s.call(A, "LX_DXCREATESYNCFILE").in("device", DEVICE).in("monitored_fence", fence).in("fence_value", 9)
                .out("sync_file_handle", 9).ok();
        s.process(A, 4, 0, 0); /* exits holding fd 9 */
        long exit = s.seq();
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess a = m.processes().get(0);
        DxgProcess b = m.processes().get(1);
        List<FdRef> files = a.fds().stream().filter(f -> f.syncFence() != null).toList();
        assertEquals(List.of(7, 8, 9), files.stream().map(FdRef::fd).toList());
        FdRef first = files.get(0);
        assertEquals(FdRef.Origin.SYNC_FILE, first.origin());
        assertEquals(fence, first.syncFence().handle());
        assertEquals(3, first.syncValue());
        assertEquals(closedMade + 1, first.openedSeq(), "open from the call's return");
        assertEquals(closed, first.closedSeq());
        assertEquals(FdRef.CloseReason.CLOSE, first.closeReason());
        FdRef received = b.fds().stream().filter(f -> f.fd() == 12).findFirst().orElseThrow();
        assertEquals(FdRef.Origin.RECEIVED, received.origin());
        assertSame(files.get(1), received.from());
        assertEquals(4, received.syncValue(), "the copy is the same sync file");
        assertEquals(exec, received.closedSeq());
        assertEquals(FdRef.CloseReason.EXEC, received.closeReason(), "sync files are O_CLOEXEC");
        List<Wait> bWaits = m.waits().stream().filter(w -> w.process() == b).toList();
        assertEquals(1, bWaits.size(), "fd 3 of B is no sync file: " + bWaits);
        assertEquals(bWait, bWaits.get(0).seq());
        assertEquals(Wait.Kind.GPU, bWaits.get(0).kind());
        assertEquals(fence, bWaits.get(0).object().handle(), "B waits on A's fence through the passed sync file");
        assertEquals(4, bWaits.get(0).value());
        assertTrue(notAFile > bWait);
        assertEquals(exit, files.get(2).closedSeq());
        assertEquals(FdRef.CloseReason.EXIT, files.get(2).closeReason());
        List<Leaks.Suspect> leaked = Leaks.ofCapture(m).suspects().stream()
                .filter(x -> x.reason() == Leaks.Reason.SYNC_FILE_NEVER_CLOSED).toList();
        assertEquals(1, leaked.size(), "only fd 9: 7 and 8 were closed, 12 went at exec");
        assertSame(files.get(2), leaked.get(0).fd());
        assertEquals(List.of(a.label(), "fd 9 (LX_DXCREATESYNCFILE)", "sync file on " + files.get(2).syncFence().describe()
                + " at value 9"), leaked.get(0).path());
    }

    @Test
    void eachWaitIsLinkedToTheFirstSignalThatReachedItsValue() throws Exception {
        Script s = new Script(dir.resolve("signals.dxgcap"));
        prologue(s, A);
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        long[] signalSeqs = new long[40];
        for (int i = 0; i < signalSeqs.length; i++) { /* 2, 4, ... 80 */
            signalSeqs[i] = s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE)
                    .in("object_count", 1).inU32s("objects", fence).inU64s("fence_values", 2L * (i + 1)).ok();
        }
        long[] asked = {1, 2, 3, 41, 62, 79, 80, 81};
        for (long v : asked) {
            s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                    .inU32s("objects", fence).inU64s("fence_values", v).ok();
        }
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(asked.length, m.waits().size());
        assertEquals(40, m.signals().size());
        for (int i = 0; i < asked.length - 1; i++) {
            Wait w = m.waits().get(i);
            int first = (int) ((asked[i] + 1) / 2) - 1; /* the signal of the smallest even value >= asked */
            assertEquals(Wait.Outcome.SATISFIED, w.outcome(), w.toString());
            assertEquals(signalSeqs[first], w.satisfiedBy().seq(), "wait for " + asked[i]);
            assertEquals(m.signals().get(first), w.satisfiedBy(), "the same signal, seen from the list");
        }
        Wait beyond = m.waits().get(asked.length - 1);
        assertEquals(Wait.Outcome.SATISFIED, beyond.outcome(), "the blocking wait returned: the fence reached 81");
        assertNull(beyond.satisfiedBy(), "but no captured signal asked for 81");
        assertEquals(m.waits().get(3), m.waits().get(3), "two views of one wait are equal");
        assertEquals(m.waits().get(3).hashCode(), m.waits().get(3).hashCode());
        assertNotEquals(m.waits().get(3), m.waits().get(4));
    }

    /**
     * QueryVideoMemoryInfo answers for its caller only, so a snapshot's budget is the snapshot's
     * own: the nearest fact about the other processes on that adapter, and it is used for them.
     */
    @Test
    void aSnapshotsBudgetIsTheBudgetOfTheProcessesOnItsAdapter() throws Exception {
        Script s = new Script(dir.resolve("budget.dxgcap"));
        prologue(s, A);
        s.call(A, "LX_DXCREATEPAGINGQUEUE").in("device", DEVICE).out("paging_queue", 0x40000300)
                .out("sync_object", 0x40000340).ok();
        allocate(s, A, 0x40000380, 1000);
        s.vidmemSample(999, 0x1234, 1, 512, 0);
        s.vidmemSample(999, 0x9999, 1, 1 << 30, 0); /* another adapter's: not this one's */
        s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 1)
                .inU32s("allocation_list", 0x40000380).ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(512, m.residencyOps().get(0).budget(), "the budget when the call was made");
        ResidencyAnalysis.Line line = ResidencyAnalysis.of(m).lines().get(0);
        assertEquals(A, line.line().process().pid());
        assertEquals(512, line.budget());
        assertTrue(line.overBudget(), "1000 bytes resident against 512");
    }

    /**
     * A parent's wait gives a child's real end: a status the child could not tell (a return from
     * main), and a crash the child never recorded, which also ends it and tears its objects down.
     * A reaped pid the capture never had makes no process.
     */
    @Test
    void aParentsWaitGivesItsChildrensEnd() throws Exception {
        Script s = new Script(dir.resolve("reaped.dxgcap"));
        s.process(A, 1, 1, 0, "/bin/runner", "runner");
        prologue(s, B, A);
        s.process(B, 4, 0, Integer.MIN_VALUE); /* returned from main: no status */
        s.process(A, 6, B, 7);
        prologue(s, B + 1, A); /* crashes: no EXIT of its own */
        s.process(A, 6, B + 1, -11);
        s.process(A, 6, 4242, 0);
        prologue(s, B + 2); /* started by another parent (1); A reaps an unprobed child that reused its pid */
        s.process(B + 2, 4, 0, 0);
        s.process(A, 6, B + 2, 9);
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess returned = m.processes().stream().filter(p -> p.pid() == B).findFirst().orElseThrow();
        DxgProcess crashed = m.processes().stream().filter(p -> p.pid() == B + 1).findFirst().orElseThrow();
        assertEquals(7, returned.exitStatus());
        assertTrue(crashed.exited());
        assertEquals(-11, crashed.exitStatus());
        assertTrue(crashed.objects().stream().noneMatch(DxgObject::aliveAtEnd), "torn down at the crash");
        assertTrue(m.processes().stream().noneMatch(p -> p.pid() == 4242));
        assertEquals(0, m.processes().stream().filter(p -> p.pid() == B + 2).findFirst().orElseThrow().exitStatus(),
                "not A's child: its status stays its own");
    }

    /**
     * A MakeResident naming a destroyed allocation: the call counts the allocation it knows and the
     * handle it does not, and its bytes are the known ones (not a claim that the stale one is 0 B).
     */
    @Test
    void aResidencyCallCountsTheHandlesTheCaptureDoesNotKnow() throws Exception {
        Script s = new Script(dir.resolve("stale-mr.dxgcap"));
        prologue(s, A);
        s.call(A, "LX_DXCREATEPAGINGQUEUE").in("device", DEVICE).out("paging_queue", 0x40000300)
                .out("sync_object", 0x40000340).ok();
        allocate(s, A, 0x40000380, 1000);
        allocate(s, A, 0x400003c0, 24);
        s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1).inU32s("allocations", 0x400003c0)
                .ok();
        failNow(s, s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 2)
                .inU32s("allocation_list", 0x40000380, 0x400003c0), 22);
        s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 1)
                .inU32s("allocation_list", 0x40000380).ok();
        s.call(A, "LX_DXMAKERESIDENT").in("paging_queue", 0x40000300).in("alloc_count", 3).ok(); /* list not captured */
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(3, m.residencyOps().get(2).unknownHandles(), "handles the call named but the capture lacks");
        assertEquals(0, m.residencyOps().get(2).allocations().size());
        ResidencyOp stale = m.residencyOps().get(0);
        assertEquals(1, stale.allocations().size());
        assertEquals(1, stale.unknownHandles(), "the destroyed allocation's handle");
        assertEquals(1000, stale.bytes(), "known bytes only");
        assertEquals(0, m.residencyOps().get(1).unknownHandles());
    }

    /**
     * {@code dxgcap snapshot}'s worker runs under the probe: its QueryVideoMemoryInfo and the device
     * sample that reports the answer are one fact, listed once (as the sample); a query whose answer
     * the sample does not repeat stays.
     */
    @Test
    void aSamplersOwnQueryAndItsSampleAreOneBudget() throws Exception {
        Script s = new Script(dir.resolve("sampler.dxgcap"));
        prologue(s, A);
        s.call(A, "LX_DXQUERYVIDEOMEMORYINFO").in("adapter", ADAPTER).in("memory_segment_group", 0)
                .out("budget", 4096).out("current_usage", 0).ok();
        s.vidmemSample(A, 0x1234, 0, 4096, 0);
        s.call(A, "LX_DXQUERYVIDEOMEMORYINFO").in("adapter", ADAPTER).in("memory_segment_group", 1)
                .out("budget", 8192).out("current_usage", 0).ok();
        s.vidmemSample(A, 0x1234, 1, 9000, 0); /* not what the query said: both stay */
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(List.of(4096L, 8192L, 9000L), m.budgets().stream().map(Budget::budget).toList());
        assertEquals(List.of(Budget.DEVICE_SAMPLE, "LX_DXQUERYVIDEOMEMORYINFO", Budget.DEVICE_SAMPLE),
                m.budgets().stream().map(Budget::source).toList());
    }

    /** dxgcap snapshot's own sampler is named as such, not as one more "dxgcap" application. */
    @Test
    void theSnapshotsSamplerIsNamed() throws Exception {
        Script s = new Script(dir.resolve("named.dxgcap"));
        s.process(A, 1, 1, 0, "/opt/dxgscope/bin/dxgcap", "dxgcap", "__snapshot-worker", "500", "5");
        s.process(B, 1, 1, 0, "/opt/dxgscope/bin/dxgcap", "dxgcap", "info", "x.dxgcap");
        s.end(0);
        CaptureModel m = s.model();
        DxgProcess sampler = m.processes().get(0);
        assertTrue(sampler.isSnapshotSampler());
        assertEquals("dxgcap snapshot (pid " + A + ")", sampler.label());
        assertEquals("dxgcap __snapshot-worker 500 5", sampler.commandLine(), "the command line stays what ran");
        assertEquals("dxgcap (pid " + B + ")", m.processes().get(1).label(), "dxgcap doing anything else is dxgcap");
        assertTrue(!m.processes().get(1).isSnapshotSampler());
    }

    /**
     * Pids are used again, so a budget belongs to the process that had its pid when it was asked
     * for: a snapshot's and a caller's own, and one a caller asks about another pid.
     */
    @Test
    void aBudgetBelongsToTheProcessThatHadItsPidThen() throws Exception {
        Script s = new Script(dir.resolve("budget-pid.dxgcap"));
        prologue(s, A);
        prologue(s, B);
        s.vidmemSample(A, 0x1234, 1, 512, 0);
        s.call(B, "LX_DXQUERYVIDEOMEMORYINFO").in("process", A).in("adapter", ADAPTER).in("memory_segment_group", 1)
                .out("budget", 600).out("current_usage", 0).ok();
        s.process(A, 4, 0, 0);
        s.process(A, 1, 1, 0, "/bin/other", "other"); /* the pid again, another process */
        s.vidmemSample(A, 0x1234, 1, 1024, 0);
        s.call(B, "LX_DXQUERYVIDEOMEMORYINFO").in("process", A).in("adapter", ADAPTER).in("memory_segment_group", 1)
                .out("budget", 700).out("current_usage", 0).ok();
        s.call(A, "LX_DXQUERYVIDEOMEMORYINFO").in("adapter", ADAPTER).in("memory_segment_group", 1)
                .out("budget", 800).out("current_usage", 0).ok();
        s.end(0);
        CaptureModel m = s.model();
        List<DxgProcess> as = m.processes().stream().filter(p -> p.pid() == A).toList();
        assertEquals(2, as.size(), "pid " + A + " twice");
        DxgProcess first = as.get(0);
        DxgProcess second = as.get(1);
        assertTrue(first.exited());
        assertFalse(second.exited());
        assertEquals(List.of(512L, 600L, 1024L, 700L, 800L), m.budgets().stream().map(Budget::budget).toList());
        assertEquals(List.of(first, first, second, second, second), m.budgets().stream().map(Budget::process).toList(),
                "the first process's budgets stay its own after its pid is used again");
        assertTrue(m.budgets().stream().allMatch(b -> b.pid() == A));
    }

    /**
     * Offered allocations stop counting as resident; reclaimed ones count again, unless the host
     * reports one NOT_COMMITTED. Neither step is an eviction or churn.
     */
    @Test
    void offeredAllocationsLeaveTheResidentBytesUntilReclaimed() throws Exception {
        Script s = new Script(dir.resolve("offer.dxgcap"));
        long mr = twoResident(s);
        long offer = s.call(A, "LX_DXOFFERALLOCATIONS").in("device", DEVICE).in("allocation_count", 1)
                .inU32s("allocations", 0x40000380).ok();
        long reclaim = s.call(A, "LX_DXRECLAIMALLOCATIONS2").in("paging_queue", 0x40000300).in("allocation_count", 1)
                .inU32s("allocations", 0x40000380).outU32s("results", 0 /* OK */).ok();
        s.call(A, "LX_DXOFFERALLOCATIONS").in("device", DEVICE).in("allocation_count", 1)
                .inU32s("allocations", 0x40000380).ok();
        long discarded = s.call(A, "LX_DXRECLAIMALLOCATIONS2").in("paging_queue", 0x40000300)
                .in("allocation_count", 1).inU32s("allocations", 0x40000380).outU32s("results", 1 /* DISCARDED */)
                .ok();
        s.call(A, "LX_DXOFFERALLOCATIONS").in("device", DEVICE).in("allocation_count", 1)
                .inU32s("allocations", 0x400003c0).ok();
        long lost = s.call(A, "LX_DXRECLAIMALLOCATIONS2").in("paging_queue", 0x40000300).in("allocation_count", 1)
                .inU32s("allocations", 0x400003c0).outU32s("results", 2 /* NOT_COMMITTED */).ok();
        s.call(A, "LX_DXOFFERALLOCATIONS").in("device", DEVICE).in("allocation_count", 1)
                .inU32s("allocations", 0x40000380).ok();
        var later = s.call(A, "LX_DXRECLAIMALLOCATIONS2").in("paging_queue", 0x40000300).in("allocation_count", 1)
                .inU32s("allocations", 0x40000380).out("paging_fence_value", 7).outU32s("results", 1 /* DISCARDED */);
        long pending = later.enter();
        later.leave(0x103 /* STATUS_PENDING */, 0);
        long paged = s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", 0x40000340).inU64s("fence_values", 7).ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(List.of(ResidencyOp.Kind.MAKE_RESIDENT, ResidencyOp.Kind.OFFER, ResidencyOp.Kind.RECLAIM,
                ResidencyOp.Kind.OFFER, ResidencyOp.Kind.RECLAIM, ResidencyOp.Kind.OFFER, ResidencyOp.Kind.RECLAIM,
                ResidencyOp.Kind.OFFER, ResidencyOp.Kind.RECLAIM),
                m.residencyOps().stream().map(ResidencyOp::kind).toList());
        assertEquals(List.of(), m.residencyOps().get(2).discarded(), "result OK: the content survived");
        assertEquals(List.of(0x40000380), m.residencyOps().get(4).discarded().stream().map(DxgObject::handle)
                .toList(), "result DISCARDED: resident again, content lost");
        assertEquals(List.of(), m.residencyOps().get(6).discarded(), "NOT_COMMITTED is not a discard");
        assertEquals(1000, m.residencyOps().get(1).bytes());
        CaptureModel.ResidentLine line = m.residentLines().get(0);
        assertEquals(1024, line.bytes().valueAt(mr + 1, -1));
        assertEquals(24, line.bytes().valueAt(offer + 1, -1), "the offered 1000 bytes are not counted");
        assertEquals(1024, line.bytes().valueAt(reclaim + 1, -1));
        assertEquals(1000, line.bytes().valueAt(lost + 1, -1), "NOT_COMMITTED: the 24 bytes have no memory");
        Allocation big = (Allocation) m.objects().stream().filter(o -> o.handle() == 0x40000380).findFirst()
                .orElseThrow();
        assertEquals(Residency.OFFERED, big.residencyAt(offer + 1));
        assertEquals(Residency.RESIDENT, big.residencyAt(reclaim + 1));
        assertEquals(Residency.DISCARDED, big.residencyAt(discarded + 1), "resident again, its content lost");
        assertTrue(Residency.DISCARDED.resident());
        assertEquals(Residency.PENDING, big.residencyAt(pending + 1), "reclaimed, the paging fence not reached yet");
        assertEquals(Residency.DISCARDED, big.residencyAt(paged + 1), "the pending reclaim completed discarded");
        assertEquals(List.of(0x40000380), m.residencyOps().get(8).discarded().stream().map(DxgObject::handle)
                .toList());
        assertEquals(1000, line.bytes().valueAt(paged + 1, -1), "a discarded allocation counts as resident");
        Allocation small = (Allocation) m.objects().stream().filter(o -> o.handle() == 0x400003c0).findFirst()
                .orElseThrow();
        assertEquals(Residency.NOT_RESIDENT, small.residencyAtEnd());
        ResidencyAnalysis.Result r = ResidencyAnalysis.of(m);
        assertTrue(r.churn().isEmpty(), r.churn().toString());
        assertEquals(0, r.totalEvicted());
    }

    /** Lock2 nests: an allocation is locked from the first Lock2 to the Unlock2 that balances it. */
    @Test
    void lockStateFollowsNestedLock2AndUnlock2() throws Exception {
        Script s = new Script(dir.resolve("lock.dxgcap"));
        prologue(s, A);
        allocate(s, A, 0x40000380, 4096);
        long stray = s.call(A, "LX_DXUNLOCK2").in("device", DEVICE).in("allocation", 0x40000380).ok();
        long l1 = s.call(A, "LX_DXLOCK2").in("device", DEVICE).in("allocation", 0x40000380).out("data", 0x7f000000L).ok();
        long l2 = s.call(A, "LX_DXLOCK2").in("device", DEVICE).in("allocation", 0x40000380).out("data", 0x7f000000L).ok();
        long u1 = s.call(A, "LX_DXUNLOCK2").in("device", DEVICE).in("allocation", 0x40000380).ok();
        long u2 = s.call(A, "LX_DXUNLOCK2").in("device", DEVICE).in("allocation", 0x40000380).ok();
        var refused = s.call(A, "LX_DXLOCK2").in("device", DEVICE).in("allocation", 0x40000380);
        refused.enter();
        refused.leave(-1, 22);
        long l3 = s.call(A, "LX_DXLOCK2").in("device", DEVICE).in("allocation", 0x40000380).out("data", 0x7f000000L).ok();
        s.end(0);
        CaptureModel m = s.model();
        Allocation a = (Allocation) m.objects().stream().filter(o -> o.handle() == 0x40000380).findFirst().orElseThrow();
        assertFalse(a.lockedAt(stray + 1), "an Unlock2 without a Lock2 changes nothing");
        assertTrue(a.lockedAt(l1 + 1));
        assertTrue(a.lockedAt(l2 + 1));
        assertTrue(a.lockedAt(u1 + 1), "still locked: two Lock2, one Unlock2");
        assertFalse(a.lockedAt(u2 + 1));
        assertTrue(a.lockedAt(l3 + 1), "a failed Lock2 locks nothing, the next one does");
        assertEquals(List.of(l1 + 1, u2 + 1, l3 + 1, DxgObject.ALIVE), java.util.Arrays.stream(a.lockIntervals())
                .boxed().toList());
        assertEquals(true, reportRow(m, null, a).get("locked"), "locked at the end");
        assertEquals(2, reportRow(m, null, a).get("locks"));
        assertEquals(false, reportRow(m, u2 + 1, a).get("locked"));
        assertTrue(a.lockedWhileAliveAt(l3 + 1));
        assertFalse(a.lockedWhileAliveAt(a.createdSeq() - 1));
    }

    /** An allocation destroyed while locked is not locked once it is gone. */
    @Test
    void anAllocationDestroyedWhileLockedIsNotLockedAfter() throws Exception {
        Script s = new Script(dir.resolve("lock-gone.dxgcap"));
        prologue(s, A);
        allocate(s, A, 0x40000380, 4096);
        long lock = s.call(A, "LX_DXLOCK2").in("device", DEVICE).in("allocation", 0x40000380).out("data", 0x7f000000L)
                .ok();
        long gone = s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1)
                .inU32s("allocations", 0x40000380).ok();
        s.end(0);
        Allocation a = (Allocation) s.model().objects().stream().filter(o -> o.handle() == 0x40000380).findFirst()
                .orElseThrow();
        assertTrue(a.lockedWhileAliveAt(lock + 1));
        assertFalse(a.aliveAt(gone + 1));
        assertTrue(a.lockedAt(gone + 1), "the lock interval itself never closed");
        assertFalse(a.lockedWhileAliveAt(gone + 1));
        assertEquals("destroyed", a.stateAt(gone + 1));
    }

    /** The report's objects row of {@code o}, at {@code at} (null: the end). */
    private static Map<?, ?> reportRow(CaptureModel m, Long at, DxgObject o) {
        List<?> rows = (List<?>) new dev.dxgscope.model.report.ReportBuilder(m, "script")
                .build(at, null, java.util.Set.of("objects")).get("objects");
        return rows.stream().map(r -> (Map<?, ?>) r).filter(r -> r.get("id").equals(o.id())).findFirst().orElseThrow();
    }

    @Test
    void residentBytesFollowMakeResidentAndEvict() throws Exception {
        Script s = new Script(dir.resolve("residency.dxgcap"));
        long mr = twoResident(s);
        long ev = s.call(A, "LX_DXEVICT").in("device", DEVICE).in("alloc_count", 1).inU32s("allocations", 0x40000380)
                .ok();
        s.end(0);
        CaptureModel m = s.model();
        assertEquals(2, m.residencyOps().size());
        assertEquals(1024, m.residencyOps().get(0).bytes());
        assertEquals(mr + 1, m.residencyOps().get(0).completedSeq(), "returned 0: resident at once");
        CaptureModel.ResidentLine line = m.residentLines().get(0);
        assertEquals(1, line.segmentGroup(), "existing-heap allocations live in system memory");
        assertEquals(1024, line.bytes().valueAt(mr + 1, -1));
        assertEquals(24, line.bytes().valueAt(ev + 1, -1));
        assertEquals(0, line.bytes().valueAt(mr - 1, 0));
        Allocation a = (Allocation) m.objects().stream().filter(o -> o.handle() == 0x40000380).findFirst()
                .orElseThrow();
        assertEquals(Residency.RESIDENT, a.residencyAt(mr + 1));
        assertEquals(Residency.EVICTED, a.residencyAt(ev + 1));
        assertEquals(Residency.UNKNOWN, a.residencyAt(mr - 1));
        assertEquals("not yet created", a.stateAt(a.createdSeq() - 1));
        assertEquals("unknown (no MakeResident or query seen)", a.stateAt(mr - 1));
        assertEquals("evicted", a.stateAt(ev + 1));
        assertEquals(Residency.EVICTED, a.residencyAt(a.destroyedSeq()), "its last residency");
        assertEquals("destroyed", a.stateAt(a.destroyedSeq()), "what a view shows once it is gone");
        assertNull(m.failedCalls().isEmpty() ? null : m.failedCalls());
    }

    /**
     * A diff between two seqs covers every tracker: objects, descriptors, shared objects, fence
     * values, resident bytes and waits; what happens before or after the interval is not in it.
     */
    @Test
    void aDiffCoversObjectsDescriptorsSharesFencesResidencyAndWaits() throws Exception {
        Script s = new Script(dir.resolve("diff.dxgcap"));
        twoResident(s);
        int fence = 0x40000200;
        s.call(A, "LX_DXCREATESYNCHRONIZATIONOBJECT").in("device", DEVICE).in("info", 5 /* monitored fence */)
                .out("sync_object", fence).ok();
        s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 1).ok();
        long from = s.seq();
        s.call(A, "LX_DXSHAREOBJECTS").in("object_count", 1).inU32s("objects", fence).outU64s("shared_handle", 10)
                .ok();
        s.call(A, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE).in("object_count", 1)
                .inU32s("objects", fence).inU64s("fence_values", 5).ok();
        long waitSeq = s.call(A, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU").in("device", DEVICE)
                .in("object_count", 1).inU32s("objects", fence).inU64s("fence_values", 10).enter();
        s.call(A, "LX_DXEVICT").in("device", DEVICE).in("alloc_count", 1).inU32s("allocations", 0x40000380).ok();
        allocate(s, A, 0x40000400, 64);
        allocate(s, A, 0x40000440, 64);
        s.call(A, "LX_DXDESTROYALLOCATION2").in("device", DEVICE).in("alloc_count", 1)
                .inU32s("allocations", 0x40000440).ok();
        s.fd(A, 1, 11, -1, new int[0], "/dev/dxg");
        s.fd(A, 2, 11, -1, new int[0]);
        long to = s.seq();
        s.fd(A, 2, 10, -1, new int[0]);
        allocate(s, A, 0x40000480, 64);
        s.end(0);
        CaptureModel m = s.model();
        Diff d = Diff.between(m, from, to);
        assertEquals(List.of(0x40000400, 0x40000440), d.created().stream().map(DxgObject::handle).toList());
        assertEquals(List.of(0x40000440), d.destroyed().stream().map(DxgObject::handle).toList());
        assertEquals(List.of(0x40000400), d.createdAndAlive().stream().map(DxgObject::handle).toList());
        assertEquals(List.of(10, 11), d.fdsOpened().stream().map(FdRef::fd).toList());
        assertEquals(List.of(11), d.fdsClosed().stream().map(FdRef::fd).toList());
        assertEquals(List.of(10), d.fdsOpenedAndOpen().stream().map(FdRef::fd).toList());
        assertEquals(1, d.sharesCreated().size());
        assertEquals(fence, d.sharesCreated().get(0).creator().handle());
        assertEquals(List.of(), d.sharesReleased());
        assertEquals(1, d.fences().size(), d.fences().toString());
        assertEquals(fence, d.fences().get(0).fence().creator().handle());
        assertEquals(1, d.fences().get(0).before());
        assertEquals(5, d.fences().get(0).after());
        assertEquals(1, d.resident().size());
        assertEquals(1024, d.resident().get(0).before());
        assertEquals(24, d.resident().get(0).after());
        assertEquals(-1000, d.resident().get(0).delta());
        assertEquals(List.of(waitSeq), d.waitsBegunAndPending().stream().map(Wait::seq).toList());
        Diff none = Diff.between(m, to, to);
        assertEquals(0, none.created().size() + none.destroyed().size() + none.fdsOpened().size()
                + none.fdsClosed().size() + none.fences().size() + none.resident().size()
                + none.waitsBegunAndPending().size(), "an empty interval changes nothing");
    }
}
