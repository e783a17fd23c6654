package dev.dxgscope.model.report;

import dev.dxgscope.model.analysis.SyncAnalysis;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.Series;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.model.state.Wait;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The timelines as Chrome / Perfetto trace-event JSON (the "JSON Object Format"): one track per
 * process, waits and residency operations as slices, fence values and resident bytes as counters,
 * failed calls as instant events. Times are microseconds since the capture's first record.
 */
public final class TraceExport {
    private final CaptureModel m;
    private final Timeline t;
    private final Writer out;
    private boolean first = true;

    private TraceExport(CaptureModel m, Writer out) {
        this.m = m;
        this.t = m.timeline();
        this.out = out;
    }

    public static void write(CaptureModel m, Writer out) throws IOException {
        new TraceExport(m, out).run();
    }

    private void run() throws IOException {
        out.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        for (DxgProcess p : m.dxgProcesses()) {
            event("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":" + p.pid() + ",\"args\":{\"name\":"
                    + str(p.commandLine()) + "}}");
        }
        for (SyncAnalysis.TimedWait tw : SyncAnalysis.of(m).waits()) {
            Wait w = tw.w();
            event(String.format(Locale.ROOT, "{\"ph\":\"X\",\"cat\":\"wait\",\"name\":%s,\"pid\":%d,\"tid\":%d,"
                    + "\"ts\":%s,\"dur\":%s,\"args\":{\"value\":%d,\"outcome\":%s,\"satisfied_by\":%s}}",
                    str(w.kind().label() + " " + w.object().handleHex() + " >= " + w.value()), w.process().pid(),
                    w.tid(), us(t.sinceStart(w.seq())), us(Math.max(0, tw.durationNs())), w.value(),
                    str(w.outcome().label()), w.satisfiedBy() == null ? "null" : str(w.satisfiedBy().describe())));
        }
        for (ResidencyOp op : m.residencyOps()) {
            long end = op.completedSeq() == DxgObject.ALIVE ? op.leaveSeq() : op.completedSeq();
            event(String.format(Locale.ROOT, "{\"ph\":\"X\",\"cat\":\"residency\",\"name\":%s,\"pid\":%d,\"tid\":0,"
                    + "\"ts\":%s,\"dur\":%s,\"args\":{\"allocations\":%d,\"bytes\":%d,\"result\":%s}}",
                    str(op.kind().label()), op.process().pid(), us(t.sinceStart(op.seq())),
                    us(Math.max(0, t.timeOf(end) - t.timeOf(op.seq()))), op.allocations().size(), op.bytes(),
                    str(op.failed() ? Names.errno(op.errno()) : op.pending() ? "STATUS_PENDING" : "0")));
        }
        for (Fence f : m.fences()) {
            String name = str("fence " + f.creator().handleHex() + " (" + f.creator().kind().label() + ")");
            for (int i = 0; i < f.observations(); i++) {
                event(String.format(Locale.ROOT, "{\"ph\":\"C\",\"name\":%s,\"pid\":%d,\"ts\":%s,\"args\":{\"value\":%d}}",
                        name, f.creator().process().pid(), us(t.sinceStart(f.seq(i))), f.value(i)));
            }
        }
        for (CaptureModel.ResidentLine l : m.residentLines()) {
            Series s = l.bytes();
            String name = str("resident " + Names.segmentGroup(l.segmentGroup()));
            for (int i = 0; i < s.size(); i++) {
                event(String.format(Locale.ROOT, "{\"ph\":\"C\",\"name\":%s,\"pid\":%d,\"ts\":%s,\"args\":{\"bytes\":%d}}",
                        name, l.process().pid(), us(t.sinceStart(s.seq(i))), s.value(i)));
            }
        }
        for (FailedCall f : m.failedCalls()) {
            event(String.format(Locale.ROOT, "{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"error\",\"name\":%s,\"pid\":%d,"
                    + "\"tid\":%d,\"ts\":%s}", str(f.call() + " " + Names.errno(f.errno())), f.process().pid(), f.tid(),
                    us(t.sinceStart(f.seq()))));
        }
        out.write("\n]}\n");
    }

    private void event(String json) throws IOException {
        if (!first) {
            out.write(",\n");
        }
        first = false;
        out.write(json);
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e3);
    }

    private static String str(String s) {
        var w = new java.io.StringWriter();
        try {
            Json.string(s, w);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
