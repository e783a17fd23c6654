package dev.dxgscope.ui.residency;

import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.Eviction;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.Series;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.ui.charts.ByteFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Residency view draws, copied out of the model (under the session's lock, in a Job) into
 * plain arrays: per process, adapter and segment group the resident bytes over time and the budget
 * when the capture has one; every MakeResident and Evict as a marker on its line (pending ones
 * with their paging-fence latency, failed ones with the budget and usage of that moment); the
 * memory manager's own evictions. x is seconds since the capture's first record. Costs one binary
 * search per point (a million points: about 50 ms); holds no model object that can change.
 */
public final class ResidencyData {
    /** Marker kinds, in legend order. */
    public enum Kind {
        MAKE_RESIDENT("MakeResident"),
        PENDING("MakeResident pending (bar: until its paging fence)"),
        FAILED("MakeResident failed"),
        EVICT("Evict"),
        EVICTED_BY_MM("Evicted by the memory manager (inferred)"),
        OFFER("Offer (content may be discarded)"),
        RECLAIM("Reclaim");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Resident bytes of one process in one segment group of one adapter, with its budget (or null arrays). */
    public record Line(String label, int pid, long luid, int segmentGroup, double[] x, double[] y, double[] budgetX,
            double[] budgetY, long peak, long budget) {
    }

    /** One marker: at (x, y), with an interval to xEnd (paging-fence latency), a tooltip and a seq to jump to. */
    public record Marker(Kind kind, double x, double xEnd, double y, long seq, String tooltip) {
    }

    private final String title;
    private final List<Line> lines;
    private final Map<Kind, List<Marker>> markers;
    private final double end;
    /** Allocations the memory manager evicted, and their known bytes (a marker is one moment of several). */
    private final int evicted;
    private final long evictedBytes;
    /** Budgets the capture learned (a snapshot has these and no resident bytes). */
    private final int budgets;

    private ResidencyData(String title, List<Line> lines, Map<Kind, List<Marker>> markers, double end, int evicted,
            long evictedBytes, int budgets) {
        this.budgets = budgets;
        this.title = title;
        this.lines = lines;
        this.markers = markers;
        this.end = end;
        this.evicted = evicted;
        this.evictedBytes = evictedBytes;
    }

    /** Nothing to show. */
    public static ResidencyData empty() {
        Map<Kind, List<Marker>> none = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            none.put(k, List.of());
        }
        return new ResidencyData("", List.of(), none, 0, 0, 0, 0);
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Marker> markers(Kind k) {
        return markers.get(k);
    }

    /** Seconds from the first to the last record. */
    public double end() {
        return end;
    }

    /** One line of facts for the chart's subtitle. */
    public String summary() {
        if (lines.isEmpty()) {
            return title.isEmpty() ? "" : title + ": no resident bytes in this capture (no MakeResident with known sizes)"
                    + (budgets == 0 ? "" : "; its " + budgets + (budgets == 1 ? " budget is" : " budgets are")
                            + " listed in Adapters");
        }
        StringBuilder b = new StringBuilder(title).append(" · ");
        long withBudget = lines.stream().filter(l -> l.budget() >= 0).count();
        long reached = lines.stream().filter(l -> l.budget() >= 0 && l.peak() >= l.budget()).count();
        if (lines.size() == 1 && withBudget == 1) {
            Line l = lines.get(0);
            b.append("peak ").append(ByteFormat.bytes(l.peak())).append(" of ").append(ByteFormat.bytes(l.budget()))
                    .append(" budget");
        } else {
            b.append(lines.size()).append(" lines, ").append(withBudget).append(" with a known budget, ")
                    .append(reached).append(" reached it");
        }
        int ops = markers.get(Kind.MAKE_RESIDENT).size() + markers.get(Kind.PENDING).size()
                + markers.get(Kind.FAILED).size();
        b.append(" · ").append(ops).append(" MakeResident (").append(markers.get(Kind.FAILED).size())
                .append(" failed, ").append(markers.get(Kind.PENDING).size()).append(" pending)");
        int times = markers.get(Kind.EVICTED_BY_MM).size();
        b.append(" · ").append(markers.get(Kind.EVICT).size()).append(" Evict call")
                .append(markers.get(Kind.EVICT).size() == 1 ? "" : "s").append(" · ").append(evicted)
                .append(evicted == 1 ? " allocation" : " allocations").append(" (")
                .append(ByteFormat.bytes(evictedBytes)).append(") evicted by the memory manager");
        if (times > 1) {
            b.append(", ").append(times).append(" times");
        }
        if (!markers.get(Kind.OFFER).isEmpty() || !markers.get(Kind.RECLAIM).isEmpty()) {
            b.append(" · ").append(markers.get(Kind.OFFER).size()).append(" Offer, ")
                    .append(markers.get(Kind.RECLAIM).size()).append(" Reclaim");
        }
        return b.toString();
    }

    /** Copies what the view needs; call under {@code CaptureSession.read}. */
    public static ResidencyData of(CaptureModel m, String title) {
        Timeline t = m.timeline();
        double end = seconds(t, t.lastSeq());
        List<CaptureModel.ResidentLine> resident = m.residentLines();
        List<Line> lines = new ArrayList<>();
        for (CaptureModel.ResidentLine r : resident) {
            boolean manyAdapters = resident.stream().anyMatch(o -> o.process() == r.process()
                    && o.segmentGroup() == r.segmentGroup() && o.luid() != r.luid());
            lines.add(line(m, t, r, end, manyAdapters));
        }
        Map<Kind, List<Marker>> markers = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            markers.put(k, new ArrayList<>());
        }
        for (ResidencyOp op : m.residencyOps()) {
            Marker mk = marker(t, op, find(resident, op));
            markers.get(mk.kind()).add(mk);
        }
        Map<Long, List<Eviction>> evictions = new java.util.TreeMap<>();
        long evictedBytes = 0;
        for (Eviction e : m.evictions()) {
            evictions.computeIfAbsent(e.seq(), k -> new ArrayList<>()).add(e);
            evictedBytes += Math.max(0, e.allocation().size());
        }
        for (List<Eviction> same : evictions.values()) {
            markers.get(Kind.EVICTED_BY_MM).add(eviction(t, same, find(resident, same.get(0).allocation())));
        }
        for (List<Marker> list : markers.values()) {
            list.sort(Comparator.comparingDouble(Marker::x));
        }
        return new ResidencyData(title, lines, markers, end, m.evictions().size(), evictedBytes, m.budgets().size());
    }

    private static Line line(CaptureModel m, Timeline t, CaptureModel.ResidentLine r, double end, boolean luid) {
        Series s = r.bytes();
        int n = s.size();
        double[] x = new double[n + 2];
        double[] y = new double[n + 2];
        for (int i = 0; i < n; i++) {
            x[i + 1] = Math.max(0, seconds(t, s.seq(i)));
            y[i + 1] = s.value(i);
        }
        x[0] = n == 0 ? 0 : x[1]; /* nothing was resident before the first change: a rise from 0 */
        double until = until(t, r.process(), end);
        x[n + 1] = Math.max(until, x[n]);
        y[n + 1] = n == 0 ? 0 : s.value(n - 1);
        List<Budget> budgets = new ArrayList<>();
        for (Budget b : m.budgets()) {
            if (b.appliesTo(r.process().pid(), r.luid(), r.segmentGroup())) {
                budgets.add(b);
            }
        }
        budgets.sort(Comparator.comparingLong(Budget::seq));
        double[] bx = null;
        double[] by = null;
        long budget = -1;
        if (!budgets.isEmpty()) {
            bx = new double[budgets.size() + 1];
            by = new double[budgets.size() + 1];
            for (int i = 0; i < budgets.size(); i++) {
                bx[i] = seconds(t, budgets.get(i).seq());
                by[i] = budgets.get(i).budget();
            }
            budget = budgets.get(budgets.size() - 1).budget();
            bx[budgets.size()] = Math.max(until, bx[budgets.size() - 1]);
            by[budgets.size()] = budget;
        }
        String label = r.process().label() + " " + Names.segmentGroup(r.segmentGroup())
                + (luid ? String.format(" adapter 0x%x", r.luid()) : "");
        return new Line(label, r.process().pid(), r.luid(), r.segmentGroup(), x, y, bx, by, s.max(), budget);
    }

    /**
     * Where a process's lines end: when the driver released its dxg process (or it exited), else at
     * the end of the capture. After that its residency and budget mean nothing.
     */
    private static double until(Timeline t, DxgProcess p, double end) {
        long seq = p.teardownSeq() != DxgObject.ALIVE ? p.teardownSeq() : p.exitSeq();
        return seq == DxgObject.ALIVE ? end : Math.min(end, seconds(t, seq));
    }

    /** The resident-bytes line an op belongs to (same process, segment group, adapter when known). */
    private static CaptureModel.ResidentLine find(List<CaptureModel.ResidentLine> lines, ResidencyOp op) {
        long luid = !op.allocations().isEmpty() ? op.allocations().get(0).luid()
                : op.pagingQueue() != null ? op.pagingQueue().luid() : 0;
        return find(lines, op.process().pid(), Math.max(op.segmentGroup(), 0), luid);
    }

    private static CaptureModel.ResidentLine find(List<CaptureModel.ResidentLine> lines, Allocation a) {
        return find(lines, a.process().pid(), Math.max(a.segmentGroup(), 0), a.luid());
    }

    private static CaptureModel.ResidentLine find(List<CaptureModel.ResidentLine> lines, int pid, int group, long luid) {
        CaptureModel.ResidentLine any = null;
        for (CaptureModel.ResidentLine l : lines) {
            if (l.process().pid() == pid && l.segmentGroup() == group) {
                if (l.luid() == luid) {
                    return l;
                }
                any = any == null ? l : any;
            }
        }
        return any;
    }

    private static Marker marker(Timeline t, ResidencyOp op, CaptureModel.ResidentLine line) {
        double x = seconds(t, op.seq());
        String group = op.segmentGroup() < 0 ? "segment group unknown" : Names.segmentGroup(op.segmentGroup());
        String head = op.kind().label() + " by " + op.process().label() + " at " + at(t, op.seq());
        int unknown = op.unknownHandles();
        String what = op.allocations().size() + " allocation" + (op.allocations().size() == 1 ? "" : "s")
                + (unknown == 0 ? "" : " and " + unknown + " handle" + (unknown == 1 ? "" : "s")
                        + " the capture does not know (stale, or another process's)")
                + ", " + ByteFormat.bytes(op.bytes()) + (unknown == 0 ? "" : " known") + " (" + group + ")";
        String budget = op.budget() < 0 ? "budget unknown (no QueryVideoMemoryInfo in the capture)"
                : "budget " + ByteFormat.bytes(op.budget());
        if (op.failed()) {
            boolean tooBig = op.budget() >= 0 && op.bytes() > op.budget();
            String text = op.kind().label() + " FAILED: " + Names.errno(op.errno()) + "\n" + what + "\n" + budget
                    + ", usage " + ByteFormat.bytes(op.usageBefore()) + " at that moment (would have been "
                    + ByteFormat.bytes(op.usageBefore() + op.bytes()) + ")"
                    + (tooBig ? "\nthe request alone (" + ByteFormat.bytes(op.bytes()) + ") is more than the budget:"
                            + " no eviction could make room" : "")
                    + "\nby " + op.process().label() + " at " + at(t, op.seq());
            Kind k = switch (op.kind()) {
                case MAKE_RESIDENT -> Kind.FAILED;
                case EVICT -> Kind.EVICT;
                case OFFER -> Kind.OFFER;
                case RECLAIM -> Kind.RECLAIM;
            };
            return new Marker(k, x, x, op.usageBefore(), op.seq(), text);
        }
        double y = line == null ? op.usageBefore() : line.bytes().valueAt(op.leaveSeq(), 0);
        String after = "resident after: " + ByteFormat.bytes((long) y) + ", " + budget
                + (op.bytesToTrim() > 0 ? "\nthe host asks to trim " + ByteFormat.bytes(op.bytesToTrim()) : "");
        if (op.kind() == ResidencyOp.Kind.EVICT) {
            return new Marker(Kind.EVICT, x, x, y, op.seq(), head + "\n" + what + "\n" + after);
        }
        if (op.kind() == ResidencyOp.Kind.OFFER || op.kind() == ResidencyOp.Kind.RECLAIM) {
            String fence = op.pending() ? "\nreturned STATUS_PENDING: paging fence value " + op.pagingFenceValue() : "";
            List<Allocation> lost = op.discarded();
            if (!lost.isEmpty()) {
                fence += "\ncontent DISCARDED by the host (resident again, must be rewritten): " + lost.stream()
                        .map(Allocation::handleHex).collect(java.util.stream.Collectors.joining(", "));
            }
            return new Marker(op.kind() == ResidencyOp.Kind.OFFER ? Kind.OFFER : Kind.RECLAIM, x, x, y, op.seq(),
                    head + "\n" + what + fence + "\n" + after);
        }
        if (op.pending()) {
            boolean done = op.completedSeq() != DxgObject.ALIVE;
            double xEnd = done ? seconds(t, op.completedSeq()) : Double.NaN;
            String fence = "returned STATUS_PENDING: paging fence value " + op.pagingFenceValue()
                    + (done ? " reached after " + dev.dxgscope.model.analysis.Format.duration(
                            t.timeOf(op.completedSeq()) - t.timeOf(op.seq())) + " (at " + at(t, op.completedSeq()) + ")"
                            : " never reached in the capture");
            return new Marker(Kind.PENDING, x, done ? xEnd : x, y, op.seq(), head + "\n" + what + "\n" + fence + "\n" + after);
        }
        return new Marker(Kind.MAKE_RESIDENT, x, x, y, op.seq(), head + "\n" + what + "\n" + after);
    }

    /** The evictions placed at one seq (the MakeResident that needed the room): one marker. */
    private static Marker eviction(Timeline t, List<Eviction> same, CaptureModel.ResidentLine line) {
        Eviction first = same.get(0);
        double x = seconds(t, first.seq());
        double y = line == null ? 0 : line.bytes().valueAt(first.seq(), 0);
        long bytes = 0;
        StringBuilder which = new StringBuilder();
        for (Eviction e : same) {
            Allocation a = e.allocation();
            bytes += Math.max(0, a.size());
            which.append("\n  allocation ").append(a.handleHex()).append(" (")
                    .append(a.size() < 0 ? "size unknown" : ByteFormat.bytes(a.size())).append("), resident since ")
                    .append(at(t, e.residentSince())).append(", seen NOT_RESIDENT by the query at ")
                    .append(at(t, e.seenSeq()));
        }
        String text = same.size() + (same.size() == 1 ? " allocation" : " allocations") + " of pid "
                + first.allocation().process().pid() + " (" + ByteFormat.bytes(bytes)
                + ") evicted by the memory manager" + which + "\n" + (first.inferred()
                        ? "placed at the MakeResident that needed the room, at " + at(t, first.seq()) + " (inferred)"
                        : "placed at the query that revealed it (no earlier MakeResident went over a known budget)");
        return new Marker(Kind.EVICTED_BY_MM, x, x, y, first.seq(), text);
    }

    private static double seconds(Timeline t, long seq) {
        return t.sinceStart(seq) / 1e9;
    }

    private static String at(Timeline t, long seq) {
        return dev.dxgscope.ui.charts.TimeFormat.at(seconds(t, seq), seq);
    }
}
