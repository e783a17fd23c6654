package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.LongMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A process seen in the capture (one thread group, one pid; a reused pid is a new DxgProcess):
 * its command line, lifetime, handle table and dxg file descriptors.
 */
public final class DxgProcess {
    /** exitStatus when the capture does not say. */
    public static final int UNKNOWN_STATUS = Integer.MIN_VALUE;

    private final int pid;
    private final int index;
    private int parentPid;
    private String executable = "";
    private List<String> args = List.of();
    private long startSeq;
    private long exitSeq = DxgObject.ALIVE;
    private int exitStatus = UNKNOWN_STATUS;
    private long teardownSeq = DxgObject.ALIVE;
    /** Every object that ever lived in its handle table: ids, not references (see {@link ObjectIds}). */
    private final ObjectIds objects = new ObjectIds(16);
    private final List<DxgObject> all;
    /** Adapter handles live in their own table (the driver's local_handle_table). */
    final HandleTable adapterHandles;
    final HandleTable handles;
    final LongMap<FdRef> fds = new LongMap<>();
    private final List<FdRef> allFds = new ArrayList<>();
    /** Set once it got its parent's descriptors (at the fork, or at its start when that came first). */
    boolean inherited;

    /** {@code all}: the capture's objects, by id. */
    DxgProcess(int pid, int index, long startSeq, List<DxgObject> all) {
        this.pid = pid;
        this.index = index;
        this.startSeq = startSeq;
        this.all = all;
        this.adapterHandles = new HandleTable(all);
        this.handles = new HandleTable(all);
    }

    public int pid() {
        return pid;
    }

    /** Position among the capture's processes (dense). */
    public int index() {
        return index;
    }

    public int parentPid() {
        return parentPid;
    }

    public String executable() {
        return executable;
    }

    /** argv as recorded (argv[0] first). */
    public List<String> args() {
        return args;
    }

    /** "render-loop": the executable's file name (argv[0]'s when the executable is not known). */
    public String program() {
        String exe = executable.isEmpty() ? (args.isEmpty() ? "?" : args.get(0)) : executable;
        return exe.substring(exe.lastIndexOf('/') + 1);
    }

    /** Whether this is {@code dxgcap snapshot}'s sampler (its hidden worker command). */
    public boolean isSnapshotSampler() {
        return args.size() > 1 && args.get(1).equals(SNAPSHOT_WORKER);
    }

    /** The argument that makes dxgcap the snapshot's sampler (native-probe/src/collector/snapshot.c). */
    private static final String SNAPSHOT_WORKER = "__snapshot-worker";

    /** "render-loop 3 1" (the executable's file name and its arguments). */
    public String commandLine() {
        StringBuilder b = new StringBuilder(program());
        for (int i = 1; i < args.size(); i++) {
            b.append(' ').append(args.get(i));
        }
        return b.toString();
    }

    /** "render-loop (pid 42)". */
    public String label() {
        /* dxgcap snapshot's own sampler is not to be taken for an application: its calls are the
           snapshot's questions to the device */
        return program() + (isSnapshotSampler() ? " snapshot" : "") + " (pid " + pid + ")";
    }

    public long startSeq() {
        return startSeq;
    }

    /** Seq of its exit, {@link DxgObject#ALIVE} when it did not exit in the capture. */
    public long exitSeq() {
        return exitSeq;
    }

    /** Exit code, minus the signal number, or {@link #UNKNOWN_STATUS}. */
    public int exitStatus() {
        return exitStatus;
    }

    public boolean exited() {
        return exitSeq != DxgObject.ALIVE;
    }

    /** When the driver released its dxg process (last dxg fd closed or exit), else ALIVE. */
    public long teardownSeq() {
        return teardownSeq;
    }

    /** Every object that ever lived in its handle table, in creation order (those made so far, for a live capture). */
    public List<DxgObject> objects() {
        return objects.view(all);
    }

    /** The capture's objects, by id. */
    List<DxgObject> all() {
        return all;
    }

    /** Every dxg-related descriptor it held, in the order they appeared. */
    public List<FdRef> fds() {
        return Collections.unmodifiableList(allFds);
    }

    /** The object behind a handle value right now (while the model is being built), or null. */
    DxgObject handle(int handle) {
        return handles.get(handle);
    }

    DxgObject adapterHandle(int handle) {
        return adapterHandles.get(handle);
    }

    /** The live table an object's handle is in. */
    HandleTable table(DxgObject o) {
        return o.type() == ObjectType.ADAPTER ? adapterHandles : handles;
    }

    void addObject(DxgObject o) {
        objects.add(o);
        table(o).put(o); /* replaces a stale entry whose end the capture missed */
    }

    void addFd(FdRef fd) {
        allFds.add(fd);
        fds.put(fd.fd(), fd);
    }

    void setImage(String executable, List<String> args) {
        this.executable = executable;
        this.args = List.copyOf(args);
    }

    void setParentPid(int parentPid) {
        this.parentPid = parentPid;
    }

    void setStartSeq(long seq) {
        this.startSeq = seq;
    }

    void exit(long seq, int status, boolean authoritative) {
        if (exitSeq == DxgObject.ALIVE) {
            exitSeq = seq;
        }
        if (authoritative || exitStatus == UNKNOWN_STATUS) {
            if (status != UNKNOWN_STATUS) {
                exitStatus = status;
            }
        }
    }

    void tornDown(long seq) {
        if (teardownSeq == DxgObject.ALIVE) {
            teardownSeq = seq;
        }
    }

    @Override
    public String toString() {
        return label();
    }

    /** The capture is complete: drops spare capacity. */
    void trim() {
        objects.trim();
    }
}
