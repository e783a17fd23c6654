package dev.dxgscope.model.state;

/**
 * A request to move a fence to a value: from the CPU (takes effect at once), queued on a GPU
 * context, or the progress-fence value of a hardware-queue submission.
 *
 * @param seq enter seq of the call
 * @param context the context or hardware queue for GPU signals, else null
 */
public record Signal(Kind kind, long seq, DxgProcess process, int tid, SyncObject object, long value,
        DxgObject context, String call) {

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

    public String describe() {
        return kind.label() + " signal of " + object.describe() + " to " + value + " (#" + seq + ")";
    }
}
