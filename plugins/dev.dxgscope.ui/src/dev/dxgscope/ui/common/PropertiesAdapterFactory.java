package dev.dxgscope.ui.common;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.KernelLine.Refusal;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.VmbusMessage;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.model.state.Wait;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

/**
 * What the Properties view shows for a selected object, process, wait, failed call, log line,
 * VMBus message, capture-health finding, leak suspect, recurring leak or group of objects: every fact the model has
 * about it, times both as seconds and seqs. Registered in plugin.xml.
 */
public final class PropertiesAdapterFactory implements IAdapterFactory {
    @Override
    public <T> T getAdapter(Object o, Class<T> type) {
        if (type != IPropertySource.class) {
            return null;
        }
        CaptureSession s = Sessions.get().current();
        IPropertySource p = s == null ? null : s.read(m -> properties(m, o));
        return type.cast(p);
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IPropertySource.class};
    }

    /** The properties of a model object (public for tests). */
    public static ReadOnlyProperties properties(CaptureModel m, Object o) {
        ReadOnlyProperties p = new ReadOnlyProperties();
        switch (o) {
            case DxgObject x -> object(m, x, p);
            case DxgProcess x -> p.category("Process").put("pid", x.pid()).put("parent pid", x.parentPid())
                    .put("command", x.commandLine()).put("executable", x.executable())
                    .put("started", Formats.position(m, x.startSeq()))
                    .put("exited", x.exited() ? Formats.position(m, x.exitSeq()) : "no")
                    .put("exit status", x.exitStatus() == DxgProcess.UNKNOWN_STATUS ? "unknown" : x.exitStatus())
                    .put("objects", x.objects().size()).put("dxg descriptors", x.fds().size());
            case Wait w -> p.category("Wait").put("kind", w.kind().label()).put("object", w.object().describe())
                    .put("value", w.value()).put("pid", w.process().pid()).put("tid", w.tid())
                    .putIfAny("context (GPU wait)", w.context() == null ? "" : w.context().describe())
                    .putIfAny("submit behind it", w.kind() != Wait.Kind.GPU ? ""
                            : w.submitBehindSeq() < 0 ? "none seen while it was pending"
                            : (w.context() != null && w.context().type() == ObjectType.HW_QUEUE
                                    ? "LX_DXSUBMITCOMMANDTOHWQUEUE " : "LX_DXSUBMITCOMMAND ")
                                    + Formats.position(m, w.submitBehindSeq()) + ": it cannot run until this wait ends")
                    .put("call", w.call())
                    .put("started", Formats.position(m, w.seq()))
                    .put("ended", w.endSeq() != DxgObject.ALIVE ? Formats.position(m, w.endSeq())
                            : w.abandonedSeq() != DxgObject.ALIVE
                                    ? "abandoned " + Formats.position(m, w.abandonedSeq()) + ": " + w.abandonedWhy()
                            : "never: still waiting at the end of the capture")
                    .put("outcome", w.outcome().label())
                    .putIfAny("satisfied by", w.satisfiedBy() == null ? "" : w.satisfiedBy().describe())
                    .put("object destroyed", w.objectDestroyedSeq() == DxgObject.ALIVE ? "not while waiting"
                            : Formats.position(m, w.objectDestroyedSeq()) + ", while waiting");
            case FailedCall f -> p.category("Failed call").put("call", f.call()).putIfAny("query", f.query())
                    .putIfAny("adapter", f.adapter()).put("request", Names.request(f.request()))
                    .put("errno", Names.errno(f.errno()))
                    .put("refused by the dispatcher", f.refusal() == Refusal.NONE ? "no (a handler ran)" : f.refusal().label())
                    .put("handles", f.handles().isEmpty() ? "none named"
                            : String.join(", ", f.handles().stream().map(Object::toString).toList()))
                    .putIfAny("handle findings", String.join(" | ", HandleHistory.forCall(f).explain(f)))
                    .putIfAny("host status", f.hostStatus() == 0 ? "" : Names.ntstatus(f.hostStatus()))
                    .put("pid", f.process().pid()).put("tid", f.tid()).put("at", Formats.position(m, f.seq()))
                    .putIfAny("hint", f.hint())
                    .put("dmesg", f.lines().isEmpty() ? "none captured"
                            : String.join(" | ", f.lines().stream().map(LogLine::text).toList()))
                    .putIfAny("dmesg linked by", f.lines().isEmpty() ? "" : f.linesInferred()
                            ? "handler name, errno, process and time (inferred)" : "the call's seq");
            case VmbusMessage v -> vmbus(m, v, p);
            case Diagnostic d -> p.category("Capture health").put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("finding", d.text()).put("record at byte", d.offset() < 0 ? "" : d.offset())
                    .put("at", d.seq() < 0 ? "" : Formats.position(m, d.seq()));
            case LogLine l -> p.category("Log line").put("text", l.text()).put("level", l.level()).put("pid", l.pid())
                    .put("at", Formats.position(m, l.seq())).put("caused by", l.cause() == 0 ? "" : "#" + l.cause());
            case Leaks.Suspect s -> {
                p.category("Leak suspect").put("reason", s.reason().text()).put("summary", s.summary())
                        .put("objects", s.count())
                        .put("retained", s.retainedBytes() < 0 ? "unknown" : Format.bytes(s.retainedBytes()))
                        .put("path", String.join(" > ", s.path()));
                if (s.object() != null) {
                    object(m, s.object(), p);
                }
            }
            case Leaks.Group g -> p.category("Objects of one type").put("type", g.type().label())
                    .put("held by", g.process().label()).put("objects", g.count())
                    .putIfAny("bytes", g.bytes() > 0 ? Format.bytes(g.bytes()) : "");
            case Leaks.Recurrence r -> p.category("Recurring leak").put("reason", r.reason().text())
                    .put("program", r.program()).put("what", r.what()).put("origin", r.origin())
                    .putIfAny("holding", r.below())
                    .put("processes", r.processes()).put("pids", String.join(", ", r.processList().stream()
                            .map(x -> String.valueOf(x.pid())).toList()))
                    .put("suspects", r.suspects().size()).put("objects", r.count())
                    .put("retained", r.retainedBytes() < 0 ? "unknown" : Format.bytes(r.retainedBytes()));
            default -> p.category("Selection").put("value", String.valueOf(o));
        }
        return p;
    }

    private static void vmbus(CaptureModel m, VmbusMessage v, ReadOnlyProperties p) {
        p.category("Message").put("no.", v.index() + 1)
                .put("command", v.commandName() + " (" + v.command() + ")")
                .put("direction", v.directionName()).put("channel", v.channelName())
                .put("pid", v.pid() == 0 ? "none (not sent for a process)" : String.valueOf(v.pid()))
                .put("at", Formats.position(m, v.seq())).put("size", v.size() + " bytes")
                .put("status", v.direction() == 2
                        ? Names.ntstatus(v.status()) + String.format(" (0x%08x)", v.status()) : "")
                .put("transaction", v.transaction() == 0 ? "none (async or host message)" : v.transaction())
                .put("record flags", recordFlags(v.flags()))
                .put("caused by", v.cause() == 0 ? "" : causedBy(m, v.cause(), v.direction()))
                .put("file offset", v.offset());
        if (v.pair() >= 0) {
            VmbusMessage other = m.vmbus().row(v.pair());
            p.category("Request and reply").put(v.direction() == 2 ? "request" : "reply",
                    "No. " + (other.index() + 1) + " at " + Formats.position(m, other.seq()))
                    .put("latency", Format.duration(v.latencyNs()));
        } else if (v.direction() == 1) {
            p.category("Request and reply").put("reply", (v.flags() & 2) != 0 ? "none expected (async)"
                    : (v.flags() & 4) != 0 ? "none (dropped)" : "none in the capture");
        }
    }

    /** A sync object's value at a seq; its fence may outlive the handle (other processes opened it). */
    private static String valueAt(SyncObject s, long seq) {
        if (seq < s.createdSeq()) {
            return "not yet created";
        }
        String v = value(s.fence().valueAt(seq));
        return s.aliveAt(seq) ? v : "destroyed (its fence: " + v + ")";
    }

    private static String value(long v) {
        return v < 0 ? "none known" : String.valueOf(v);
    }

    private static String recordFlags(int flags) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if ((flags & 1) != 0) {
            out.add("reconstructed from an ioctl");
        }
        if ((flags & 2) != 0) {
            out.add("async");
        }
        if ((flags & 4) != 0) {
            out.add("dropped");
        }
        return out.isEmpty() ? "observed" : String.join(", ", out);
    }

    /**
     * "#21" and, when that call failed, what it failed with; what the call is to the message: the
     * guest's call sent a request (and got its reply), while a host's message answers a call (a
     * signal for the event a wait handed over).
     */
    private static String causedBy(CaptureModel m, long cause, int direction) {
        for (FailedCall f : m.failedCalls()) {
            if (f.seq() == cause) {
                return "#" + cause + " " + f.call() + " (failed: " + Names.errno(f.errno()) + ")";
            }
        }
        return "#" + cause + (direction == 3 ? " (the call whose wait or event it completes)"
                : direction == 2 ? " (the call whose request it answers)" : " (the call that sent it)");
    }

    /** When the memory manager evicted it: where placed (the MakeResident that needed room), and seen by which query. */
    private static String evictions(CaptureModel m, Allocation a) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (dev.dxgscope.model.state.Eviction e : m.evictions()) {
            if (e.allocation() == a) {
                out.add(Formats.position(m, e.seq()) + (e.inferred() ? ", making room for the MakeResident there"
                        : "") + "; seen not resident by the query at " + Formats.position(m, e.seenSeq()));
            }
        }
        return out.isEmpty() ? "no" : String.join(" | ", out);
    }

    private static void object(CaptureModel m, DxgObject o, ReadOnlyProperties p) {
        p.category("Object").put("type", o.type().label()).put("handle", o.handleHex())
                .put("process", o.process().label())
                .put("parent", o.parent() == null ? "none (a top object of its process)" : o.parent().describe())
                .put("created", Formats.position(m, o.createdSeq())).put("created by", o.createdBy())
                .put("destroyed", o.aliveAtEnd() ? "alive at the end" : Formats.position(m, o.destroyedSeq()))
                .putIfAny("destroy reason", o.destroyReason() == null ? "" : o.destroyReason().text())
                .put("shared", o.shared() == null ? "no" : (o.opened() ? "opened from " : "") + o.shared().describe());
        if (o instanceof Allocation a) {
            long at = Sessions.get().cursor();
            p.category("Allocation").put("size", a.size() < 0 ? "unknown" : a.size() + " bytes (" + Format.bytes(a.size()) + ")")
                    .put("size from", a.sizeSource().label())
                    .put("segment group", a.segmentGroup() < 0 ? "unknown" : Names.segmentGroup(a.segmentGroup()))
                    .put("flags", Names.FlagWord.CREATE_ALLOCATION.describe(a.flags()))
                    .put("residency at the cursor", a.stateAt(at))
                    .put("evicted by the memory manager", evictions(m, a))
                    .put("locked at the cursor", a.lockedWhileAliveAt(at) ? "yes" : "no");
        }
        if (o instanceof SyncObject s) {
            p.category("Sync object").put("kind", s.kind().label())
                    .put("type", s.syncType() < 0 ? "" : Names.syncObjectType(s.syncType()))
                    .put("flags", Names.FlagWord.SYNC_OBJECT.describe(s.flags()))
                    .put("value at the cursor", valueAt(s, Sessions.get().cursor()))
                    .put("last value", value(s.fence().lastValue()));
        }
    }
}
