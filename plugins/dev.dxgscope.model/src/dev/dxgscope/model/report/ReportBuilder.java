package dev.dxgscope.model.report;

import dev.dxgscope.model.analysis.ErrorAnalysis;
import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.analysis.ResidencyAnalysis;
import dev.dxgscope.model.analysis.SyncAnalysis;
import dev.dxgscope.model.analysis.VmbusStats;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CallStats;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Budget;
import dev.dxgscope.model.state.CapturedAdapter;
import dev.dxgscope.model.state.Diff;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.Eviction;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.FdRef;
import dev.dxgscope.model.state.Fence;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.SharedObject;
import dev.dxgscope.model.state.Signal;
import dev.dxgscope.model.state.StateAt;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;

/**
 * The report as a tree of maps, lists and scalars whose shape is the JSON schema of
 * docs/REPORT.md ({@value #SCHEMA}); the text, HTML and CSV outputs render the same tree. Keys are
 * stable; new keys may be added, none is renamed or removed within a schema version.
 */
public final class ReportBuilder {
    public static final String SCHEMA = "dxgscope-report/1";
    /** The sections --at shows at that moment; the others cover the whole capture. */
    static final List<String> AT_SECTIONS = List.of("processes", "objects", "leaks");
    /** Section names, in report order. */
    public static final List<String> SECTIONS = List.of("capture", "processes", "adapters", "objects", "leaks",
            "residency", "sync", "errors", "vmbus", "calls", "diff");

    private final CaptureModel m;
    private final String file;
    private final Timeline t;

    public ReportBuilder(CaptureModel model, String file) {
        this.m = model;
        this.file = file;
        this.t = model.timeline();
    }

