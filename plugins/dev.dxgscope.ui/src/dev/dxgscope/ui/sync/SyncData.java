package dev.dxgscope.ui.sync;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.Signal;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.model.state.Wait;
import dev.dxgscope.ui.charts.TimeFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Sync objects view shows, copied out of the model under the session's lock (in a Job):
 * each fence's value over time as arrays, every wait as a row with the values its texts are made
 * of (the table and tooltips never touch the model), the signal that satisfied it, and the values
 * that went backwards. x is seconds since the capture's first record. Keeps the {@link Wait}
 * objects only as identities to select. Costs one binary search per fence observation, and about
 * 240 bytes a wait: a tooltip and the satisfying signal's text are written when shown (written for
 * every wait up front, they made it 590).
 */
public final class SyncData {
    /** Fences shown by default (see {@link #defaultFences()}). */
    public static final int DEFAULT_FENCES = 4;

    /** One fence: its value over time (x ascending, y holds until the next x). */
    public record FenceLine(int id, String label, String kind, double[] x, double[] y, int waits, int stuck,
            int signals, long lastValue, double gone) {
        /** Whether the fence went away in the capture (its last object destroyed, at {@code gone} seconds). */
        public boolean destroyed() {
            return !Double.isNaN(gone);
        }
    }

    /**
     * One wait with everything the table, the chart and its tooltip show. Seqs with their times in
     * seconds: where it ended (satisfied or failed), was abandoned, and its object was destroyed
     * ({@link DxgObject#ALIVE} when not).
     */
    public record WaitRow(Wait target, int fence, String kind, String object, long value, long seq, double start,
            double end, long durationNs, Wait.Outcome outcome, String signalKind, String signalObject, long signalSeq,
            double signalX, long signalValue, int tid, String call, long endSeq, double endAt, long abandonedSeq,
            double abandonedAt, String abandonedWhy, long fenceLastValue, long destroyedSeq, double destroyedAt) {
        /** The signal that satisfied it, as {@link Signal#describe()} says it; "" when none. */
        public String satisfiedBy() {
            return signalKind == null ? ""
                    : signalKind + " signal of " + signalObject + " to " + signalValue + " (#" + signalSeq + ")";
        }

        /** Orders by the satisfying signal as its text reads, but the value as a number (no text made). */
        static final Comparator<WaitRow> BY_SIGNAL = Comparator
                .comparing((WaitRow r) -> r.signalKind == null ? "" : r.signalKind)
                .thenComparing(r -> r.signalObject == null ? "" : r.signalObject)
                .thenComparingLong(WaitRow::signalValue).thenComparingLong(WaitRow::signalSeq);

        /** What hovering the wait says: who waited for what, and how it ended. */
        public String tooltip() {
            StringBuilder tip = new StringBuilder(kind).append(" on ").append(object).append(" for value ").append(value)
                    .append("\nstarted ").append(TimeFormat.at(start, seq)).append(" by tid ").append(tid).append(" (")
                    .append(call).append(")\n");
            switch (outcome) {
                case SATISFIED -> tip.append("satisfied at ").append(TimeFormat.at(endAt, endSeq)).append(" after ")
                        .append(Format.duration(durationNs)).append(signalKind == null ? "" : "\nby " + satisfiedBy());
                case FAILED -> tip.append("the call failed at ").append(TimeFormat.at(endAt, endSeq));
                default -> tip.append(abandonedSeq == DxgObject.ALIVE
                        ? "NEVER satisfied: still waiting at the end of the capture ("
                        : "NEVER satisfied: abandoned at " + TimeFormat.at(abandonedAt, abandonedSeq) + " when "
                                + abandonedWhy + " (after ")
                        .append(Format.duration(durationNs)).append(")\nthe fence's last known value is ")
                        .append(fenceLastValue).append(", the wait needs ").append(value);
            }
            if (destroyedSeq != DxgObject.ALIVE && destroyedSeq != abandonedSeq) {
                tip.append("\nthe object was destroyed at ").append(TimeFormat.at(destroyedAt, destroyedSeq))
                        .append(" while waiting");
            }
            return tip.toString();
        }

        public boolean stuck() {
            return outcome == Wait.Outcome.NEVER_SATISFIED || outcome == Wait.Outcome.PENDING;
        }

        /** "20.3 µs"; "≥ 1.003 s" while still waiting at the end of the capture. */
        public String duration() {
            return (stuck() && target.abandonedSeq() == DxgObject.ALIVE ? "≥ " : "") + Format.duration(durationNs);
        }
    }

    /**
     * One fence's waits as its track draws them: by outcome (in wait order) and those with a
     * satisfying signal, by the signal's time. Split with the snapshot, off the UI thread.
     */
    public record FenceWaits(Map<SyncChart.Outcome, List<WaitRow>> byOutcome, List<WaitRow> linked) {
        static final FenceWaits NONE = new FenceWaits(Map.of(), List.of());

