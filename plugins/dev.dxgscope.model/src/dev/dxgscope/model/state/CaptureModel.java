package dev.dxgscope.model.state;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a capture says about dxg, ready for questions: processes and their handle tables, objects
 * with lifetimes, shared objects, fences, waits and signals, residency, VMBus traffic, failures and
 * dmesg lines, with the capture-health list. Positions in time are seqs; {@link #timeline()}
 * converts to nanoseconds. A view over the builder: read it from the thread that built it, or
 * after building has finished.
 */
public final class CaptureModel {
    /** Resident bytes of one process in one segment group of one adapter over time. */
    public record ResidentLine(DxgProcess process, long luid, int segmentGroup, Series bytes) {
    }

    private final ModelBuilder b;

    CaptureModel(ModelBuilder b) {
        this.b = b;
    }

    /** The SESSION facts (command, kernel, device, ...). */
    public Map<String, String> session() {
        return Collections.unmodifiableMap(b.session);
    }

    public Timeline timeline() {
        return b.timeline;
    }

    public List<DxgProcess> processes() {
        return Collections.unmodifiableList(b.objects.processes);
    }

    /** Processes that used dxg (opened the device or held a dxg descriptor). */
    public List<DxgProcess> dxgProcesses() {
        List<DxgProcess> out = new ArrayList<>();
        for (DxgProcess p : b.objects.processes) {
            if (!p.objects().isEmpty() || !p.fds().isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Every object, in the order the capture made it known (id order). */
    public List<DxgObject> objects() {
        return Collections.unmodifiableList(b.objects.objects);
    }

    public List<SharedObject> sharedObjects() {
        return Collections.unmodifiableList(b.objects.shared);
    }

    public List<Fence> fences() {
        return Collections.unmodifiableList(b.objects.fences);
    }

    public Collection<CapturedAdapter> adapters() {
        return Collections.unmodifiableCollection(b.objects.adapters.values());
    }

    public CapturedAdapter adapter(long luid) {
        return b.objects.adapters.get(luid);
    }

    public List<Wait> waits() {
        return b.sync.waits.list();
    }

    public List<Signal> signals() {
        return b.sync.signals.list();
    }

    /** MakeResident and Evict calls in call order. */
    public List<ResidencyOp> residencyOps() {
        return b.residency.ops.list();
    }

    public List<Budget> budgets() {
        return Collections.unmodifiableList(b.residency.budgets);
    }

    /** Evictions the memory manager made on its own, as queries revealed them. */
    public List<Eviction> evictions() {
        return Collections.unmodifiableList(b.residency.evictions);
    }

    public List<ResidentLine> residentLines() {
        List<ResidentLine> out = new ArrayList<>();
        b.residency.lines.forEach(
                l -> out.add(new ResidentLine(l.key.process(), l.key.luid(), l.key.segmentGroup(), l.series)));
        return out;
    }

    /** The layouts the capture was recorded with (empty when it has no ABI record). */
    public AbiTables abi() {
        return b.abi();
    }

    public VmbusTable vmbus() {
        return b.vmbus.table;
    }

    public List<FailedCall> failedCalls() {
        return Collections.unmodifiableList(b.errors.failed);
    }

    /**
     * How many times a failed call changed after it was listed, other than by a kernel line being
     * linked to it (which adds a line): a host status read after the call. A live view compares it
     * with the last count it showed.
     */
    public int failedCallChanges() {
        return b.errors.lateChanges;
    }

    public List<LogLine> logLines() {
        return Collections.unmodifiableList(b.errors.lines);
    }

    /** Per-ioctl counts, by name. */
    public Map<String, CallStats> callStats() {
        return Collections.unmodifiableMap(new java.util.TreeMap<>(b.errors.stats));
    }

    public List<Event.Marker> markers() {
        return Collections.unmodifiableList(b.markers);
    }

    public List<Event.DeviceSample> deviceSamples() {
        return Collections.unmodifiableList(b.deviceSamples);
    }

    /** The capture-health list: damage, lost events, records that could not be used. */
    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(b.diagnostics);
    }

    /** Records decoded into events. */
    public long events() {
        return b.events;
    }

    /** Events the END and LOST records say were dropped. */
    public long lostEvents() {
        return Math.max(b.lostEvents, b.end != null ? b.end.eventsLost() : 0);
    }

    /** The END record, or null (collector killed, or still recording). */
    public Event.End end() {
        return b.end;
    }

    /** Calls entered and not returned when the capture ended. */
    public long callsInFlightAtEnd() {
        return b.inFlightAtEnd;
    }

    /**
     * Why the model ends before the capture does: the heap filled up while it was read (an error on
     * the health list that says where and how to give dxgscope more memory), or null.
     */
    public Diagnostic memoryCut() {
        return b.memoryCut;
    }

    /** Whether the capture has been read to its end for good (not a live capture still growing). */
    public boolean complete() {
        return b.finished;
    }

    long[] createdSeqs() {
        return b.objects.createdSeqs;
    }

    long[] destroyedSeqs() {
        return b.objects.destroyedSeqs;
    }

    /** The state at a seq. */
    public StateAt at(long seq) {
        return new StateAt(this, seq);
    }

    /** The state at the end of the capture. */
    public StateAt atEnd() {
        return new StateAt(this, DxgObject.ALIVE - 1);
    }
}