    /**
     * Builds the report. {@code at}: the seq the object table shows (null: every object of the
     * capture); {@code diff}: two seqs or null; {@code sections}: the ones wanted (empty: all but
     * diff, which needs {@code diff}).
     */
    public Map<String, Object> build(Long at, long[] diff, Set<String> sections) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema", SCHEMA);
        if (want(sections, "capture")) {
            r.put("capture", capture());
        }
        if (at != null) {
            r.put("at", map("seq", at, "time_ns", t.sinceStart(at), "applies_to", AT_SECTIONS));
        }
        if (want(sections, "processes")) {
            r.put("processes", processes(at));
        }
        if (want(sections, "adapters")) {
            r.put("adapters", adapters());
        }
        if (want(sections, "objects")) {
            List<Object> rows = new ArrayList<>();
            for (DxgObject o : at == null ? m.objects() : m.at(at).objects()) {
                rows.add(object(o, at));
            }
            r.put("objects", rows);
        }
        if (want(sections, "leaks")) {
            r.put("leaks", leaks(at == null ? Leaks.ofCapture(m) : Leaks.at(m, at)));
        }
        if (want(sections, "residency")) {
            r.put("residency", residency());
        }
        if (want(sections, "sync")) {
            r.put("sync", sync());
        }
        if (want(sections, "errors")) {
            r.put("errors", errors());
        }
        if (want(sections, "vmbus")) {
            r.put("vmbus", vmbus());
        }
        if (want(sections, "calls")) {
            List<Object> rows = new ArrayList<>();
            for (CallStats c : m.callStats().values()) {
                rows.add(map("call", c.name(), "count", c.calls(), "failed", c.failed(), "total_ns", c.totalNs(),
                        "max_ns", c.maxNs()));
            }
            r.put("calls", rows);
        }
        if (diff != null && (sections.isEmpty() || sections.contains("diff"))) {
            r.put("diff", diff(diff[0], diff[1]));
        }
        return r;
    }

    private static boolean want(Set<String> sections, String s) {
        return sections.isEmpty() || sections.contains(s);
    }

    /** A map from alternating keys and values, in order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            r.put((String) kv[i], kv[i + 1]);
        }
        return r;
    }

    private static Object seqOrNull(long seq) {
        return seq == DxgObject.ALIVE ? null : seq;
    }

    private Map<String, Object> capture() {
        List<Object> health = new ArrayList<>();
        for (Diagnostic d : m.diagnostics()) {
            health.add(map("severity", d.severity().name().toLowerCase(), "offset", d.offset() < 0 ? null : d.offset(),
                    "seq", d.seq() < 0 ? null : d.seq(), "text", d.text()));
        }
        var end = m.end();
        return map("file", file, "command", m.session().getOrDefault("command", ""),
                "device", m.session().getOrDefault("device", ""), "kernel", m.session().getOrDefault("kernel", ""),
                "kernel_log", m.session().get("kernel_log"),
                "records", t.size(), "events", m.events(), "first_seq", t.firstSeq(), "last_seq", t.lastSeq(),
                "duration_ns", t.endNs() - t.startNs(), "complete", end != null,
                "end_reason", end == null ? null : end.reasonText(),
                "exit_status", end == null || end.exitStatus() == Integer.MIN_VALUE ? null : end.exitStatus(),
                "events_lost", m.lostEvents(), "calls_in_flight_at_end", m.callsInFlightAtEnd(), "health", health);
    }

    private List<Object> processes(Long at) {
        List<Object> rows = new ArrayList<>();
        StateAt s = at == null ? null : m.at(at);
        for (DxgProcess p : m.dxgProcesses()) {
            long live = 0;
            for (DxgObject o : p.objects()) {
                if (at == null ? o.aliveAtEnd() : o.aliveAt(at)) {
                    live++;
                }
            }
            rows.add(map("pid", p.pid(), "parent_pid", p.parentPid(), "command", p.commandLine(),
                    "start_seq", p.startSeq(), "exit_seq", seqOrNull(p.exitSeq()),
                    "exit_status", p.exitStatus() == DxgProcess.UNKNOWN_STATUS ? null : p.exitStatus(),
                    "teardown_seq", seqOrNull(p.teardownSeq()), "objects", p.objects().size(), "live_objects", live,
                    "alive", s == null ? !p.exited() : s.processAlive(p)));
        }
        return rows;
    }

    private List<Object> adapters() {
        List<Object> rows = new ArrayList<>();
        for (CapturedAdapter a : m.adapters()) {
            rows.add(map("luid", a.luidText(), "type", a.type() == null ? null : String.join("|", a.type().names()),
                    "kind", a.type() == null ? null : a.type().summary(), "description", a.description()));
        }
        return rows;
    }

    Map<String, Object> object(DxgObject o, Long at) {
        Map<String, Object> r = map("id", o.id(), "pid", o.process().pid(), "handle", o.handleHex(),
                "type", o.type().label(), "parent", o.parent() == null ? null : o.parent().handleHex(),
                "created_seq", o.createdSeq(), "created_by", o.createdBy(),
                "destroyed_seq", seqOrNull(o.destroyedSeq()),
                "destroy_reason", o.destroyReason() == null ? null : o.destroyReason().text(),
                "shared", o.shared() == null ? null : (o.opened() ? "opened from " : "") + o.shared().describe());
        /* every object has every key, so a CSV of objects has the same columns whatever it holds */
        Allocation a = o instanceof Allocation x ? x : null;
        r.put("size", a == null || a.size() < 0 ? null : a.size());
        r.put("size_source", a == null ? null : a.sizeSource().label());
        r.put("segment_group", a == null || a.segmentGroup() < 0 ? null : Names.segmentGroup(a.segmentGroup()));
        r.put("residency", a == null ? null : (at == null ? a.residencyAtEnd() : a.residencyAt(at)).label());
        r.put("locked", a == null ? null : a.lockedAt(at == null ? Long.MAX_VALUE : at));
        r.put("locks", a == null ? null : a.locks());
        SyncObject s = o instanceof SyncObject x ? x : null;
        r.put("fence", s == null ? null : s.fence().id());
        r.put("value", s == null ? null : at == null ? s.fence().lastValue() : s.fence().valueAt(at));
        return r;
    }

    private Map<String, Object> leaks(Leaks.Result res) {
        List<Object> groups = new ArrayList<>();
        for (Leaks.Group g : res.groups()) {
            groups.add(map("pid", g.process().pid(), "type", g.type().label(), "count", g.count(), "bytes", g.bytes()));
        }
        Map<Leaks.Suspect, Integer> partOf = res.partOf();
        List<Object> suspects = new ArrayList<>();
        for (Leaks.Suspect s : res.suspects()) {
            suspects.add(map("reason", s.reason().name().toLowerCase(), "pid", s.process() == null ? null
                    : s.process().pid(), "object", s.object() == null ? null : s.object().describe(),
                    "fd", s.fd() == null ? null : s.fd().fd(), "count", s.count(),
                    "retained_bytes", s.retainedBytes() < 0 ? null : s.retainedBytes(), "summary", s.summary(),
                    "why", s.reason().text(), "path", s.path(), "part_of", partOf.get(s)));
        }
        List<Object> recurring = new ArrayList<>();
        for (Leaks.Recurrence r : res.recurring()) {
            recurring.add(map("reason", r.reason().name().toLowerCase(), "program", r.program(), "what", r.what(),
                    "origin", r.origin(), "processes", r.processes(), "suspects", r.suspects().size(),
                    "pids", r.processList().stream().map(DxgProcess::pid).toList(),
                    "count", r.count(), "retained_bytes", r.retainedBytes() < 0 ? null : r.retainedBytes(),
                    "summary", r.summary(), "below", r.below().isEmpty() ? null : r.below()));
        }
        List<Object> owners = new ArrayList<>();
        for (Leaks.Owner o : res.owners()) {
            owners.add(map("pid", o.process().pid(), "command", o.process().commandLine(), "objects", o.count(),
                    "bytes", o.bytes()));
        }
        return map("seq", seqOrNull(res.seq()), "objects", res.objects().size(), "total_bytes", res.totalBytes(),
                "processes", owners, "groups", groups, "suspects", suspects, "recurring", recurring);
    }

    private Map<String, Object> op(ResidencyAnalysis.Op o) {
        ResidencyOp op = o.op();
        return map("seq", op.seq(), "pid", op.process().pid(), "kind", op.kind().label(),
                "allocations", op.allocations().size(), "unknown_handles", op.unknownHandles(), "bytes", op.bytes(),
                "result", op.failed() ? Names.errno(op.errno()) : op.pending() ? "STATUS_PENDING" : "0",
                "paging_fence_value", op.pagingFenceValue(), "latency_ns", o.latencyNs() < 0 ? null : o.latencyNs(),
                "segment_group", op.segmentGroup() < 0 ? null : Names.segmentGroup(op.segmentGroup()),
                "usage_before", op.usageBefore(), "budget", op.budget() < 0 ? null : op.budget(),
                "bytes_to_trim", op.bytesToTrim() < 0 ? null : op.bytesToTrim(),
                "discarded", op.discarded().stream().map(Allocation::handleHex).toList());
    }

    private Map<String, Object> residency() {
        ResidencyAnalysis.Result res = ResidencyAnalysis.of(m);
        List<Object> ops = rows(res.ops(), this::op);
        List<Object> failures = rows(res.failures(), this::op);
        List<Object> evictions = new ArrayList<>();
        for (Eviction e : m.evictions()) {
            evictions.add(map("seq", e.seq(), "inferred", e.inferred(), "seen_seq", e.seenSeq(),
                    "resident_since_seq", e.residentSince(), "pid",
                    e.allocation().process().pid(), "allocation", e.allocation().handleHex(),
                    "size", e.allocation().size() < 0 ? null : e.allocation().size(),
                    "make_resident_seq", e.inferred() ? e.makeResidentSeq() : null));
        }
        List<Object> churn = new ArrayList<>();
        for (ResidencyAnalysis.Churn c : res.churn()) {
            churn.add(map("pid", c.allocation().process().pid(), "allocation", c.allocation().handleHex(),
                    "evicted_seq", c.evictedSeq(), "resident_again_seq", c.residentAgainSeq(), "gap_ns", c.gapNs()));
        }
        List<Object> lines = new ArrayList<>();
        for (ResidencyAnalysis.Line l : res.lines()) {
            lines.add(map("pid", l.line().process().pid(), "luid", CapturedAdapter.luidText(l.line().luid()),
                    "segment_group", Names.segmentGroup(l.line().segmentGroup()), "peak_bytes", l.peakBytes(),
                    "last_bytes", l.line().bytes().last(0), "budget", l.budget() < 0 ? null : l.budget(),
                    "over_budget", l.overBudget()));
        }
        List<Object> budgets = new ArrayList<>();
        for (Budget b : m.budgets()) {
            budgets.add(map("seq", b.seq(), "pid", b.pid(), "luid", b.luid() == 0 ? null : CapturedAdapter.luidText(b.luid()),
                    "segment_group", Names.segmentGroup(b.segmentGroup()), "budget", b.budget(), "usage",
                    b.currentUsage(), "source", b.source()));
        }
        return map("operations", ops, "failures", failures, "evictions", evictions, "churn", churn, "lines", lines,
                "budgets", budgets);
    }

    private Map<String, Object> wait(SyncAnalysis.TimedWait tw) {
        var w = tw.w();
        Signal s = w.satisfiedBy();
        return map("id", w.id(), "kind", w.kind().label(), "pid", w.process().pid(), "tid", w.tid(),
                "object", w.object().describe(), "value", w.value(), "seq", w.seq(), "end_seq", seqOrNull(w.endSeq()),
                "duration_ns", tw.durationNs(), "outcome", w.outcome().label(),
                "satisfied_by", s == null ? null : s.describe(),
                "object_destroyed_seq", seqOrNull(w.objectDestroyedSeq()), "abandoned_seq", seqOrNull(w.abandonedSeq()),
                "submit_behind_seq", w.submitBehindSeq() < 0 ? null : w.submitBehindSeq());
    }

    private Map<String, Object> sync() {
        SyncAnalysis.Result res = SyncAnalysis.of(m);
        List<Object> fences = new ArrayList<>();
        Map<Fence, long[]> counts = new java.util.IdentityHashMap<>();
        m.signals().forEach(s -> counts.computeIfAbsent(s.object().fence(), f -> new long[2])[0]++);
        m.waits().forEach(w -> counts.computeIfAbsent(w.object().fence(), f -> new long[2])[1]++);
        for (Fence f : m.fences()) {
            long[] c = counts.getOrDefault(f, new long[2]);
            SyncObject o = f.creator();
            fences.add(map("id", f.id(), "object", o.describe(), "pid", o.process().pid(), "kind", o.kind().label(),
                    "shared_views", f.views().size(), "last_value", f.lastValue(), "observations", f.observations(),
                    "signals", c[0], "waits", c[1], "went_backwards", f.backward().size()));
        }
        List<Object> waits = rows(res.waits(), this::wait);
        List<Object> stuck = rows(res.stuck(), this::wait);
        List<Object> destroyed = rows(res.onDestroyedObjects(), this::wait);
        List<Object> back = new ArrayList<>();
        for (SyncAnalysis.Backwards b : res.backwards()) {
            back.add(map("fence", b.fence().id(), "object", b.fence().creator().describe(), "seq", b.step().seq(),
                    "from", b.step().from(), "to", b.step().to()));
        }
        return map("fences", fences, "waits", waits, "stuck", stuck, "waits_on_destroyed_objects", destroyed,
                "backwards", back);
    }

    private Map<String, Object> errors() {
        ErrorAnalysis.Result res = ErrorAnalysis.of(m);
        List<Object> counts = new ArrayList<>();
        for (ErrorAnalysis.Count c : res.counts()) {
            counts.add(map("call", c.call(), "query", c.query().isEmpty() ? null : c.query(), "errno",
                    Names.errno(c.errno()), "count", c.count(), "hint", c.hint()));
        }
        List<Object> failed = new ArrayList<>();
        HandleHistory handles = res.failed().isEmpty() ? null : HandleHistory.of(m); /* one pass over the objects */
        for (FailedCall f : res.failed()) {
            List<Object> lines = new ArrayList<>();
            f.lines().forEach(l -> lines.add(l.text()));
            failed.add(map("seq", f.seq(), "pid", f.process().pid(), "tid", f.tid(), "call", f.call(),
                    "query", f.query().isEmpty() ? null : f.query(), "adapter", f.adapter().isEmpty() ? null : f.adapter(),
                    "request", String.format("0x%08x", f.request()), "errno", Names.errno(f.errno()),
                    "refused", f.refusal() == Refusal.NONE ? null : f.refusal().name().toLowerCase(Locale.ROOT),
                    "host_status", f.hostStatus() == 0 ? null : Names.ntstatus(f.hostStatus()), "hint", f.hint(),
                    "handles", handles.explain(f), "dmesg", lines, "dmesg_inferred", f.linesInferred()));
        }
        List<Object> unlinked = new ArrayList<>();
        for (LogLine l : res.unlinkedLines()) {
            unlinked.add(map("seq", l.seq(), "pid", l.pid(), "level", l.level(), "cause", l.cause() == 0 ? null
                    : l.cause(), "text", l.text()));
        }
        return map("failed_calls", failed.size(), "counts", counts, "failed", failed, "other_dmesg", unlinked);
    }

    private Map<String, Object> vmbus() {
        VmbusStats.Result v = VmbusStats.of(m);
        List<Object> rows = new ArrayList<>();
        for (VmbusStats.Row r : v.rows()) {
            rows.add(map("command", r.command(), "channel", r.channel() == 0 ? "global" : "adapter",
                    "direction", switch (r.direction()) {
                        case 1 -> "request";
                        case 2 -> "reply";
                        case 3 -> "host";
                        default -> String.valueOf(r.direction());
                    }, "messages", r.messages(), "bytes", r.bytes(), "failures", r.failures(),
                    "p50_ns", r.p50Ns() < 0 ? null : r.p50Ns(), "p99_ns", r.p99Ns() < 0 ? null : r.p99Ns(),
                    "max_ns", r.maxNs() < 0 ? null : r.maxNs()));
        }
        return map("messages", v.messages(), "bytes", v.bytes(), "failures", v.failures(), "unanswered", v.unanswered(),
                "dropped", v.dropped(), "latency_ns", map("p50", neg(v.p50Ns()), "p90", neg(v.p90Ns()),
                        "p99", neg(v.p99Ns()), "max", neg(v.maxNs())), "commands", rows);
    }

    /** One report row per item, in order. */
    private static <T> List<Object> rows(List<T> items, Function<? super T, Object> row) {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(x -> out.add(row.apply(x)));
        return out;
    }

    private static Object neg(long v) {
        return v < 0 ? null : v;
    }

    private Map<String, Object> diff(long from, long to) {
        Diff d = Diff.between(m, from, to);
        List<Object> created = rows(d.created(), o -> object(o, to));
        List<Object> destroyed = rows(d.destroyed(), o -> object(o, to));
        List<Object> alive = rows(d.createdAndAlive(), o -> object(o, to));
        List<Object> opened = rows(d.fdsOpened(), this::fd);
        List<Object> closed = rows(d.fdsClosed(), this::fd);
        List<Object> stillOpen = rows(d.fdsOpenedAndOpen(), this::fd);
        List<Object> shared = rows(d.sharesCreated(), this::share);
        List<Object> released = rows(d.sharesReleased(), this::share);
        List<Object> fences = rows(d.fences(), c -> map("fence", c.fence().id(), "object",
                c.fence().creator().describe(), "pid", c.fence().creator().process().pid(), "from_value",
                neg(c.before()), "to_value", c.after()));
        List<Object> resident = rows(d.resident(), c -> map("pid", c.line().process().pid(), "luid",
                CapturedAdapter.luidText(c.line().luid()), "segment_group", Names.segmentGroup(c.line().segmentGroup()),
                "from_bytes", c.before(), "to_bytes", c.after(), "delta_bytes", c.delta()));
        List<Object> byType = rows(Leaks.compare(m, from, to), c -> map("pid", c.process().pid(), "type", c.kind(),
                "at_from", c.before(), "created", c.created(), "destroyed", c.destroyed(), "at_to", c.after(),
                "bytes_at_from", c.bytesBefore(), "bytes_at_to", c.bytesAfter()));
        List<Object> waits = rows(d.waitsBegunAndPending(),
                w -> wait(new SyncAnalysis.TimedWait(w, t.timeOf(to) - t.timeOf(w.seq()))));
        return map("from_seq", from, "to_seq", to, "from_ns", t.sinceStart(from), "to_ns", t.sinceStart(to),
                "created", created, "destroyed", destroyed, "created_and_alive", alive, "by_process_and_type", byType,
                "fds_opened", opened, "fds_closed", closed, "fds_opened_and_open", stillOpen, "shares_created", shared,
                "shares_released", released, "fence_values", fences, "resident_bytes", resident,
                "waits_begun_and_pending", waits);
    }

    private Map<String, Object> fd(FdRef f) {
        return map("pid", f.process().pid(), "fd", f.fd(), "origin", f.origin().label(),
                "shared", f.shared() == null ? null : f.shared().describe(),
                "sync_file", f.syncFileText(),
                "opened_seq", f.openedSeq(),
                "closed_seq", seqOrNull(f.closedSeq()),
                "close_reason", f.closeReason() == null ? null : f.closeReason().label());
    }

    private Map<String, Object> share(SharedObject x) {
        Object last = x.lastReference();
        return map("id", x.id(), "type", x.type().label(), "creator", x.creator().describe(),
                "created_seq", x.createdSeq(), "destroyed_seq", seqOrNull(x.destroyedSeq()), "last_reference",
                last instanceof FdRef f ? f.describe() : last instanceof DxgObject o ? o.describe() : null);
    }
}
