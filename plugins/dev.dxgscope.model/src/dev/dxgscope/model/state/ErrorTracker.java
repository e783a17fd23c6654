package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed calls, each with its errno, the host's status (a failing VMBus reply the call caused) and
 * the dmesg lines it caused; call counts per ioctl. Lines and replies come before the call
 * returns, so they wait here for it.
 */
final class ErrorTracker {
    final List<FailedCall> failed = new ArrayList<>();
    final List<LogLine> lines = new ArrayList<>();
    final Map<String, CallStats> stats = new HashMap<>();
    private final CallStats[] statsByCode = new CallStats[256];
    private final Map<Long, FailedCall> failedByCall = new HashMap<>();
    private final Map<Long, List<LogLine>> pendingLines = new HashMap<>();
    private final Map<Long, Integer> pendingStatus = new HashMap<>();
    private final Map<DxgProcess, Boolean> madeDevice = new HashMap<>();

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
        FailedCall f = new FailedCall(c.enterSeq(), c.leaveSeq(), p, c.tid(), c.name(), c.errno());
        if (ls != null) {
            ls.forEach(f::addLine);
        }
        if (status != null) {
            f.setHostStatus(status);
        }
        f.setHint(Hints.of(c, !madeDevice.containsKey(p)));
        failed.add(f);
        failedByCall.put(c.enterSeq(), f);
    }

    void onLog(Event.Log e) {
        LogLine line = new LogLine(e.seq(), e.ts(), e.pid(), e.level(), e.cause(), e.line());
        lines.add(line);
        if (e.cause() == 0) {
            return;
        }
        FailedCall f = failedByCall.get(e.cause());
        if (f != null) {
            f.addLine(line);
        } else {
            pendingLines.computeIfAbsent(e.cause(), k -> new ArrayList<>(2)).add(line);
        }
    }

    void hostStatus(long cause, int status) {
        if (cause == 0 || !Names.ntError(status)) {
            return;
        }
        FailedCall f = failedByCall.get(cause);
        if (f != null) {
            f.setHostStatus(status);
        } else {
            pendingStatus.putIfAbsent(cause, status);
        }
    }
}
