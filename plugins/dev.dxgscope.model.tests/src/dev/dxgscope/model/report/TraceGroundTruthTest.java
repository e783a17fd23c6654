package dev.dxgscope.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.Workloads;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.model.state.Wait;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace export of two simulator workloads whose ground truth is known (GroundTruthTest):
 * each event is read back and checked against what the workload did, not just for its shape.
 */
class TraceGroundTruthTest {
    private static final long MIB = 1 << 20;
    @TempDir
    static Path dir;
    private static CaptureModel compute;
    private static CaptureModel stuck;

    /** One trace event, the fields these tests read (each event is one line of the export). */
    private record Ev(String ph, String cat, String name, int pid, long tid, double ts, double dur, String line) {
        /** A value of the event's args (strings unquoted, null as "null"), or null when absent. */
        String arg(String key) {
            int args = line.indexOf("\"args\":");
            Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|-?\\d+|null)").matcher(line);
            m.region(Math.max(args, 0), line.length());
            return m.find() ? m.group(1).replace("\"", "") : null;
        }

        long argLong(String key) {
            return Long.parseLong(arg(key));
        }
    }

    @BeforeAll
    static void record() throws Exception {
        compute = Workloads.load(Workloads.record(dir, "compute-pressure"));
        stuck = Workloads.load(Workloads.record(dir, "stuck-wait", "0"));
    }

    private static List<Ev> trace(CaptureModel m) throws Exception {
        StringWriter w = new StringWriter();
        TraceExport.write(m, w);
        String[] lines = w.toString().split("\n");
        assertEquals("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", lines[0]);
        assertEquals("]}", lines[lines.length - 1]);
        List<Ev> out = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String l = lines[i];
            assertTrue(l.startsWith("{") && l.endsWith(i < lines.length - 2 ? "}," : "}"), "one event a line: " + l);
            out.add(new Ev(str(l, "ph"), str(l, "cat"), str(l, "name"), (int) num(l, "pid", -1), num(l, "tid", -1),
                    dec(l, "ts"), dec(l, "dur"), l));
        }
        return out;
    }

    private static String str(String l, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(l);
        return m.find() ? m.group(1) : null;
    }

    private static long num(String l, String key, long none) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)[,}]").matcher(l);
        return m.find() ? Long.parseLong(m.group(1)) : none;
    }

    private static double dec(String l, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+\\.\\d{3})").matcher(l);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static List<Ev> of(List<Ev> t, String ph, String cat) {
        return t.stream().filter(e -> e.ph().equals(ph) && (cat == null || cat.equals(e.cat()))).toList();
    }

    private static double micros(Timeline t, long seq) {
        return t.sinceStart(seq) / 1e3;
    }

    @Test
    void computePressuresTrace() throws Exception {
        List<Ev> t = trace(compute);
        Timeline tl = compute.timeline();
        DxgProcess p = compute.dxgProcesses().get(0);
        List<Ev> tracks = of(t, "M", null);
        assertEquals(1, tracks.size(), "one track: the one process");
        assertEquals(p.pid(), tracks.get(0).pid());
        assertEquals("process_name", tracks.get(0).name());
        assertEquals(p.commandLine(), tracks.get(0).arg("name"));

        List<Ev> ops = of(t, "X", "residency");
        assertEquals(7, ops.size(), "six groups made resident, then the one that did not fit");
        for (int g = 0; g < 6; g++) {
            Ev e = ops.get(g);
            assertEquals("MakeResident", e.name());
            assertEquals(4, e.argLong("allocations"));
            assertEquals(64 * MIB, e.argLong("bytes"));
            assertNotEquals("ENOMEM", e.arg("result"));
            var op = compute.residencyOps().get(g);
            assertEquals(micros(tl, op.seq()), e.ts(), 0.0005);
            assertEquals((tl.timeOf(op.completedSeq()) - tl.timeOf(op.seq())) / 1e3, e.dur(), 0.0005,
                    "a slice lasts until the paging fence is reached");
        }
        assertEquals("ENOMEM", ops.get(6).arg("result"));
        assertEquals(300 * MIB, ops.get(6).argLong("bytes"));

        List<Ev> waits = of(t, "X", "wait");
        assertEquals(compute.waits().size(), waits.size(), "a slice per wait");
        for (Wait w : compute.waits()) {
            assertEquals(1, waits.stream().filter(e -> Math.abs(e.ts() - micros(tl, w.seq())) < 0.0005
                    && e.argLong("value") == w.value() && w.outcome().label().equals(e.arg("outcome"))).count(), w.toString());
        }
        Wait forProgress = compute.waits().stream().filter(w -> w.object().kind() == SyncObject.Kind.PROGRESS_FENCE)
                .findFirst().orElseThrow();
        Ev last = waits.stream().filter(e -> e.name().contains(forProgress.object().handleHex())).findFirst()
                .orElseThrow();
        assertEquals(8, last.argLong("value"), "the wait for the eighth and last submission");
        assertEquals("satisfied", last.arg("outcome"));
        assertTrue(last.arg("satisfied_by").contains("progress"), last.line());

        Fence progress = forProgress.object().fence();
        String fenceName = "fence " + progress.creator().handleHex() + " (" + progress.creator().kind().label() + ")";
        List<Long> values = of(t, "C", null).stream().filter(e -> e.name().equals(fenceName))
                .map(e -> e.argLong("value")).toList();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < progress.observations(); i++) {
            expected.add(progress.value(i));
        }
        assertEquals(expected, values, "the progress fence's counter is its value series");
        assertEquals(8L, values.get(values.size() - 1));

        List<Ev> resident = of(t, "C", null).stream().filter(e -> e.name().startsWith("resident ")).toList();
        assertTrue(resident.stream().allMatch(e -> e.argLong("bytes") <= 256 * MIB), "never over the budget");
        assertEquals(256 * MIB, resident.stream().mapToLong(e -> e.argLong("bytes")).max().orElseThrow());
        assertEquals(0, resident.get(resident.size() - 1).argLong("bytes"), "everything destroyed at the end");
        for (int i = 1; i < resident.size(); i++) {
            assertTrue(resident.get(i).ts() >= resident.get(i - 1).ts(), "a counter's samples in time order");
        }

        List<Ev> errors = of(t, "i", "error");
        assertEquals(1, errors.size());
        assertEquals("LX_DXMAKERESIDENT ENOMEM", errors.get(0).name());
        assertEquals(micros(tl, compute.failedCalls().get(0).seq()), errors.get(0).ts(), 0.0005);
        double end = tl.sinceStart(tl.lastSeq()) / 1e3;
        assertTrue(t.stream().allMatch(e -> e.ph().equals("M") || (e.ts() >= 0 && e.ts() + Math.max(0, e.dur()) <= end
                + 0.001)), "every event inside the capture");
    }

    @Test
    void stuckWaitsTraceHasTheTwoStuckWaitsUntilTheirFenceWasDestroyed() throws Exception {
        List<Ev> t = trace(stuck);
        Timeline tl = stuck.timeline();
        List<Ev> waits = of(t, "X", "wait");
        assertEquals(3, waits.size());
        List<Wait> ws = stuck.waits();
        for (int i = 0; i < 3; i++) {
            Wait w = ws.get(i);
            Ev e = waits.stream().filter(x -> x.argLong("value") == w.value()).findFirst().orElseThrow();
            assertEquals(w.process().pid(), e.pid());
            assertEquals(w.tid(), e.tid());
            assertEquals(micros(tl, w.seq()), e.ts(), 0.0005);
            assertEquals(w.outcome().label(), e.arg("outcome"));
        }
        Ev satisfied = waits.stream().filter(e -> e.argLong("value") == 1).findFirst().orElseThrow();
        assertEquals("satisfied", satisfied.arg("outcome"));
        assertTrue(satisfied.arg("satisfied_by").startsWith("GPU signal"), satisfied.line());
        for (long v : new long[] {7, 5}) {
            Ev e = waits.stream().filter(x -> x.argLong("value") == v).findFirst().orElseThrow();
            Wait w = ws.stream().filter(x -> x.value() == v).findFirst().orElseThrow();
            assertEquals("never satisfied", e.arg("outcome"));
            assertEquals("null", e.arg("satisfied_by"));
            assertEquals(micros(tl, w.abandonedSeq()), e.ts() + e.dur(), 0.002,
                    "a stuck wait lasts until its fence was destroyed, not to the end of the capture");
            assertTrue(w.abandonedSeq() < tl.lastSeq());
        }
        assertEquals(0, of(t, "i", "error").size(), "stuck-wait fails no call");
    }
}
