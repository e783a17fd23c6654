package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.KernelLine;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.decode.Names;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed calls, each with its errno, the host's status (a failing VMBus reply the call caused) and
 * the dmesg lines it caused; call counts per ioctl. Lines and replies come before the call
 * returns, so they wait here for it.
 *
 * <p>A line that names its call's seq (dxgsim's) is linked by it. A line from a real device's
 * kernel log names none; it is linked by what it says (see {@link KernelLine}): to the oldest
 * failure of that ioctl, with that errno, in that process when the line has one, that left at most
 * {@link #LINE_WINDOW_NS} before the line was read and has no closing line yet. A dispatcher's
 * refusal is linked the same way to the oldest ENOTTY failure with the request (or process) it
 * names. Kernel lines are printed in call order, so this keeps each failure's lines together even
 * when two fail alike.
 */
final class ErrorTracker {
    final List<FailedCall> failed = new ArrayList<>();
    final List<LogLine> lines = new ArrayList<>();
    /** Failures changed after they were listed by something other than a line (a late host status). */
    int lateChanges;
    final Map<String, CallStats> stats = new HashMap<>();
    private final CallStats[] statsByCode = new CallStats[256];
    private final Map<Long, FailedCall> failedByCall = new HashMap<>();
    private final Map<Long, List<LogLine>> pendingLines = new HashMap<>();
    private final Map<Long, Integer> pendingStatus = new HashMap<>();
    private final Map<DxgProcess, Boolean> madeDevice = new HashMap<>();
    /** How long after a failed call its kernel lines may still be read from the kernel log. */
    static final long LINE_WINDOW_NS = 2_000_000_000L;
    /** Failures, by ioctl, that lines without a seq may still belong to (oldest first). */
    private final Map<String, ArrayDeque<FailedCall>> awaitingLines = new HashMap<>();
    /** Lines without a seq read before a failure they could belong to had returned. */
    private final ArrayDeque<Unplaced> unplaced = new ArrayDeque<>();

    private record Unplaced(LogLine line, KernelLine kernel) {
    }

    /**
     * The statistics of a call's ioctl, kept by its code's number byte too (as the decoder keeps
     * its kinds) and checked by the name's identity: the name's hash lookup happens once per code,
     * not once per call (a name built for an unknown code is never the same object: looked up).
     */
    private CallStats stats(IoctlCall c) {
        String name = c.name();
        int i = c.code() & 0xff;
        CallStats s = statsByCode[i];
        if (s == null || s.name() != name) {
            s = stats.computeIfAbsent(name, CallStats::new);
            statsByCode[i] = s;
        }
        return s;
    }

    void onLeave(IoctlCall c, DxgProcess p) {
        stats(c).add(c.failed(), Math.max(0, c.leaveTs() - c.enterTs()));
        /* most calls have neither: skip the boxed-key lookups then */
        List<LogLine> ls = pendingLines.isEmpty() ? null : pendingLines.remove(c.enterSeq());
        Integer status = pendingStatus.isEmpty() ? null : pendingStatus.remove(c.enterSeq());
        if (c.is("LX_DXCREATEDEVICE") && c.succeeded()) {
            madeDevice.put(p, true);
        }
        if (!c.failed()) {
            return;
        }
        FailedCall f = new FailedCall(c.enterSeq(), c.leaveSeq(), c.enterTs(), c.leaveTs(), p, c.tid(), c.name(),
                c.code(), c.errno());
        if (c.errno() == KernelLine.ENOTTY) {
            FdRef through = p.fds.get(c.fd());
            Refusal why = Hints.refusal(c, p, through);
            f.refused(why, Hints.refused(why, c.code(), p, through));
            f.through(Hints.opener(p, through));
        } else {
            f.setHint(Hints.of(c, !madeDevice.containsKey(p)));
        }
        asked(c, p, f);
        f.named(handles(c));
        if (ls != null) {
            ls.forEach(l -> addLine(f, l));
        }
        if (status != null) {
            f.setHostStatus(status);
        }
        failed.add(f);
        failedByCall.put(c.enterSeq(), f);
        if (ls == null) {
            awaitKernelLines(f);
        }
    }

    /** Argument fields that hold a handle of the caller's table (dxg-abi.md's structs). */
    private static final List<String> HANDLE_FIELDS = List.of("adapter", "adapter_handle", "device", "device_handle",
            "context", "hwqueue", "queue", "paging_queue", "resource", "allocation", "sync_object", "syncobj",
            "monitored_fence", "fence_object", "object_handle");
    /**
     * Fields that are not a handle the call named in one table: those a create or open call writes
     * (the new object's handles, where the caller passes anything), and ReserveGpuVirtualAddress's
     * adapter, which may be a paging queue instead.
     */
    private static final Map<String, List<String>> NOT_NAMED = Map.ofEntries(Map.entry(
            "LX_DXCREATEDEVICE", List.of("device")),
            Map.entry("LX_DXCREATECONTEXTVIRTUAL", List.of("context")),
            Map.entry("LX_DXCREATEHWQUEUE", List.of("queue")),
            Map.entry("LX_DXCREATEPAGINGQUEUE", List.of("paging_queue", "sync_object")),
            Map.entry("LX_DXCREATESYNCHRONIZATIONOBJECT", List.of("sync_object")),
            Map.entry("LX_DXCREATEALLOCATION", List.of("resource")), /* created with the allocations, or named */
            Map.entry("LX_DXOPENADAPTERFROMLUID", List.of("adapter_handle")),
            Map.entry("LX_DXOPENRESOURCEFROMNTHANDLE", List.of("resource", "sync_object")),
            Map.entry("LX_DXOPENSYNCOBJECTFROMNTHANDLE2", List.of("sync_object")),
            Map.entry("LX_DXOPENSYNCOBJECTFROMSYNCFILE", List.of("syncobj")),
            Map.entry("LX_DXRESERVEGPUVIRTUALADDRESS", List.of("adapter")));
    /** Captured buffers that are arrays of such handles. */
    private static final List<String> HANDLE_ARRAYS = List.of("allocations", "allocation_list", "objects", "resources",
            "contexts", "hwqueues");
    /** How many elements of a handle array a failed call keeps: enough to name the bad one in most calls. */
    private static final int ARRAY_HANDLES_KEPT = 16;
    private final IoctlCall.Buffer handleArray = new IoctlCall.Buffer();

    /** The non-zero handles a failed call named, fields first, then array elements. */
    private List<FailedCall.Named> handles(IoctlCall c) {
        List<FailedCall.Named> out = new ArrayList<>(2);
        List<String> written = NOT_NAMED.getOrDefault(c.name(), List.of());
        for (String field : HANDLE_FIELDS) {
            long h = written.contains(field) ? 0 : c.u32In(field);
            if (h != IoctlCall.UNKNOWN && h != 0) {
                out.add(new FailedCall.Named(field, (int) h));
            }
        }
        for (String array : HANDLE_ARRAYS) {
            IoctlCall.Buffer b = c.buffer(array, false, -1, handleArray);
            for (int i = 0; i < Math.min(b.u32Count(), ARRAY_HANDLES_KEPT); i++) {
                if (b.u32(i) != 0) {
                    out.add(new FailedCall.Named(array + "[" + i + "]", b.u32(i)));
                }
            }
        }
        handleArray.clear(); /* the view must not keep the reader's window */
        return out;
    }

    /** Which query type or feature a failed query asked for, and of which adapter (start-up probing). */
    private static void asked(IoctlCall c, DxgProcess p, FailedCall f) {
        boolean adapterInfo = c.is("LX_DXQUERYADAPTERINFO");
        if (!adapterInfo && !c.is("LX_ISFEATUREENABLED")) {
            return;
        }
        long what = c.u32In(adapterInfo ? "type" : "feature_id");
        long handle = c.u32In("adapter");
        String query = what == IoctlCall.UNKNOWN ? "" : adapterInfo ? Names.queryAdapterInfoType((int) what)
                : "feature " + what;
        String adapter = "";
        if (handle != IoctlCall.UNKNOWN) {
            DxgObject a = p.adapterHandle((int) handle);
            adapter = String.format("0x%08x", handle)
                    + (a != null && a.luid() != 0 ? " (LUID " + CapturedAdapter.luidText(a.luid()) + ")" : "");
        }
        f.asked(query, adapter);
    }

    /** Takes lines read before the failure returned, then waits for the rest. */
    private void awaitKernelLines(FailedCall f) {
        for (Iterator<Unplaced> it = unplaced.iterator(); it.hasNext() && !f.hasClosingLine();) {
            Unplaced u = it.next();
            if (u.line().ts() < f.enterTs() - LINE_WINDOW_NS) {
                it.remove();
            } else if (u.line().seq() > f.seq() && belongs(u.line(), u.kernel(), f)) {
                f.addInferredLine(u.line(), u.kernel().closing());
                refine(f, u.kernel());
                it.remove();
            }
        }
        if (!f.hasClosingLine()) {
            await(f.call(), f);
            if (f.errno() == KernelLine.ENOTTY) {
                await(KernelLine.DISPATCHER, f); /* perhaps refused before its handler ran */
            }
        }
    }

    private void await(String key, FailedCall f) {
        ArrayDeque<FailedCall> calls = awaitingLines.computeIfAbsent(key, k -> new ArrayDeque<>());
        expire(calls, f.leaveTs());
        calls.addLast(f);
    }

    /** Drops the failures that returned too long before {@code now} for a line read then to be theirs. */
    private static void expire(ArrayDeque<FailedCall> calls, long now) {
        while (!calls.isEmpty() && calls.peekFirst().leaveTs() < now - LINE_WINDOW_NS) {
            calls.removeFirst();
        }
    }

    private static boolean belongs(LogLine line, KernelLine k, FailedCall f) {
        boolean call = k.dispatcher() ? f.errno() == KernelLine.ENOTTY && k.names(f.request(), f.process().pid())
                && Hints.consistent(f.refusal(), k.refusal())
                : k.ioctl().equals(f.call()) && (!k.closing() || k.errno() == f.errno());
        return call && (line.pid() == 0 || line.pid() == f.process().pid());
    }

    /** Links a line that names no call by what it says; keeps it a while when no failure fits yet. */
    private void placeKernelLine(LogLine line) {
        KernelLine k = KernelLine.parse(line.text());
        if (k == null) {
            return;
        }
        ArrayDeque<FailedCall> calls = awaitingLines.get(k.ioctl());
        if (calls != null) {
            expire(calls, line.ts());
            for (Iterator<FailedCall> it = calls.iterator(); it.hasNext();) {
                FailedCall f = it.next();
                if (f.hasClosingLine()) {
                    it.remove(); /* closed while waiting under another name too */
                    continue;
                }
                if (belongs(line, k, f)) {
                    f.addInferredLine(line, k.closing());
                    refine(f, k);
                    if (k.closing()) {
                        it.remove();
                    }
                    return;
                }
            }
        }
        unplaced.addLast(new Unplaced(line, k));
        if (unplaced.size() > 1024) {
            unplaced.removeFirst();
        }
    }

    void onLog(Event.Log e) {
        LogLine line = new LogLine(e.seq(), e.ts(), e.pid(), e.level(), e.cause(), e.line());
        lines.add(line);
        if (e.cause() == 0) {
            placeKernelLine(line);
            return;
        }
        FailedCall f = failedByCall.get(e.cause());
        if (f != null) {
            addLine(f, line);
        } else {
            pendingLines.computeIfAbsent(e.cause(), k -> new ArrayList<>(2)).add(line);
        }
    }

    /** A line that names its call's seq. */
    private static void addLine(FailedCall f, LogLine line) {
        f.addLine(line);
        if (f.errno() == KernelLine.ENOTTY) {
            KernelLine k = KernelLine.parse(line.text());
            if (k != null) {
                refine(f, k);
            }
        }
    }

    /**
     * The dispatcher's own line says why it refused the call: its word replaces the model's reading
     * (a line the reading rules out is not this call's, see {@link Hints#consistent}).
     */
    private static void refine(FailedCall f, KernelLine k) {
        if (k.dispatcher() && k.refusal() != f.refusal() && Hints.consistent(f.refusal(), k.refusal())) {
            f.refused(k.refusal(), Hints.refused(k.refusal(), f.request(), null, null));
        }
    }

    void hostStatus(long cause, int status) {
        if (cause == 0 || !Names.ntError(status)) {
            return;
        }
        FailedCall f = failedByCall.get(cause);
        if (f != null) {
            if (f.hostStatus() == 0) {
                lateChanges++;
            }
            f.setHostStatus(status);
        } else {
            pendingStatus.putIfAbsent(cause, status);
        }
    }
}
