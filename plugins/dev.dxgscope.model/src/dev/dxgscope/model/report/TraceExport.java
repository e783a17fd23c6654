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

/**
 * The timelines as Chrome / Perfetto trace-event JSON (the "JSON Object Format"): one track per
 * process, waits and residency operations as slices, fence values and resident bytes as counters,
 * failed calls as instant events. Times are microseconds since the capture's first record.
 */
public final class TraceExport {
    private final CaptureModel m;
    private final Timeline t;
    private final Writer out;
    private final StringBuilder b = new StringBuilder(256);
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
            begin().append("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":").append(p.pid())
                    .append(",\"args\":{\"name\":").append(str(p.commandLine())).append("}}");
            end();
        }
        for (SyncAnalysis.TimedWait tw : SyncAnalysis.of(m).waits()) {
            Wait w = tw.w();
            begin().append("{\"ph\":\"X\",\"cat\":\"wait\",\"name\":")
                    .append(str(w.kind().label() + " " + w.object().handleHex() + " >= " + w.value()))
                    .append(",\"pid\":").append(w.process().pid()).append(",\"tid\":").append(w.tid());
            ts(t.sinceStart(w.seq()));
            dur(tw.durationNs());
            b.append(",\"args\":{\"value\":").append(w.value()).append(",\"outcome\":").append(str(w.outcome().label()))
                    .append(",\"satisfied_by\":").append(w.satisfiedBy() == null ? "null" : str(w.satisfiedBy().describe()))
                    .append("}}");
            end();
        }
        for (ResidencyOp op : m.residencyOps()) {
            long end = op.completedSeq() == DxgObject.ALIVE ? op.leaveSeq() : op.completedSeq();
            begin().append("{\"ph\":\"X\",\"cat\":\"residency\",\"name\":").append(str(op.kind().label()))
                    .append(",\"pid\":").append(op.process().pid()).append(",\"tid\":0");
            ts(t.sinceStart(op.seq()));
            dur(t.timeOf(end) - t.timeOf(op.seq()));
            b.append(",\"args\":{\"allocations\":").append(op.allocations().size()).append(",\"bytes\":")
                    .append(op.bytes()).append(",\"result\":")
                    .append(str(op.failed() ? Names.errno(op.errno()) : op.pending() ? "STATUS_PENDING" : "0")).append("}}");
            end();
        }
        for (Fence f : m.fences()) {
            String name = str("fence " + f.creator().handleHex() + " (" + f.creator().kind().label() + ")");
            for (int i = 0; i < f.observations(); i++) {
                begin().append("{\"ph\":\"C\",\"name\":").append(name).append(",\"pid\":")
                        .append(f.creator().process().pid());
                ts(t.sinceStart(f.seq(i)));
                b.append(",\"args\":{\"value\":").append(f.value(i)).append("}}");
                end();
            }
        }
        for (CaptureModel.ResidentLine l : m.residentLines()) {
            Series s = l.bytes();
            String name = str("resident " + Names.segmentGroup(l.segmentGroup()));
            for (int i = 0; i < s.size(); i++) {
                begin().append("{\"ph\":\"C\",\"name\":").append(name).append(",\"pid\":").append(l.process().pid());
                ts(t.sinceStart(s.seq(i)));
                b.append(",\"args\":{\"bytes\":").append(s.value(i)).append("}}");
                end();
            }
        }
        for (FailedCall f : m.failedCalls()) {
            begin().append("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"error\",\"name\":")
                    .append(str(f.call() + " " + Names.errno(f.errno()))).append(",\"pid\":").append(f.process().pid())
                    .append(",\"tid\":").append(f.tid());
            ts(t.sinceStart(f.seq()));
            b.append('}');
            end();
        }
        out.write("\n]}\n");
    }

    /** Starts the next event in {@link #b}, after the separator from the one before. */
    private StringBuilder begin() {
        b.setLength(0);
        if (!first) {
            b.append(",\n");
        }
        first = false;
        return b;
    }

    /** Writes the event made since {@link #begin()}. */
    private void end() throws IOException {
        out.append(b);
    }

    private void ts(long ns) {
        micros(b.append(",\"ts\":"), ns);
    }

    /** A slice's duration; a negative one (clock steps between CPUs) is written as 0. */
    private void dur(long ns) {
        micros(b.append(",\"dur\":"), Math.max(0, ns));
    }

    /**
     * Nanoseconds as microseconds with three decimals, exactly what {@code %.3f} of {@code ns / 1e3}
     * gives (digits appended, no Formatter: that was most of an export's time).
     */
    static StringBuilder micros(StringBuilder sb, long ns) {
        if (ns < 0) {
            sb.append('-');
            ns = -ns;
        }
        long frac = ns % 1000;
        sb.append(ns / 1000).append('.');
        if (frac < 100) {
            sb.append(frac < 10 ? "00" : "0");
        }
        return sb.append(frac);
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
