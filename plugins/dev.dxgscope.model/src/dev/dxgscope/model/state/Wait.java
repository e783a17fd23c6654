package dev.dxgscope.model.state;

/**
 * A wait for a fence to reach a value, as an interval: from the call to the moment the capture
 * shows it satisfied. A wait the capture never shows satisfied is stuck.
 */
public final class Wait {
    public enum Kind {
        CPU_BLOCKING("CPU wait (blocking)"), CPU_ASYNC("CPU wait (event)"), GPU("GPU wait");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Outcome {
        PENDING("pending"),
        SATISFIED("satisfied"),
        FAILED("the call failed"),
        NEVER_SATISFIED("never satisfied");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final int id;
    private final Kind kind;
    private final long seq;
    private final DxgProcess process;
    private final int tid;
    private final SyncObject object;
    private final long value;
    private final DxgObject context;
    private final String call;
    private long endSeq = DxgObject.ALIVE;
    private Outcome outcome = Outcome.PENDING;
    private Signal satisfiedBy;
    private long objectDestroyedSeq = DxgObject.ALIVE;
    private long eventId;

    Wait(int id, Kind kind, long seq, DxgProcess process, int tid, SyncObject object, long value, DxgObject context,
            String call) {
        this.id = id;
        this.kind = kind;
        this.seq = seq;
        this.process = process;
        this.tid = tid;
        this.object = object;
        this.value = value;
        this.context = context;
        this.call = call;
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Enter seq of the waiting call. */
    public long seq() {
        return seq;
    }

    public DxgProcess process() {
        return process;
    }

    public int tid() {
        return tid;
    }

    public SyncObject object() {
        return object;
    }

    /** The fence value waited for. */
    public long value() {
        return value;
    }

    /** The context of a GPU wait, else null. */
    public DxgObject context() {
        return context;
    }

    public String call() {
        return call;
    }

    /** When it was satisfied or failed; ALIVE while pending. */
    public long endSeq() {
        return endSeq;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The signal whose value satisfied it (the first signal to reach the value), or null. */
    public Signal satisfiedBy() {
        return satisfiedBy;
    }

    /** When the object waited on was destroyed while this wait was pending, else ALIVE. */
    public long objectDestroyedSeq() {
        return objectDestroyedSeq;
    }

    /** Never satisfied by the end of the capture. */
    public boolean stuck() {
        return outcome == Outcome.NEVER_SATISFIED || outcome == Outcome.PENDING;
    }

    /** The host event id a CPU wait handed to the host (VMBus guest_event_pointer), 0 when unknown. */
    public long eventId() {
        return eventId;
    }

    public boolean pendingAt(long at) {
        return seq <= at && at < endSeq;
    }

    public String describe() {
        return kind.label() + " on " + object.describe() + " for " + value + " (#" + seq + ")";
    }

    void setEventId(long eventId) {
        this.eventId = eventId;
    }

    void satisfy(long at, Signal by) {
        if (outcome == Outcome.PENDING) {
            endSeq = at;
            outcome = Outcome.SATISFIED;
            satisfiedBy = by;
        }
    }

    void fail(long at) {
        if (outcome == Outcome.PENDING) {
            endSeq = at;
            outcome = Outcome.FAILED;
        }
    }

    void objectDestroyed(long at) {
        if (outcome == Outcome.PENDING && objectDestroyedSeq == DxgObject.ALIVE) {
            objectDestroyedSeq = at;
        }
    }

    /** At the end of the capture: what is still pending was never satisfied. */
    void finish() {
        if (outcome == Outcome.PENDING) {
            outcome = Outcome.NEVER_SATISFIED;
        }
    }

    @Override
    public String toString() {
        return describe() + " " + outcome.label();
    }
}
