package dev.dxgscope.bench;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Synthetic captures the model can track, of a known size: a SESSION and the real ABI record, then
 * {@value #PROCESSES} processes that open /dev/dxg, enumerate an adapter, create a device, a paging
 * queue and {@value #FENCES} monitored fences each, and then take turns at a cycle of real ioctls:
 * CreateAllocation (a standard allocation of 4 KiB to 512 KiB), MakeResident of it, a CPU signal
 * of one of their fences, a CPU wait for that value, and DestroyAllocation2 of the allocation made
 * {@value #WINDOW} cycles earlier, so each process holds {@value #WINDOW} allocations at a time
 * (the wait can be left out: see {@link #write}). A leaking capture skips the destroys (every
 * allocation stays alive); a normal one ends with the processes exiting. Then END. Seqs are dense
 * from 1, each record 1 us after the last. Handles are spaced by 0x40, as the driver hands them out.
 *
 * <p>Cost: about 200 bytes a record on disk (2 GB at 10M events); writes about 2M records a second.
 */
final class ModelCaptures {
    static final int PROCESSES = 4;
    static final int FENCES = 4;
    static final int WINDOW = 256;
    private static final int PROLOGUE = 8 + 2 * FENCES;
    private static final int ADAPTER = 0x40000000;
    private static final int DEVICE = 0x40000040;
    private static final int PAGING_QUEUE = 0x40000080;
    private static final int PAGING_FENCE = 0x400000c0;
    private static final int FENCE = 0x40000100;
    private static final int ALLOCATION = 0x40010000;

    /** What a capture holds, to check the loaded model against. */
    record Shape(long records, int processes, long objects, long allocations, long aliveAtEnd, long fences,
            long signals, long waits, long residencyOps, long lastSeq, boolean leak) {
    }

    private ModelCaptures() {
    }

    /** Records of a leaking capture that ends with {@code allocations} allocations alive. */
    static long eventsForLeak(long allocations, boolean waits) {
        return 2 + (long) PROCESSES * PROLOGUE + (waits ? 8 : 6) * allocations + 1;
    }

    /**
     * Writes about {@code events} records (never more). {@code leak}: no allocation is ever
     * destroyed. {@code waits}: each cycle waits for the value it signalled; false leaves the wait
     * out (8 records a cycle instead of 10), to see what the wait tracking costs.
     */
    static Shape write(Path path, long events, boolean leak, boolean waits) throws IOException {
        AbiTables abi = CaptureAbi.tables();
        try (CaptureWriter w = new CaptureWriter(path)) {
            return new Mix(w, abi, leak, waits).run(events);
        }
    }

    /** The writing state: the seq counter, each process's handles and fence values. */
    private static final class Mix {
        private final CaptureWriter w;
        private final IoctlRecords rec;
        private final boolean leak;
        private final boolean waits;
        private final int[] pids = new int[PROCESSES];
        private final long[] allocations = new long[PROCESSES];
        private final long[][] fenceValues = new long[PROCESSES][FENCES];
        private long seq;
        private long totalAllocations;
        private long cycles;

        private final IoctlRecords.Op enum3;
        private final IoctlRecords.Op createDevice;
        private final IoctlRecords.Op createPagingQueue;
        private final IoctlRecords.Op createSync;
        private final IoctlRecords.Op createAllocation;
        private final IoctlRecords.Op makeResident;
        private final IoctlRecords.Op signal;
        private final IoctlRecords.Op waitCpu;
        private final IoctlRecords.Op destroyAllocation;
        private final AbiTables.Struct adapterInfo;
        private final AbiTables.Struct standard;
        private final AbiTables.Struct allocationInfo;

        Mix(CaptureWriter w, AbiTables abi, boolean leak, boolean waits) {
            this.w = w;
            this.rec = new IoctlRecords(w);
            this.leak = leak;
            this.waits = waits;
            enum3 = new IoctlRecords.Op(abi, "LX_DXENUMADAPTERS3");
            createDevice = new IoctlRecords.Op(abi, "LX_DXCREATEDEVICE");
            createPagingQueue = new IoctlRecords.Op(abi, "LX_DXCREATEPAGINGQUEUE");
            createSync = new IoctlRecords.Op(abi, "LX_DXCREATESYNCHRONIZATIONOBJECT");
            createAllocation = new IoctlRecords.Op(abi, "LX_DXCREATEALLOCATION");
            makeResident = new IoctlRecords.Op(abi, "LX_DXMAKERESIDENT");
            signal = new IoctlRecords.Op(abi, "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU");
            waitCpu = new IoctlRecords.Op(abi, "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU");
            destroyAllocation = new IoctlRecords.Op(abi, "LX_DXDESTROYALLOCATION2");
            adapterInfo = enum3.struct("d3dkmt_adapterinfo");
            standard = createAllocation.struct("d3dkmt_createstandardallocation");
            allocationInfo = createAllocation.struct("d3dddi_allocationinfo2");
        }

        Shape run(long events) throws IOException {
            w.append(RecordKind.SESSION, ++seq, ts(), 1, 0, strings("clock=CLOCK_MONOTONIC", "command=synthetic-model",
                    "device=sim:bench", "private_data=on", "fence_sample_ms=0"));
            w.append(RecordKind.ABI, ++seq, ts(), 1, 0, ByteBuffer.wrap(CaptureAbi.payload()));
            for (int i = 0; i < PROCESSES; i++) {
                pids[i] = 1000 + 10 * i;
                prologue(pids[i]);
            }
            long tail = (leak ? 0 : PROCESSES) + 1;
            while (seq + nextCycle() + tail <= events) {
                cycle((int) (cycles % PROCESSES));
                cycles++;
            }
            if (!leak) {
                for (int pid : pids) {
                    process(pid, 4, 0, 0);
                }
            }
            ByteBuffer end = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(0).putLong(0);
            w.append(RecordKind.END, ++seq, ts(), 1, 0, end.flip());
            long objects = (long) PROCESSES * (4 + FENCES) + totalAllocations;
            return new Shape(seq, PROCESSES, objects, totalAllocations, leak ? objects : 0,
                    (long) PROCESSES * (1 + FENCES), cycles, waits ? cycles : 0, cycles, seq, leak);
        }

        private long ts() {
            return seq * 1000;
        }

        private void prologue(int pid) throws IOException {
            process(pid, 1, 1, 0, "/bin/bench-app", "bench-app", Integer.toString(pid));
            ByteBuffer fd = ByteBuffer.allocate(16 + 9).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(3).putInt(-1)
                    .putInt(0).put("/dev/dxg\0".getBytes(StandardCharsets.UTF_8));
            w.append(RecordKind.FD, ++seq, ts(), pid, pid, fd.flip());

            long e = ++seq;
            rec.enter(enum3).set(enum3.field("adapter_count"), 1).set(enum3.field("adapters"), 0x7100_0000L)
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, pid);
            rec.leave(enum3, e, 0).set(enum3.field("adapter_count"), 1).set(enum3.field("adapters"), 0x7100_0000L)
                    .buffer(enum3.buffer("adapters", false), adapterInfo.size())
                    .at(0, 0, adapterInfo.field("adapter_handle"), ADAPTER)
                    .at(0, 0, adapterInfo.field("adapter_luid"), 0x1234)
                    .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, pid);

            e = ++seq;
            rec.enter(createDevice).set(createDevice.field("adapter"), ADAPTER)
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, pid);
            rec.leave(createDevice, e, 0).set(createDevice.field("adapter"), ADAPTER)
                    .set(createDevice.field("device"), DEVICE).write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, pid);

            e = ++seq;
            rec.enter(createPagingQueue).set(createPagingQueue.field("device"), DEVICE)
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, pid);
            rec.leave(createPagingQueue, e, 0).set(createPagingQueue.field("device"), DEVICE)
                    .set(createPagingQueue.field("paging_queue"), PAGING_QUEUE)
                    .set(createPagingQueue.field("sync_object"), PAGING_FENCE)
                    .set(createPagingQueue.field("fence_cpu_virtual_address"), 0x7e00_0000L)
                    .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, pid);

            for (int f = 0; f < FENCES; f++) {
                e = ++seq;
                rec.enter(createSync).set(createSync.field("device"), DEVICE).set(createSync.field("info"), 5)
                        .write(RecordKind.IOCTL_ENTER, e, ts(), pid, pid);
                rec.leave(createSync, e, 0).set(createSync.field("device"), DEVICE).set(createSync.field("info"), 5)
                        .set(createSync.field("sync_object"), FENCE + (f << 6))
                        .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, pid);
            }
        }

        /** Records of the next cycle: 10, less 2 when it destroys nothing and 2 without the wait. */
        private int nextCycle() {
            return (!leak && allocations[(int) (cycles % PROCESSES)] >= WINDOW ? 10 : 8) - (waits ? 0 : 2);
        }

        /** One turn of process {@code i}: 10 records (8 when leaking, 2 less without the wait). */
        private void cycle(int i) throws IOException {
            int pid = pids[i];
            int tid = pid + (int) (cycles / PROCESSES & 1);
            long n = allocations[i]++;
            totalAllocations++;
            int handle = handle(n);
            long size = 4096L << (n & 7);

            IoctlRecords.Op op = createAllocation;
            long e = ++seq;
            rec.enter(op).set(op.field("device"), DEVICE).set(op.field("alloc_count"), 1)
                    .set(op.field("flags"), 1 << 16 /* standard_allocation */)
                    .set(op.field("standard_allocation"), 0x7200_0000L).set(op.field("allocation_info"), 0x7300_0000L)
                    .buffer(op.buffer("standard_allocation", true), standard.size())
                    .at(0, 0, standard.field("type"), 1).at(0, 0, standard.field("existing_heap_data"), size)
                    .buffer(op.buffer("allocation_info", true), allocationInfo.size())
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, tid);
            rec.leave(op, e, 0).set(op.field("device"), DEVICE).set(op.field("alloc_count"), 1)
                    .set(op.field("flags"), 1 << 16).set(op.field("standard_allocation"), 0x7200_0000L)
                    .set(op.field("allocation_info"), 0x7300_0000L)
                    .buffer(op.buffer("allocation_info", false), allocationInfo.size())
                    .at(0, 0, allocationInfo.field("allocation"), handle)
                    .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, tid);

            op = makeResident;
            e = ++seq;
            rec.enter(op).set(op.field("paging_queue"), PAGING_QUEUE).set(op.field("alloc_count"), 1)
                    .set(op.field("allocation_list"), 0x7400_0000L).u32(op.buffer("allocation_list", true), handle)
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, tid);
            rec.leave(op, e, 0).set(op.field("paging_queue"), PAGING_QUEUE).set(op.field("alloc_count"), 1)
                    .set(op.field("allocation_list"), 0x7400_0000L)
                    .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, tid);

            int f = (int) (cycles / PROCESSES % FENCES);
            long value = ++fenceValues[i][f];
            syncCall(signal, pid, tid, FENCE + (f << 6), value);
            if (waits) {
                syncCall(waitCpu, pid, tid, FENCE + (f << 6), value);
            }

            if (!leak && n >= WINDOW) {
                op = destroyAllocation;
                int old = handle(n - WINDOW);
                e = ++seq;
                rec.enter(op).set(op.field("device"), DEVICE).set(op.field("alloc_count"), 1)
                        .set(op.field("allocations"), 0x7500_0000L).u32(op.buffer("allocations", true), old)
                        .write(RecordKind.IOCTL_ENTER, e, ts(), pid, tid);
                rec.leave(op, e, 0).set(op.field("device"), DEVICE).set(op.field("alloc_count"), 1)
                        .set(op.field("allocations"), 0x7500_0000L)
                        .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, tid);
            }
        }

        private void syncCall(IoctlRecords.Op op, int pid, int tid, int fence, long value) throws IOException {
            long e = ++seq;
            rec.enter(op).set(op.field("device"), DEVICE).set(op.field("object_count"), 1)
                    .set(op.field("objects"), 0x7600_0000L).set(op.field("fence_values"), 0x7700_0000L)
                    .u32(op.buffer("objects", true), fence).u64(op.buffer("fence_values", true), value)
                    .write(RecordKind.IOCTL_ENTER, e, ts(), pid, tid);
            rec.leave(op, e, 0).set(op.field("device"), DEVICE).set(op.field("object_count"), 1)
                    .set(op.field("objects"), 0x7600_0000L).set(op.field("fence_values"), 0x7700_0000L)
                    .write(RecordKind.IOCTL_LEAVE, ++seq, ts(), pid, tid);
        }

        private static int handle(long n) {
            if (n >= (0xbfff0000L >>> 6)) {
                throw new IllegalStateException("too many allocations for distinct handles in one process");
            }
            return (int) (ALLOCATION + (n << 6));
        }

        private void process(int pid, int op, int other, int status, String... strings) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(op).putInt(other)
                    .putInt(status).putInt(0).array());
            b.writeBytes(strings(strings).array());
            w.append(RecordKind.PROCESS, ++seq, ts(), pid, op == 4 ? 0 : pid, ByteBuffer.wrap(b.toByteArray()));
        }

        private static ByteBuffer strings(String... s) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String x : s) {
                b.writeBytes(x.getBytes(StandardCharsets.UTF_8));
                b.write(0);
            }
            return ByteBuffer.wrap(b.toByteArray());
        }
    }
}