        public List<WaitRow> of(SyncChart.Outcome o) {
            return byOutcome.getOrDefault(o, List.of());
        }
    }

    /** A value that went down between two exact observations. */
    public record Backward(int fence, double x, long seq, long from, long to, String tooltip) {
    }

    private final String title;
    private final List<FenceLine> fences;
    private final List<WaitRow> waits;
    private final List<Backward> backwards;
    private final double end;
    private final Map<Integer, FenceWaits> byFence;

    private SyncData(String title, List<FenceLine> fences, List<WaitRow> waits, List<Backward> backwards, double end) {
        this.title = title;
        this.fences = fences;
        this.waits = waits;
        this.backwards = backwards;
        this.end = end;
        this.byFence = split(waits);
    }

    private static Map<Integer, FenceWaits> split(List<WaitRow> waits) {
        Map<Integer, Map<SyncChart.Outcome, List<WaitRow>>> outcomes = new HashMap<>();
        Map<Integer, List<WaitRow>> linked = new HashMap<>();
        for (WaitRow r : waits) {
            outcomes.computeIfAbsent(r.fence(), k -> new java.util.EnumMap<>(SyncChart.Outcome.class))
                    .computeIfAbsent(SyncChart.Outcome.of(r), k -> new ArrayList<>()).add(r);
            if (!Double.isNaN(r.signalX())) {
                linked.computeIfAbsent(r.fence(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Integer, FenceWaits> out = new HashMap<>();
        outcomes.forEach((fence, byOutcome) -> {
            List<WaitRow> l = linked.getOrDefault(fence, new ArrayList<>());
            l.sort(Comparator.comparingDouble(WaitRow::signalX));
            out.put(fence, new FenceWaits(byOutcome, l));
        });
        return out;
    }

    /** A fence's waits split for its track. */
    public FenceWaits waitsOf(int fence) {
        return byFence.getOrDefault(fence, FenceWaits.NONE);
    }

    public static SyncData empty() {
        return new SyncData("", List.of(), List.of(), List.of(), 0);
    }

    public String title() {
        return title;
    }

    public List<FenceLine> fences() {
        return fences;
    }

    public List<WaitRow> waits() {
        return waits;
    }

    public List<Backward> backwards() {
        return backwards;
    }

    public double end() {
        return end;
    }

    public FenceLine fence(int id) {
        for (FenceLine f : fences) {
            if (f.id() == id) {
                return f;
            }
        }
        return null;
    }

    public long stuckCount() {
        return waits.stream().filter(WaitRow::stuck).count();
    }

    /**
     * The fences to show when the user has not chosen: those with waits, stuck ones first; else the
     * busiest; among equals, the one whose value changed last. When stuck fences would fill every track, one is kept for the busiest fence whose
     * waits were all satisfied if it has more waits than the stuck fence it pushes out, so a session
     * where one bug repeats (every run of a workload leaves its stuck fence) still shows the
     * traffic that works beside it.
     */
    public List<Integer> defaultFences() {
        return defaultFences(fences);
    }

    static List<Integer> defaultFences(List<FenceLine> fences) {
        List<FenceLine> sorted = new ArrayList<>(fences);
        boolean anyWaits = fences.stream().anyMatch(f -> f.waits() > 0);
        sorted.removeIf(f -> anyWaits && f.waits() == 0);
        /* among equals the latest first: a bug that repeats shows its last runs, near the cursor at the end */
        sorted.sort(Comparator.comparingInt((FenceLine f) -> -f.stuck()).thenComparingInt(f -> -f.waits())
                .thenComparingInt(f -> -f.x().length).thenComparingDouble(f -> -lastChange(f))
                .thenComparingInt(FenceLine::id));
        List<FenceLine> stuck = sorted.stream().filter(f -> f.stuck() > 0).toList();
        List<FenceLine> rest = sorted.stream().filter(f -> f.stuck() == 0).toList();
        /* the reserved track goes to real traffic: more waits than the stuck fence it would push out */
        boolean reserve = !rest.isEmpty() && stuck.size() >= DEFAULT_FENCES
                && rest.get(0).waits() > stuck.get(DEFAULT_FENCES - 1).waits();
        int stuckShown = Math.min(stuck.size(), reserve ? DEFAULT_FENCES - 1 : DEFAULT_FENCES);
        List<Integer> out = new ArrayList<>();
        stuck.stream().limit(stuckShown).forEach(f -> out.add(f.id()));
        rest.stream().limit(DEFAULT_FENCES - out.size()).forEach(f -> out.add(f.id()));
        return out;
    }

    /** When a fence's value was last seen to change (0 when never): its last point but the one holding it to the end. */
    private static double lastChange(FenceLine f) {
        return f.x().length < 2 ? 0 : f.x()[f.x().length - 2];
    }

    /** Copies what the view needs; call under {@code CaptureSession.read}. */
    public static SyncData of(CaptureModel m, String title) {
        Timeline t = m.timeline();
        double end = seconds(t, t.lastSeq());
        Map<Fence, int[]> counts = new HashMap<>(); /* waits, stuck, signals */
        for (Wait w : m.waits()) {
            int[] c = counts.computeIfAbsent(w.object().fence(), k -> new int[3]);
            c[0]++;
            c[1] += w.stuck() ? 1 : 0;
        }
        for (Signal s : m.signals()) {
            counts.computeIfAbsent(s.object().fence(), k -> new int[3])[2]++;
        }
        List<FenceLine> fences = new ArrayList<>();
        List<Backward> backwards = new ArrayList<>();
        for (Fence f : m.fences()) {
            int[] c = counts.getOrDefault(f, new int[3]);
            fences.add(line(t, f, end, c));
            for (Fence.Backward b : f.backward()) {
                backwards.add(new Backward(f.id(), seconds(t, b.seq()), b.seq(), b.from(), b.to(),
                        "Value of " + describe(f) + " went backwards from " + b.from() + " to " + b.to() + " at "
                                + at(t, b.seq())));
            }
        }
        List<WaitRow> waits = new ArrayList<>();
        Map<Object, String> names = new java.util.IdentityHashMap<>(); /* describe() formats a handle: once per object */
        for (Wait w : m.waits()) {
            waits.add(row(t, w, end, names));
        }
        return new SyncData(title, fences, waits, backwards, end);
    }

    private static FenceLine line(Timeline t, Fence f, double end, int[] counts) {
        int n = f.observations();
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int i = 0; i < n; i++) {
            x[i] = seconds(t, f.seq(i));
            y[i] = f.value(i);
        }
        double gone = f.goneSeq() == DxgObject.ALIVE ? Double.NaN : seconds(t, f.goneSeq());
        if (n == 0) {
            return new FenceLine(f.id(), describe(f), kind(f), new double[0], new double[0], counts[0], counts[1],
                    counts[2], -1, gone);
        }
        /* the last known value holds to the end, or to when the fence went away */
        x[n] = Math.max(Double.isNaN(gone) ? end : gone, x[n - 1]);
        y[n] = y[n - 1];
        return new FenceLine(f.id(), describe(f), kind(f), x, y, counts[0], counts[1], counts[2], f.lastValue(), gone);
    }

    /** A wait's row; {@code names}: objects' descriptions, made once per object. */
    private static WaitRow row(Timeline t, Wait w, double end, Map<Object, String> names) {
        String object = names.computeIfAbsent(w.object(), o -> w.object().describe());
        double start = seconds(t, w.seq());
        long abandoned = w.abandonedSeq();
        long endSeq = w.stoppedSeq();
        boolean ended = endSeq != DxgObject.ALIVE;
        double stop = ended ? seconds(t, endSeq) : end;
        long duration = (ended ? t.timeOf(endSeq) : t.endNs()) - t.timeOf(w.seq());
        Signal s = w.satisfiedBy();
        Fence f = w.object().fence();
        long settled = w.outcome() == Wait.Outcome.SATISFIED || w.outcome() == Wait.Outcome.FAILED ? w.endSeq() : DxgObject.ALIVE;
        long destroyed = w.objectDestroyedSeq();
        return new WaitRow(w, f.id(), w.kind().label(), object, w.value(), w.seq(), start, stop, duration, w.outcome(),
                s == null ? null : s.kind().label(), s == null ? null : names.computeIfAbsent(s.object(), o -> s.object().describe()),
                s == null ? 0 : s.seq(), s == null ? Double.NaN : seconds(t, s.seq()),
                s == null ? 0 : s.value(), w.tid(), w.call(), settled, secondsOrNaN(t, settled), abandoned,
                secondsOrNaN(t, abandoned), w.abandonedWhy(), f.lastValue(), destroyed, secondsOrNaN(t, destroyed));
    }

    private static String describe(Fence f) {
        return f.views().isEmpty() ? "fence " + f.id() : f.creator().describe();
    }

    private static String kind(Fence f) {
        return f.views().isEmpty() ? "" : f.creator().kind().label();
    }

    static double seconds(Timeline t, long seq) {
        return t.sinceStart(seq) / 1e9;
    }

    private static double secondsOrNaN(Timeline t, long seq) {
        return seq == DxgObject.ALIVE ? Double.NaN : seconds(t, seq);
    }

    static String at(Timeline t, long seq) {
        return dev.dxgscope.ui.charts.TimeFormat.at(seconds(t, seq), seq);
    }
}
