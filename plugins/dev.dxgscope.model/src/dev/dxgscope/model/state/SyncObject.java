package dev.dxgscope.model.state;

/**
 * A sync object (or the host-created fence of a paging or hardware queue). Objects opened from the
 * same NT share see one {@link Fence}: the value lives on the host, not in the handle.
 */
public final class SyncObject extends DxgObject {
    /** What kind of fence it is. */
    public enum Kind {
        SYNC_OBJECT("sync object"), PAGING_FENCE("paging fence"), PROGRESS_FENCE("progress fence");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final int syncType;
    private final int flags;
    private Fence fence;
    private long cpuVa;

    SyncObject(int id, ObjectType type, Kind kind, DxgProcess process, int handle, DxgObject parent, long createdSeq,
            String createdBy, int syncType, int flags) {
        super(id, type, process, handle, parent, createdSeq, createdBy);
        this.kind = kind;
        this.syncType = syncType;
        this.flags = flags;
    }

    public Kind kind() {
        return kind;
    }

    /** d3dddi_synchronizationobject_type (5 monitored fence), -1 for queue fences. */
    public int syncType() {
        return syncType;
    }

    /** d3dddi_synchronizationobject_flags. */
    public int flags() {
        return flags;
    }

    /** The value timeline (shared with every object opened from the same share). */
    public Fence fence() {
        return fence;
    }

    /** Where the fence page is mapped in the process, 0 when unknown. */
    public long cpuVa() {
        return cpuVa;
    }

    void setFence(Fence fence) {
        this.fence = fence;
        fence.addView(this);
    }

    void setCpuVa(long cpuVa) {
        this.cpuVa = cpuVa;
    }

    @Override
    public String describe() {
        return (kind == Kind.SYNC_OBJECT ? "sync object" : kind.label()) + " " + handleHex() + " (pid "
                + process().pid() + ")";
    }
}
