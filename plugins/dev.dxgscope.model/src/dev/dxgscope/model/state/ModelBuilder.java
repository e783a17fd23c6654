package dev.dxgscope.model.state;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies decoded events, in seq order, to the trackers. One instance per capture; not thread
 * safe. {@link #model()} gives the query view.
 */
public final class ModelBuilder {
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Map<String, String> session = new LinkedHashMap<>();
    final Timeline timeline = new Timeline();
    final ObjectTracker objects = new ObjectTracker(diagnostics::add);
    final SyncTracker sync = new SyncTracker(objects);
    final ResidencyTracker residency = new ResidencyTracker(objects, sync);
    final ErrorTracker errors = new ErrorTracker();
    final VmbusTracker vmbus = new VmbusTracker(objects, sync, errors);
    final List<Event.Marker> markers = new ArrayList<>();
    final List<Event.DeviceSample> deviceSamples = new ArrayList<>();
    private Supplier<AbiTables> abi = AbiTables::empty;
    static final int FAILURES_LISTED = 20;
    private long trackerFailures;
    long events;
    long lostEvents;
    long inFlightAtEnd;
    Event.End end;
    boolean finished;
    /** Why the model ends before the capture does (the heap filled up), or null. */
    Diagnostic memoryCut;

    /**
     * Where the current ABI tables come from (the decoder: they arrive in the capture's ABI record).
     * The model keeps this reference, so it must not lead to the reader and its buffers.
     */
    public void abiFrom(Supplier<AbiTables> source) {
        this.abi = source;
    }

    /** Where decoders and readers report problems, so they land on the model's health list. */
    public void diagnostic(Diagnostic d) {
        diagnostics.add(d);
    }

    /** The heap filled up: the model ends here ({@code why} goes on the health list too). */
    public void cutForMemory(Diagnostic why) {
        memoryCut = why;
        diagnostics.add(why);
    }

    /** Notes a record's seq and time (every record, whether it decodes or not). */
    public void record(long seq, long ts) {
        timeline.add(seq, ts);
    }

    /**
     * An IOCTL_ENTER, record {@code seq} of {@code pid}, as the decoder's call (the loader's path,
     * with no event object; the same as accepting its {@link Event.IoctlEnter}).
     */
    public void enter(IoctlCall c, int pid, long seq) {
        events++;
        entered(c, pid, seq);
    }

    /** An IOCTL_LEAVE, record {@code seq} of {@code pid}, as the decoder's returned call. */
    public void leave(IoctlCall c, int pid, long seq) {
        events++;
        returned(c, pid, seq);
    }

    private void entered(IoctlCall c, int pid, long seq) {
        try {
            sync.onEnter(c, objects.process(pid, seq));
        } catch (RuntimeException e) {
            failed("sync", seq, c.enterOffset(), c.name(), e);
        }
    }

    /**
     * Each tracker sees the call even when one before it threw: a tracker's bug on one call costs
     * that tracker's view of that call, not the load (a try block costs nothing until it throws).
     */
    private void returned(IoctlCall c, int pid, long seq) {
        DxgProcess p = objects.process(pid, seq);
        try {
            objects.onLeave(c, p);
        } catch (RuntimeException e) {
            failed("object", seq, c.leaveOffset(), c.name(), e);
        }
        try {
            sync.onLeave(c, p);
        } catch (RuntimeException e) {
            failed("sync", seq, c.leaveOffset(), c.name(), e);
        }
        try {
            residency.onLeave(c, p);
        } catch (RuntimeException e) {
            failed("residency", seq, c.leaveOffset(), c.name(), e);
        }
        try {
            errors.onLeave(c, p);
        } catch (RuntimeException e) {
            failed("error", seq, c.leaveOffset(), c.name(), e);
        }
    }

    /**
     * A tracker threw on a record: a dxgscope bug, not damage. The first {@value #FAILURES_LISTED}
     * are listed with the exception and where it was thrown, the rest counted at the end, so a bug
     * that hits every call does not bury the health list.
     */
    void failed(String tracker, long seq, long offset, String what, RuntimeException e) {
        trackerFailures++;
        if (trackerFailures <= FAILURES_LISTED) {
            StackTraceElement[] at = e.getStackTrace();
            diagnostics.add(new Diagnostic(Severity.ERROR, offset, seq, "internal error: the " + tracker
                    + " tracker failed on " + what + " (" + e + (at.length > 0 ? " at " + at[0] : "")
                    + "); the model may miss what this record did. This is a dxgscope bug: please report it"));
        }
    }

    public void accept(Event e) {
        events++;
        try {
            apply(e);
        } catch (RuntimeException x) {
            failed(trackerOf(e), e.seq(), e.offset(),
                    "a " + e.getClass().getSimpleName() + " record", x);
        }
    }

    private static String trackerOf(Event e) {
        return switch (e) {
            case Event.Vmbus v -> "VMBus";
            case Event.Fd f -> "object";
            case Event.Process p -> "object";
            case Event.FenceSample f -> "sync";
            case Event.DeviceSample d -> "residency";
            case Event.Log l -> "error";
            default -> "model";
        };
    }

    private void apply(Event e) {
        switch (e) {
            case Event.Session s -> {
                session.putAll(s.facts());
                String kernelLog = s.facts().getOrDefault("kernel_log", "");
                if (kernelLog.startsWith("off: ") && !kernelLog.contains("simulator")) {
                    diagnostics.add(new Diagnostic(Severity.WARNING, s.offset(), s.seq(), "the kernel log was not read ("
                            + kernelLog.substring(5) + "): failed calls have no dmesg lines"));
                }
            }
            case Event.IoctlEnter en -> entered(en.call(), en.pid(), en.seq());
            case Event.IoctlLeave lv -> returned(lv.call(), lv.pid(), lv.seq());
            case Event.Fd f -> objects.onFd(f);
            case Event.Mmap m -> {
            }
            case Event.Process p -> objects.onProcess(p);
            case Event.FenceSample f -> sync.onFenceSample(f, objects.process(f.pid(), f.seq()));
            case Event.DeviceSample d -> {
                deviceSamples.add(d.kept()); /* the event's body is a view of the reader's window */
                residency.onDeviceSample(d);
            }
            case Event.Vmbus v -> vmbus.onVmbus(v, abi.get());
            case Event.Log l -> errors.onLog(l);
            case Event.Marker m -> markers.add(m);
            case Event.Lost l -> {
                lostEvents += l.events();
                diagnostics.add(new Diagnostic(Severity.ERROR, l.offset(), l.seq(), l.events() + " events ("
                        + l.bytes() + " bytes) of pid " + l.pid() + " tid " + l.tid() + " were lost: " + l.reasonText()));
            }
            case Event.End en -> end = en;
        }
    }

    /**
     * The capture is complete: calls still in flight are blocked at its end, pending waits were
     * never satisfied.
     */
    public void finish(int callsInFlight) {
        inFlightAtEnd = callsInFlight;
        if (trackerFailures > FAILURES_LISTED) {
            diagnostics.add(new Diagnostic(Severity.ERROR, -1, -1, (trackerFailures - FAILURES_LISTED)
                    + " more records failed in the trackers (internal errors, not listed)"));
        }
        sync.finish();
        for (Runnable trim : List.<Runnable>of(objects::trim, residency::trim, timeline::trim)) {
            try {
                trim.run();
            } catch (OutOfMemoryError e) {
                if (memoryCut == null) {
                    throw e;
                }
                /* cut where an allocation failed: that part stays untrimmed rather than the model lost */
            }
        }
        finished = true;
        if (end == null && memoryCut == null) { /* a model cut for memory did not read as far as the END */
            diagnostics.add(new Diagnostic(Severity.WARNING, -1, -1,
                    "the capture has no END record: the collector did not finish (killed, or still recording)"));
        }
    }

    AbiTables abi() {
        return abi.get();
    }

    public CaptureModel model() {
        return new CaptureModel(this);
    }
}
