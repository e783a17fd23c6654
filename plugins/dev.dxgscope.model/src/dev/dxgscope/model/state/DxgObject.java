package dev.dxgscope.model.state;

import java.util.List;

/**
 * One dxg object as a process saw it: its handle in the process's table, what created it and
 * when, and when and why it went away. Times are seqs (positions in the capture); {@link #ALIVE}
 * means it outlived the capture.
 */
public class DxgObject {
    /** destroyedSeq of an object still alive at the end of the capture. */
    public static final long ALIVE = Long.MAX_VALUE;

    private final int id;
    private final ObjectType type;
    private final DxgProcess process;
    private final int handle;
    private final DxgObject parent;
    private final long createdSeq;
    private final String createdBy;
    /** Ids, not references (see {@link ObjectIds}); null until the first. */
    private ObjectIds children;
    private long destroyedSeq = ALIVE;
    private long destroyedByCall = -1;
    private DestroyReason destroyReason;
    private SharedObject shared;
    private boolean opened;
    private long luid;

    DxgObject(int id, ObjectType type, DxgProcess process, int handle, DxgObject parent, long createdSeq,
            String createdBy) {
        this.id = id;
        this.type = type;
        this.process = process;
        this.handle = handle;
        this.parent = parent;
        this.createdSeq = createdSeq;
        this.createdBy = createdBy;
        if (parent != null) {
            parent.addChild(this);
        }
        this.luid = parent != null ? parent.luid : 0;
    }

    private void addChild(DxgObject child) {
        if (children == null) {
            children = new ObjectIds(4);
        }
        children.add(child);
    }

    /** Model-wide identity (dense, in creation order). */
    public int id() {
        return id;
    }

    public ObjectType type() {
        return type;
    }

    public DxgProcess process() {
        return process;
    }

    /** The d3dkmthandle value in the owning process's table. */
    public int handle() {
        return handle;
    }

    /** "0x40000040". */
    public String handleHex() {
        return String.format("0x%08x", handle);
    }

    public DxgObject parent() {
        return parent;
    }

    public List<DxgObject> children() {
        return children == null ? List.of() : children.view(process.all());
    }

    /** Seq of the call (enter) that created it, or of the event that made it known. */
    public long createdSeq() {
        return createdSeq;
    }

    /** The ioctl that created or opened it ("LX_DXCREATEALLOCATION"). */
    public String createdBy() {
        return createdBy;
    }

    public long destroyedSeq() {
        return destroyedSeq;
    }

    /** Seq of the destroy call's enter when {@link #destroyReason()} is CALL or PARENT, else -1. */
    public long destroyedByCall() {
        return destroyedByCall;
    }

    /** Null while alive. */
    public DestroyReason destroyReason() {
        return destroyReason;
    }

    public boolean aliveAt(long seq) {
        return createdSeq <= seq && seq < destroyedSeq;
    }

    public boolean aliveAtEnd() {
        return destroyedSeq == ALIVE;
    }

    /** The NT-shared object it was created as or opened from, or null. */
    public SharedObject shared() {
        return shared;
    }

    /** Opened from an NT handle (a reference to another process's object) rather than created. */
    public boolean opened() {
        return opened;
    }

    /** The LUID of the adapter it lives on (0 when unknown). */
    public long luid() {
        return luid;
    }

    /** The device it belongs to (itself for a device), or null. */
    public DxgObject device() {
        DxgObject o = this;
        while (o != null && o.type != ObjectType.DEVICE) {
            o = o.parent;
        }
        return o;
    }

    /** "allocation 0x40000400 (pid 42)". */
    public String describe() {
        return type.label() + " " + handleHex() + " (pid " + process.pid() + ")";
    }

    void setLuid(long luid) {
        this.luid = luid;
    }

    void setShared(SharedObject shared, boolean opened) {
        this.shared = shared;
        this.opened = opened;
    }

    void destroy(long seq, DestroyReason reason, long byCall) {
        if (destroyedSeq != ALIVE) {
            return;
        }
        destroyedSeq = seq;
        destroyReason = reason;
        destroyedByCall = byCall;
    }

    @Override
    public String toString() {
        return describe();
    }
}
