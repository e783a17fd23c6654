package dev.dxgscope.model.state;

/** The kinds of dxg objects the model tracks: the handle types of dxgkrnl's per-process handle table. */
public enum ObjectType {
    ADAPTER("adapter"),
    DEVICE("device"),
    CONTEXT("context"),
    HW_QUEUE("hardware queue"),
    PAGING_QUEUE("paging queue"),
    RESOURCE("resource"),
    ALLOCATION("allocation"),
    SYNC_OBJECT("sync object"),
    /** The host-created fence of a paging queue or hardware queue (handle type MONITOREDFENCE). */
    QUEUE_FENCE("queue fence");

    private final String label;

    ObjectType(String label) {
        this.label = label;
    }

    /** Lower-case words for display ("hardware queue"). */
    public String label() {
        return label;
    }
}
