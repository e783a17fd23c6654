package dev.dxgscope.model.state;

/**
 * A request to move a fence to a value: from the CPU (takes effect at once), queued on a GPU
 * context, or the progress-fence value of a hardware-queue submission. A view of one row of the
 * model's signal rows; two views of the same signal are equal.
 */
public final class Signal extends RowView<SignalStore> {
    public enum Kind {
        CPU("CPU"), GPU("GPU"), QUEUE_PROGRESS("hardware-queue submission"),
        /** The host signals a paging fence when the paging work of a MakeResident is done. */
        PAGING("paging operation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    Signal(SignalStore store, int index) {
        super(store, index);
    }

    /** Position among the capture's signals, in call order. */
    public int index() {
        return index;
    }

    public Kind kind() {
        return store.kind(index);
    }

    /** Enter seq of the call. */
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

    public long value() {
        return store.value(index);
    }

    /** The context or hardware queue for GPU signals, else null. */
    public DxgObject context() {
        return store.context(index);
    }

    public String call() {
        return store.call(index);
    }

    public String describe() {
        return kind().label() + " signal of " + object().describe() + " to " + value() + " (#" + seq() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
