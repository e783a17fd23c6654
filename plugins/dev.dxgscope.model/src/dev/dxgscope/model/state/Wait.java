package dev.dxgscope.model.state;

/**
 * A wait for a fence to reach a value, as an interval: from the call to the moment the capture
 * shows it satisfied. A wait the capture never shows satisfied is stuck. A view of one row of the
 * model's wait rows; two views of the same wait are equal.
 */
public final class Wait extends RowView<WaitStore> {
    public enum Kind {
        CPU_BLOCKING("CPU wait (blocking)"), CPU_ASYNC("CPU wait (event)"), GPU("GPU wait"),
        /** A sync file (dma_fence) bound to a fence value: signalled when the host sees the value. */
        SYNC_FILE("sync file");

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

    Wait(WaitStore store, int index) {
        super(store, index);
    }

    /** Position among the capture's waits, in call order. */
    public int id() {
        return index;
    }

    public Kind kind() {
        return store.kind(index);
    }

    /** Enter seq of the waiting call. */
    public long seq() {
        return store.seq(index);
    }

    public DxgProcess process() {
        return store.process(index);
    }

    public int tid() {
        return store.tid(index);
    }

    public SyncObject object() {
        return store.object(index);
    }

    /** The fence value waited for. */
    public long value() {
        return store.value(index);
    }

    /** The context of a GPU wait, else null. */
    public DxgObject context() {
        return store.context(index);
    }

    public String call() {
        return store.call(index);
    }

    /** When it was satisfied or failed; ALIVE while pending. */
    public long endSeq() {
        return store.endSeq(index);
    }

    public Outcome outcome() {
        return store.outcome(index);
    }

    /** The signal whose value satisfied it (the first signal to reach the value), or null. */
    public Signal satisfiedBy() {
        return store.satisfiedBy(index);
    }

    /** When the object waited on was destroyed while this wait was pending, else ALIVE. */
    public long objectDestroyedSeq() {
        return store.objectDestroyedSeq(index);
    }

    /**
     * Enter seq of the first LX_DXSUBMITCOMMAND queued on a GPU wait's context while the wait was
     * pending, -1 when none: work the GPU cannot start until the wait ends (what a hang is made of).
     */
    public long submitBehindSeq() {
        return store.submitBehindSeq(index);
    }

    /**
     * When a never-satisfied wait stopped waiting without its value: its object was destroyed or
     * its process ended, whichever came first; ALIVE while it still waited at the end of the
     * capture (and for a wait that ended otherwise). So a stuck wait lasts until then, not to the
     * end of a capture that went on without it.
     */
    public long abandonedSeq() {
        if (!stuck()) {
            return DxgObject.ALIVE;
        }
        long exit = process().exited() ? process().exitSeq() : DxgObject.ALIVE;
        long at = Math.min(objectDestroyedSeq(), exit);
        return at >= seq() ? at : DxgObject.ALIVE;
    }

    /** Why it was abandoned ("its object was destroyed", "its process ended"), or null. */
    public String abandonedWhy() {
        long at = abandonedSeq();
        return at == DxgObject.ALIVE ? null : at == objectDestroyedSeq() ? "its object was destroyed" : "its process ended";
    }

    /** When it stopped waiting: satisfied or failed ({@link #endSeq}), or abandoned; ALIVE while it waits at the end. */
    public long stoppedSeq() {
        return endSeq() != DxgObject.ALIVE ? endSeq() : abandonedSeq();
    }

    /** Never satisfied by the end of the capture. */
    public boolean stuck() {
        Outcome o = outcome();
        return o == Outcome.NEVER_SATISFIED || o == Outcome.PENDING;
    }

    /** The host event id a CPU wait handed to the host (VMBus guest_event_pointer), 0 when unknown. */
    public long eventId() {
        return store.eventId(index);
    }

    public boolean pendingAt(long at) {
        return seq() <= at && at < endSeq();
    }

    public String describe() {
        return kind().label() + " on " + object().describe() + " for " + value() + " (#" + seq() + ")";
    }

    @Override
    public String toString() {
        return describe() + " " + outcome().label();
    }
}
