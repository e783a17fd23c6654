package dev.dxgscope.ui.log;

import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.ui.common.Formats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Log view's rows from the model: every dmesg line, joined with the failed call that caused it
 * (a call's lines are one row: dxgkrnl prints the reason, then "Ioctl failed")
 * (errno by name, the host's NTSTATUS, the known-issue hint and what was wrong with the handles it
 * named; "inferred" when the line named no call and the model matched it by what it says), every
 * failed call that has no line (a kernel log that was not readable, or a failure that prints
 * none) and every capture-health finding. Findings about the file itself come first, then
 * everything in seq order.
 */
final class LogRows {
    private LogRows() {
    }

    /**
     * The rows, and the objects whose arrival would change a finding (a capture still growing: the
     * view makes the rows again when one of them arrives, only then).
     */
    record Made(List<LogRow> rows, HandleHistory.Awaiting awaiting) {
        /** Whether one of {@code objects} would change a finding. Cost: one lookup per object. */
        boolean answeredBy(List<DxgObject> objects) {
            return awaiting.answeredBy(objects);
        }

        /** Whether some object still could. */
        boolean awaits() {
            return !awaiting.isEmpty();
        }
    }

    /** The rows of {@code m}; {@code growing}: what the findings await too (nothing can arrive otherwise). */
    static Made of(CaptureModel m, boolean growing) {
        Map<LogLine, FailedCall> calls = new IdentityHashMap<>();
        for (FailedCall f : m.failedCalls()) {
            f.lines().forEach(l -> calls.put(l, f));
        }
        HandleHistory handles = m.failedCalls().isEmpty() ? null : HandleHistory.of(m);
        Map<FailedCall, String> hints = new IdentityHashMap<>();
        List<LogRow> rows = new ArrayList<>();
        for (LogLine l : m.logLines()) {
            FailedCall f = calls.get(l);
            if (f != null && hints.containsKey(f)) {
                continue; /* one of the lines already joined in its call's row */
            }
            String cause = f != null ? cause(f) + (l.cause() == 0 ? " (inferred from the line)" : "")
                    : l.cause() != 0 ? "ioctl #" + l.cause() : "";
            List<LogLine> lines = f == null ? List.of(l) : f.lines();
            rows.add(new LogRow(l.seq(), Formats.time(m, l.seq()), lines.size() == 1 ? "dmesg" : "dmesg ×" + lines.size(),
                    String.valueOf(l.pid()), lines.stream().mapToInt(LogRows::severity).min().orElse(2),
                    String.join(LINE_BREAK, lines.stream().map(LogLine::text).toList()), cause,
                    f == null ? "" : hints.computeIfAbsent(f, x -> hint(x, handles)), f != null ? f : l,
                    f != null ? f.seq() : l.cause() != 0 ? l.cause() : l.seq()));
        }
        for (FailedCall f : m.failedCalls()) {
            if (f.lines().isEmpty()) {
                rows.add(new LogRow(f.seq(), Formats.time(m, f.seq()), "call", String.valueOf(f.process().pid()), 0,
                        f.call() + " failed with " + Names.errno(f.errno()) + " (no dmesg line)", cause(f),
                        hint(f, handles), f, f.seq()));
            }
        }
        for (Diagnostic d : m.diagnostics()) {
            rows.add(new LogRow(d.seq(), d.seq() < 0 ? "" : Formats.time(m, d.seq()), "capture", "",
                    d.severity().ordinal(), d.text(), d.offset() < 0 ? "" : "record at byte " + d.offset(), "", d,
                    d.seq()));
        }
        rows.sort(Comparator.comparingLong(LogRow::seq));
        return new Made(rows, new HandleHistory.Awaiting(handles, growing ? m.failedCalls() : List.of()));
    }

    /** Between the lines of one call in its row's message (dxgkrnl prints a reason, then "Ioctl failed"). */
    static final String LINE_BREAK = "  ⏎  ";

    /** A kernel level as a row's severity: 0 error (err and worse), 1 warning, 2 info. */
    private static int severity(LogLine l) {
        return l.level() <= 3 ? 0 : l.level() == 4 ? 1 : 2;
    }

    /** The call's hint, then what was wrong with the handles it named; "" when neither says anything. */
    static String hint(FailedCall f, HandleHistory handles) {
        List<String> parts = new ArrayList<>(2);
        if (f.hint() != null) {
            parts.add(f.hint());
        }
        parts.addAll(handles.explain(f));
        return String.join("; ", parts);
    }

    /**
     * "LX_DXMAKERESIDENT → ENOMEM, host STATUS_NO_MEMORY (#146)"; a query with what it asked,
     * "LX_DXQUERYADAPTERINFO (ADAPTERTYPE) → EINVAL (#76)"; a call the dispatcher refused,
     * "LX_DXQUERYADAPTERINFO (ADAPTERTYPE) → ENOTTY, refused: wrong process (#106)".
     */
    static String cause(FailedCall f) {
        return f.call() + (f.query().isEmpty() ? "" : " (" + f.query() + ")") + " → " + Names.errno(f.errno())
                + (f.hostStatus() == 0 ? "" : ", host " + Names.ntstatus(f.hostStatus()))
                + (f.refusal() == Refusal.NONE ? "" : ", refused: " + f.refusal().label()) + " (#" + f.seq() + ")";
    }
}
