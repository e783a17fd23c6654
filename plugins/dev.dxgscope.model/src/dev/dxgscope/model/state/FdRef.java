package dev.dxgscope.model.state;

/**
 * A file descriptor of one process that refers to a dxg file: the device itself ({@link #file()}),
 * an NT-handle share of a resource or sync object ({@link #shared()}), or a sync file bound to a
 * fence value ({@link #syncFence()}). Its interval is [openedSeq, closedSeq).
 */
public final class FdRef {
    /** How the process came to hold it. */
    public enum Origin {
        OPEN("open(\"/dev/dxg\")"),
        SHARE("LX_DXSHAREOBJECTS"),
        /** A sync_file (dma_fence) made by LX_DXCREATESYNCFILE. */
        SYNC_FILE("LX_DXCREATESYNCFILE"),
        RECEIVED("received over a socket (SCM_RIGHTS)"),
        INHERITED("inherited over fork"),
        DUP("dup");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How it stopped being held. */
    public enum CloseReason {
        CLOSE("close"),
        EXIT("closed by the kernel at process exit"),
        EXEC("closed at exec (O_CLOEXEC)");

        private final String label;

        CloseReason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final DxgProcess process;
    private final int fd;
    private final Origin origin;
    private final FdRef from;
    private final DxgFile file;
    private final SharedObject shared;
    private final long openedSeq;
    private long closedSeq = DxgObject.ALIVE;
    private CloseReason closeReason;
    private SyncObject syncFence;
    private long syncValue;

    FdRef(DxgProcess process, int fd, Origin origin, FdRef from, DxgFile file, SharedObject shared, long openedSeq) {
        this.process = process;
        this.fd = fd;
        this.origin = origin;
        this.from = from;
        this.file = file;
        this.shared = shared;
        this.openedSeq = openedSeq;
    }

    public DxgProcess process() {
        return process;
    }

    public int fd() {
        return fd;
    }

    public Origin origin() {
        return origin;
    }

    /** The descriptor it was copied from (inherited, dup, received), or null. */
    public FdRef from() {
        return from;
    }

    /** The open device file it refers to, or null for an NT-handle fd. */
    public DxgFile file() {
        return file;
    }

    /** The shared object it refers to, or null for a device fd. */
    public SharedObject shared() {
        return shared;
    }

    /** For a sync file: the fence it waits on (the handle it was made from), else null. */
    public SyncObject syncFence() {
        return syncFence;
    }

    /** For a sync file: the fence value it is signalled at. */
    public long syncValue() {
        return syncValue;
    }

    /** For a sync file: "sync object 0x40000200 (pid 42) at value 3"; else null. */
    public String syncFileText() {
        return syncFence == null ? null : syncFence.describe() + " at value " + syncValue;
    }

    /** Binds a sync file (or a copy of one) to its fence value. */
    void syncFile(SyncObject fence, long value) {
        this.syncFence = fence;
        this.syncValue = value;
    }

    /** Whether the descriptor is O_CLOEXEC (closed at exec): the driver makes NT-handle fds and sync files so. */
    boolean closedAtExec() {
        return shared != null || syncFence != null;
    }

    public long openedSeq() {
        return openedSeq;
    }

    public long closedSeq() {
        return closedSeq;
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    public boolean openAt(long seq) {
        return openedSeq <= seq && seq < closedSeq;
    }

    /** "fd 5 of leaky-sharer (pid 42)". */
    public String describe() {
        return "fd " + fd + " of " + process.label();
    }

    boolean close(long seq, CloseReason reason) {
        if (closedSeq != DxgObject.ALIVE) {
            return false;
        }
        closedSeq = seq;
        closeReason = reason;
        return true;
    }

    @Override
    public String toString() {
        return describe();
    }
}
