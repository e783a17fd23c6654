package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.LongMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Signals, waits and fence values. A wait ends when the capture shows its fence at or past the
 * value (the blocking call returned, a fence page sample, a CPU signal, the host signalling the
 * wait's event); it is linked to the first signal that asked for that value. Waits never shown
 * satisfied are stuck.
 */
final class SyncTracker implements ObjectTracker.Listener {
    /** Told when a fence is seen at a value. */
    interface FenceListener {
        void reached(Fence fence, long value, long seq);
    }

    private final ObjectTracker objects;
    final SignalStore signals;
    final WaitStore waits;
    /** Pending waits (indices) by fence id. */
    private final ArrayList<Ints> pending = new ArrayList<>();
    /** Signals by fence id (dense ids: a list lookup where a map lookup showed in profiles). */
    private final ArrayList<SignalList> signalsByFence = new ArrayList<>();
    /** The waits of one call are added together: [first, end) by the call's enter seq. */
    private final LongMap<int[]> waitsByCall = new LongMap<>();
    private final LongMap<int[]> waitsByEvent = new LongMap<>();
    /**
     * Pending GPU waits queued on a context or hardware queue (by its object id) since its last
     * submit: the next submit there is behind them. Emptied by each submit and when the context
     * goes; dropped when the capture is complete.
     */
    private final LongMap<Ints> gpuWaitsByQueue = new LongMap<>();
    private final List<FenceListener> listeners = new ArrayList<>();
    /* A call's handle and value arrays, read in place and filled again for every call. */
    private final IoctlCall.Buffer handles = new IoctlCall.Buffer();
    private final IoctlCall.Buffer contexts = new IoctlCall.Buffer();
    private final IoctlCall.Buffer queues = new IoctlCall.Buffer();
    private final IoctlCall.Buffer values = new IoctlCall.Buffer();

    SyncTracker(ObjectTracker objects) {
        this.objects = objects;
        this.signals = new SignalStore(objects);
        this.waits = new WaitStore(objects, signals);
        objects.addListener(this);
    }

    void addListener(FenceListener l) {
        listeners.add(l);
    }

    /**
     * Waits start when the call is made: a blocked call is a wait in progress, and the host event
     * a CPU wait or a sync file gives the host travels during the call.
     */
    void onEnter(IoctlCall c, DxgProcess p) {
        if (c.is("LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU")) {
            long async = c.u64In("async_event");
            Wait.Kind kind = async == 0 || async == IoctlCall.UNKNOWN ? Wait.Kind.CPU_BLOCKING : Wait.Kind.CPU_ASYNC;
            addWaits(c, p, kind, null, in(c, "objects", handles), in(c, "fence_values", values), 0, 0);
        } else if (c.is("LX_DXCREATESYNCFILE")) {
            SyncObject s = sync(p, (int) c.u32In("monitored_fence"));
            long value = c.u64In("fence_value");
            if (s != null && value != IoctlCall.UNKNOWN) {
                int w = addWait(c, p, Wait.Kind.SYNC_FILE, null, s, value);
                waitsByCall.put(c.enterSeq(), new int[] {w, w + 1});
            }
        }
    }

    void onLeave(IoctlCall c, DxgProcess p) {
        if (c.ioctl() == null) {
            return;
        }
        switch (c.ioctl().name()) {
            case "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU", "LX_DXCREATESYNCFILE" -> {
                int[] ws = waitsByCall.remove(c.enterSeq());
                if (ws == null) {
                    return;
                }
                /* a made sync file is a descriptor: WaitSyncFile and OpenSyncObjectFromSyncFile name it,
                   in this process or one it was passed to */
                long fd = c.is("LX_DXCREATESYNCFILE") ? c.u64Out("sync_file_handle") : IoctlCall.UNKNOWN;
                if (c.succeeded() && fd >= 0 && fd <= Integer.MAX_VALUE) {
                    objects.addSyncFile(p, (int) fd, waits.object(ws[0]), waits.value(ws[0]), c.leaveSeq());
                }
                for (int w = ws[0]; w < ws[1]; w++) {
                    if (c.failed()) {
                        waits.fail(w, c.leaveSeq());
                        removePending(w);
                    } else if (waits.kind(w) == Wait.Kind.CPU_BLOCKING) {
                        observe(waits.object(w).fence(), c.leaveSeq(), waits.value(w), Fence.Source.WAIT_COMPLETED);
                    }
                }
            }
            case "LX_DXWAITSYNCFILE" -> {
                FdRef file = objects.syncFile(p, c.u64In("sync_file_handle"));
                if (c.succeeded() && file != null) {
                    DxgObject ctx = objects.resolve(p, c.u32In("context"));
                    addWait(c, p, Wait.Kind.GPU, ctx, file.syncFence(), file.syncValue());
                }
            }
            case "LX_DXOPENSYNCOBJECTFROMSYNCFILE" -> {
                if (c.succeeded()) {
                    FdRef file = objects.syncFile(p, c.u64In("sync_file_handle"));
                    objects.openFromSyncFile(c, p, file == null ? null : file.syncFence());
                }
            }
            case "LX_DXSUBMITWAITFORSYNCOBJECTSTOHWQUEUE" -> {
                if (c.succeeded()) {
                    DxgObject q = objects.resolve(p, c.u32In("hwqueue"));
                    addWaits(c, p, Wait.Kind.GPU, q, in(c, "objects", handles), in(c, "fence_values", values), 0, 0);
                    waitsByCall.remove(c.enterSeq());
                }
            }
            case "LX_DXSUBMITSIGNALSYNCOBJECTSTOHWQUEUE" -> {
                if (c.succeeded()) {
                    IoctlCall.Buffer qs = in(c, "hwqueues", queues);
                    DxgObject q = qs.u32Count() > 0 ? objects.resolve(p, Integer.toUnsignedLong(qs.u32(0))) : null;
                    gpuSignals(c, p, q, in(c, "objects", handles), in(c, "fence_values", values), 0, 0);
                }
            }
            case "LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMGPU" -> {
                if (c.succeeded()) {
                    long v = c.u64In("fence_value"); /* the one value of the single-object form */
                    DxgObject ctx = objects.resolve(p, c.u32In("context"));
                    addWaits(c, p, Wait.Kind.GPU, ctx, in(c, "objects", handles),
                            in(c, "monitored_fence_values", values), v, v == IoctlCall.UNKNOWN ? 0 : 1);
                    waitsByCall.remove(c.enterSeq());
                }
            }
            case "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMCPU" -> {
                if (c.succeeded()) {
                    IoctlCall.Buffer h = in(c, "objects", handles);
                    IoctlCall.Buffer v = in(c, "fence_values", values);
                    for (int i = 0; i < h.u32Count() && i < v.u64Count(); i++) {
                        SyncObject s = sync(p, h.u32(i));
                        if (s != null) {
                            addSignal(Signal.Kind.CPU, c.enterSeq(), p, c.tid(), s, v.u64(i), null, c.name());
                            observe(s.fence(), c.leaveSeq(), v.u64(i), Fence.Source.CPU_SIGNAL);
                        }
                    }
                }
            }
            case "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU" -> {
                if (c.succeeded()) {
                    DxgObject ctx = objects.resolve(p, c.u32In("context"));
                    gpuSignals(c, p, ctx, in(c, "objects", handles), in(c, "monitored_fence_values", values), 0, 0);
                }
            }
            case "LX_DXSIGNALSYNCHRONIZATIONOBJECTFROMGPU2" -> {
                if (c.succeeded()) {
                    IoctlCall.Buffer ctxs = in(c, "contexts", contexts);
                    DxgObject ctx = ctxs.u32Count() > 0 ? objects.resolve(p, Integer.toUnsignedLong(ctxs.u32(0))) : null;
                    long v = c.u64In("fence_value"); /* every object's value when there is no array */
                    gpuSignals(c, p, ctx, in(c, "objects", handles), in(c, "monitored_fence_values", values),
                            v == IoctlCall.UNKNOWN ? 0 : v, Integer.MAX_VALUE);
                }
            }
            case "LX_DXSUBMITCOMMAND" -> {
                if (c.succeeded()) {
                    long n = c.u32In("broadcast_context_count");
                    for (int i = 0; n != IoctlCall.UNKNOWN && i < n; i++) {
                        long ctx = c.u32In("broadcast_context", i);
                        if (ctx == IoctlCall.UNKNOWN) {
                            break;
                        }
                        submittedBehind(objects.resolve(p, ctx), c.enterSeq());
                    }
                }
            }
            case "LX_DXSUBMITCOMMANDTOHWQUEUE" -> {
                if (c.succeeded()) {
                    DxgObject q = objects.resolve(p, c.u32In("hwqueue"));
                    submittedBehind(q, c.enterSeq());
                    long id = c.u64In("hwqueue_progress_fence_id");
                    if (q != null && id != IoctlCall.UNKNOWN) {
                        for (DxgObject child : q.children()) {
                            if (child instanceof SyncObject s && s.kind() == SyncObject.Kind.PROGRESS_FENCE) {
                                addSignal(Signal.Kind.QUEUE_PROGRESS, c.enterSeq(), p, c.tid(), s, id, q, c.name());
                            }
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /** A top-level array buffer the caller passed, read into {@code view}. */
    private static IoctlCall.Buffer in(IoctlCall c, String name, IoctlCall.Buffer view) {
        return c.buffer(name, false, -1, view);
    }

    /**
     * How many (handle, value) pairs a call names: one per handle that has a value in {@code v}, or,
     * when the call passed no value array, up to {@code singles} handles that share one value.
     */
    private static int pairs(IoctlCall.Buffer h, IoctlCall.Buffer v, int singles) {
        return Math.min(h.u32Count(), v.u64Count() > 0 ? v.u64Count() : singles);
    }

    private static long value(IoctlCall.Buffer v, long single, int i) {
        return v.u64Count() > 0 ? v.u64(i) : single;
    }

    private void gpuSignals(IoctlCall c, DxgProcess p, DxgObject ctx, IoctlCall.Buffer h, IoctlCall.Buffer v,
            long single, int singles) {
        for (int i = 0, n = pairs(h, v, singles); i < n; i++) {
            SyncObject s = sync(p, h.u32(i));
            if (s != null) {
                addSignal(Signal.Kind.GPU, c.enterSeq(), p, c.tid(), s, value(v, single, i), ctx, c.name());
            }
        }
    }

    private SyncObject sync(DxgProcess p, int handle) {
        return objects.resolve(p, Integer.toUnsignedLong(handle)) instanceof SyncObject s && s.fence() != null ? s
                : null;
    }

    private void addWaits(IoctlCall c, DxgProcess p, Wait.Kind kind, DxgObject ctx, IoctlCall.Buffer h,
            IoctlCall.Buffer v, long single, int singles) {
        int first = waits.size();
        for (int i = 0, n = pairs(h, v, singles); i < n; i++) {
            SyncObject s = sync(p, h.u32(i));
            if (s != null) {
                addWait(c, p, kind, ctx, s, value(v, single, i));
            }
        }
        waitsByCall.put(c.enterSeq(), new int[] {first, waits.size()});
    }

    /** A submit at {@code seq} on a context or hardware queue: behind every GPU wait pending there. */
    private void submittedBehind(DxgObject queue, long seq) {
        Ints queued = queue == null ? null : gpuWaitsByQueue.remove(queue.id());
        for (int i = 0; queued != null && i < queued.size; i++) {
            waits.submittedBehind(queued.at[i], seq); /* only those still pending */
        }
    }

    /** A wait of the call for {@code s} to reach {@code value}, satisfied at once if it is there. */
    private int addWait(IoctlCall c, DxgProcess p, Wait.Kind kind, DxgObject ctx, SyncObject s, long value) {
        int w = waits.add(kind, c.enterSeq(), p, c.tid(), s, value, ctx, c.name());
        if (s.fence().lastValue() >= value) {
            waits.satisfy(w, c.enterSeq(), firstSignal(s.fence(), value, c.enterSeq())); /* already there */
        } else {
            byFence(pending, s.fence(), Ints::new).add(w);
            if (kind == Wait.Kind.GPU && ctx != null) {
                Ints queued = gpuWaitsByQueue.get(ctx.id());
                if (queued == null) {
                    gpuWaitsByQueue.put(ctx.id(), queued = new Ints());
                }
                queued.add(w);
            }
        }
        return w;
    }

    /** A signal of {@code s} to {@code value} by the call entered at {@code seq}; {@code ctx} may be null. */
    void addSignal(Signal.Kind kind, long seq, DxgProcess p, int tid, SyncObject s, long value, DxgObject ctx,
            String call) {
        int i = signals.add(kind, seq, p, tid, s, value, ctx, call);
        byFence(signalsByFence, s.fence(), SignalList::new).add(i, value);
    }

    private static <T> T at(ArrayList<T> byFence, Fence f) {
        return f.id() < byFence.size() ? byFence.get(f.id()) : null;
    }

    private static <T> T byFence(ArrayList<T> list, Fence f, Supplier<T> make) {
        while (list.size() <= f.id()) {
            list.add(null);
        }
        T t = list.get(f.id());
        if (t == null) {
            t = make.get();
            list.set(f.id(), t);
        }
        return t;
    }

    /** The index of the first signal of f to ask for at least value, made before a seq; -1 when none. */
    private int firstSignal(Fence f, long value, long before) {
        SignalList list = at(signalsByFence, f);
        return list == null ? -1 : list.first(value, before, signals);
    }

    /**
     * A fence's signals in call order with the running maximum of their values, so "the first
     * signal that asked for at least v" is a binary search (render loops signal a fence once per
     * frame; a linear scan per wait would be quadratic).
     */
    private static final class SignalList {
        private int[] signals = new int[8];
        private long[] runningMax = new long[8];
        private int count;

        void add(int signal, long value) {
            if (count == signals.length) {
                signals = java.util.Arrays.copyOf(signals, count * 2);
                runningMax = java.util.Arrays.copyOf(runningMax, count * 2);
            }
            runningMax[count] = count == 0 ? value : Math.max(runningMax[count - 1], value);
            signals[count++] = signal;
        }

        int first(long value, long before, SignalStore store) {
            /* a wait mostly asks for a value just signalled: gallop back from the end, then bisect */
            int hi = count;
            int lo = 0;
            for (int step = 1; hi > 0; step <<= 1) {
                int probe = Math.max(0, hi - step);
                if (runningMax[probe] < value) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
            }
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (runningMax[mid] >= value) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo < count && store.seq(signals[lo]) <= before ? signals[lo] : -1;
        }
    }

    /** A fence is known to be at {@code value} (or beyond) at {@code seq}: satisfies pending waits. */
    void observe(Fence f, long seq, long value, Fence.Source source) {
        long known = f.observe(seq, value, source);
        Ints ws = at(pending, f);
        if (ws != null) {
            for (int i = 0; i < ws.size; i++) {
                int w = ws.at[i];
                if (waits.value(w) <= known && waits.seq(w) <= seq) {
                    waits.satisfy(w, seq, firstSignal(f, waits.value(w), seq));
                    ws.removeAt(i--);
                }
            }
        }
        for (FenceListener l : listeners) {
            l.reached(f, known, seq);
        }
    }

    void onFenceSample(Event.FenceSample e, DxgProcess p) {
        for (int i = 0; i < e.handles().length; i++) {
            SyncObject s = sync(p, e.handles()[i]);
            if (s == null && e.cpuVas()[i] != 0) {
                s = objects.fenceByVa(p, e.cpuVas()[i]);
            }
            if (s != null) {
                observe(s.fence(), e.seq(), e.values()[i], Fence.Source.SAMPLE);
            }
        }
    }

    /** The host event id a CPU wait gave the host (WAITFORSYNCOBJECTFROMCPU request of that call). */
    void waitEvent(long cause, long eventId) {
        int[] ws = waitsByCall.get(cause);
        if (ws == null || eventId == 0) {
            return;
        }
        for (int w = ws[0]; w < ws[1]; w++) {
            waits.setEventId(w, eventId);
        }
        waitsByEvent.put(eventId, ws);
    }

    /** The host signalled an event (SIGNALGUESTEVENT): the waits that gave it are satisfied. */
    void hostSignal(long eventId, long seq) {
        int[] ws = waitsByEvent.remove(eventId);
        if (ws == null) {
            return;
        }
        for (int w = ws[0]; w < ws[1]; w++) {
            if (waits.pending(w)) {
                observe(waits.object(w).fence(), seq, waits.value(w), Fence.Source.HOST_SIGNAL);
            }
        }
    }

    private void removePending(int w) {
        Ints ws = at(pending, waits.object(w).fence());
        if (ws != null) {
            ws.remove(w);
        }
    }

    @Override
    public void destroyed(DxgObject o, long seq) {
        if (o.type() == ObjectType.CONTEXT || o.type() == ObjectType.HW_QUEUE) {
            gpuWaitsByQueue.remove(o.id()); /* nothing more is submitted behind its waits */
            return;
        }
        if (!(o instanceof SyncObject s) || s.fence() == null) {
            return;
        }
        Ints ws = at(pending, s.fence());
        if (ws != null) {
            for (int i = 0; i < ws.size; i++) {
                if (waits.objectId(ws.at[i]) == s.id()) {
                    waits.objectDestroyed(ws.at[i], seq);
                }
            }
        }
    }

    /** The capture is complete: pending waits were never satisfied. */
    void finish() {
        waits.finish();
        /* nothing more can be signalled or waited for: drop the load-time index and spare capacity */
        signalsByFence.clear();
        gpuWaitsByQueue.clear();
        objects.fences.forEach(Fence::trim);
        handles.clear(); /* the model keeps this tracker, not the reader's window */
        contexts.clear();
        queues.clear();
        values.clear();
    }

    /** A growable list of ints (wait indices), removal by position or value. */
    private static final class Ints {
        int[] at = new int[4];
        int size;

        void add(int v) {
            if (size == at.length) {
                at = java.util.Arrays.copyOf(at, size * 2);
            }
            at[size++] = v;
        }

        void removeAt(int i) {
            System.arraycopy(at, i + 1, at, i, size - i - 1);
            size--;
        }

        void remove(int v) {
            for (int i = 0; i < size; i++) {
                if (at[i] == v) {
                    removeAt(i);
                    return;
                }
            }
        }
    }
}
