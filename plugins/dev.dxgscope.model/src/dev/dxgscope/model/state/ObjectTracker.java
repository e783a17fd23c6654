package dev.dxgscope.model.state;

import dev.dxgscope.model.adapters.AdapterType;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.LongMap;
import dev.dxgscope.model.decode.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Processes, their descriptors and handle tables, and every dxg object's life: applies the
 * creating and destroying ioctls, fd events (open, close, dup, SCM_RIGHTS), fork/exec/exit and the
 * driver's teardown rules (dxg-abi.md section 1.6). Other trackers resolve handles through it and
 * hear about destroyed objects through {@link Listener}.
 */
final class ObjectTracker {
    /** Told about objects and shared objects going away. */
    interface Listener {
        void destroyed(DxgObject o, long seq);
    }

    private static final int ADAPTER_TYPE = Names.queryAdapterInfoValue("ADAPTERTYPE");
    /** D3DDDI_MONITORED_FENCE: the type of every sync object a sync file opens. */
    private static final int MONITORED_FENCE = 5;
    private static final int DRIVER_DESCRIPTION = Names.queryAdapterInfoValue("DRIVER_DESCRIPTION");
    private static final int SIM_ALLOC_MAGIC = 0x4c414744;

    private final Consumer<Diagnostic> diagnostics;
    private final List<Listener> listeners = new ArrayList<>();
    final List<DxgProcess> processes = new ArrayList<>();
    final LongMap<DxgProcess> byPid = new LongMap<>();
    final ArrayList<DxgObject> objects = new ArrayList<>();

    /** The object with this id, or null for -1: how the row stores write "no object". */
    DxgObject object(int id) {
        return id < 0 ? null : objects.get(id);
    }

    /** The id the row stores write for {@code o}: -1 for none. */
    static int idOf(DxgObject o) {
        return o == null ? -1 : o.id();
    }
    /** Creation and destruction seqs by object id: the state-at-a-time scan reads these, not the objects. */
    long[] createdSeqs = new long[1024];
    long[] destroyedSeqs = new long[1024];
    final List<SharedObject> shared = new ArrayList<>();
    final List<Fence> fences = new ArrayList<>();
    final Map<Long, CapturedAdapter> adapters = new LinkedHashMap<>();
    private final Deque<PendingSend> sends = new ArrayDeque<>();
    /** Allocation sizes from the host's CREATEALLOCATION replies, by the causing call's enter seq. */
    final LongMap<long[]> replySizes = new LongMap<>();
    /* Views of a call's captured buffers, filled again for every call (none is kept past it). */
    private final IoctlCall.Buffer elementsBuffer = new IoctlCall.Buffer();
    private final IoctlCall.Buffer standardBuffer = new IoctlCall.Buffer();
    private final IoctlCall.Buffer privateBuffer = new IoctlCall.Buffer();
    private final IoctlCall.Buffer handlesBuffer = new IoctlCall.Buffer();
    private final IoctlCall.Buffer fdBuffer = new IoctlCall.Buffer();

    private record PendingSend(DxgProcess sender, int socket, FdRef[] refs, List<String> texts) {
    }

    ObjectTracker(Consumer<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    void addListener(Listener l) {
        listeners.add(l);
    }

    // ---- processes ----

    /** The live process with this pid, created when first seen. */
    DxgProcess process(int pid, long seq) {
        DxgProcess p = byPid.get(pid);
        if (p == null) {
            p = new DxgProcess(pid, processes.size(), seq, objects);
            processes.add(p);
            byPid.put(pid, p);
        }
        return p;
    }

    /** The process with this pid, or null; never creates one (for host-side records). */
    DxgProcess existing(int pid) {
        return byPid.get(pid);
    }

    void onProcess(Event.Process e) {
        switch (e.op()) {
            case START -> {
                DxgProcess p = byPid.get(e.pid());
                if (p == null || p.exited()) {
                    boolean fresh = p == null;
                    p = process(e.pid(), e.seq());
                    if (fresh || p.exited()) {
                        p = fresh ? p : replace(e.pid(), e.seq());
                    }
                    /* a forked child can run before its parent records the fork: inherit now */
                    DxgProcess parent = byPid.get(e.other());
                    if (parent != null && !parent.exited() && e.other() != e.pid()) {
                        inherit(parent, p, e.seq());
                    }
                } else if (!p.executable().isEmpty() && !p.objects().isEmpty()) {
                    diagnostics.accept(new Diagnostic(Severity.INFO, e.offset(), e.seq(),
                            "process " + e.pid() + " started twice; keeping one identity"));
                }
                if (p.startSeq() > e.seq() || p.executable().isEmpty()) {
                    p.setStartSeq(Math.min(p.startSeq(), e.seq()));
                }
                p.setParentPid(e.other());
                setImage(p, e.args());
            }
            case FORK -> fork(process(e.pid(), e.seq()), e.other(), e.seq());
            case EXEC -> {
                DxgProcess p = process(e.pid(), e.seq());
                setImage(p, e.args());
                for (FdRef f : List.copyOf(p.fds.values())) {
                    if (f.closedAtExec()) {
                        close(p, f, e.seq(), FdRef.CloseReason.EXEC);
                    }
                }
            }
            case EXIT, VANISHED -> exit(process(e.pid(), e.seq()), e.seq(), e.status(), e.byCollector());
            case REAPED -> {
                /* the parent's wait saw the real status; a child the capture never had is not made up,
                 * nor is an earlier process that had the pid (an unprobed child can reuse it) */
                DxgProcess child = byPid.get(e.other());
                if (child != null && child.parentPid() == e.pid()) {
                    exit(child, e.seq(), e.status(), true);
                }
            }
            default -> diagnostics.accept(new Diagnostic(Severity.INFO, e.offset(), e.seq(),
                    "PROCESS record with an unknown op; skipped"));
        }
    }

    private static void setImage(DxgProcess p, List<String> strings) {
        if (strings.isEmpty()) {
            return;
        }
        p.setImage(strings.get(0), strings.subList(1, strings.size()));
    }

    private DxgProcess replace(int pid, long seq) {
        DxgProcess p = new DxgProcess(pid, processes.size(), seq, objects);
        processes.add(p);
        byPid.put(pid, p);
        return p;
    }

    private void fork(DxgProcess parent, int childPid, long seq) {
        DxgProcess child = byPid.get(childPid);
        if (child == null || child.exited()) {
            child = replace(childPid, seq);
        }
        child.setParentPid(parent.pid());
        if (child.executable().isEmpty()) {
            child.setImage(parent.executable(), parent.args().isEmpty() ? List.of() : parent.args());
        }
        inherit(parent, child, seq);
    }

    /** A forked child gets copies of its parent's descriptors, once. */
    private void inherit(DxgProcess parent, DxgProcess child, long seq) {
        if (child.inherited) {
            return;
        }
        child.inherited = true;
        for (FdRef f : parent.fds.values()) {
            if (f.closedSeq() == DxgObject.ALIVE && child.fds.get(f.fd()) == null) {
                copyFd(child, f.fd(), FdRef.Origin.INHERITED, f, seq);
            }
        }
    }

    /** A process ended; {@code authoritative}: its status is the real wait status. */
    private void exit(DxgProcess p, long seq, int status, boolean authoritative) {
        boolean first = !p.exited();
        p.exit(seq, status, authoritative);
        if (!first) {
            return;
        }
        for (FdRef f : List.copyOf(p.fds.values())) {
            close(p, f, seq, FdRef.CloseReason.EXIT);
        }
        teardown(p, seq); /* the kernel released everything the process held */
    }

    // ---- descriptors ----

    void onFd(Event.Fd e) {
        DxgProcess p = process(e.pid(), e.seq());
        switch (e.op()) {
            case OPEN -> {
                DxgFile file = new DxgFile(p, e.seq());
                closeUnseen(p, e.fd(), e.seq());
                FdRef ref = new FdRef(p, e.fd(), FdRef.Origin.OPEN, null, file, null, e.seq());
                file.reference();
                p.addFd(ref);
            }
            case CLOSE -> {
                FdRef ref = p.fds.get(e.fd());
                if (ref != null) {
                    close(p, ref, e.seq(), FdRef.CloseReason.CLOSE);
                }
            }
            case DUP -> {
                FdRef old = p.fds.get(e.other());
                if (old != null) {
                    copyFd(p, e.fd(), FdRef.Origin.DUP, old, e.seq());
                }
            }
            case SEND -> {
                FdRef[] refs = new FdRef[e.fds().length];
                for (int i = 0; i < refs.length; i++) {
                    refs[i] = p.fds.get(e.fds()[i]);
                }
                sends.addLast(new PendingSend(p, e.fd(), refs, e.texts()));
                if (sends.size() > 1024) {
                    sends.removeFirst();
                }
            }
            case SEND_FAILED -> {
                /* the process's latest send on this socket moved nothing: no receive may take it */
                for (Iterator<PendingSend> it = sends.descendingIterator(); it.hasNext();) {
                    PendingSend s = it.next();
                    if (s.sender() == p && s.socket() == e.fd()) {
                        it.remove();
                        break;
                    }
                }
            }
            case RECEIVE -> receive(p, e);
            default -> diagnostics.accept(new Diagnostic(Severity.INFO, e.offset(), e.seq(),
                    "FD record with an unknown op; skipped"));
        }
    }

    private void receive(DxgProcess p, Event.Fd e) {
        PendingSend match = null;
        for (Iterator<PendingSend> it = sends.iterator(); it.hasNext();) {
            PendingSend s = it.next();
            if (!e.texts().isEmpty() && s.texts().equals(e.texts())) {
                match = s;
                it.remove();
                break;
            }
        }
        if (match == null && !sends.isEmpty()) {
            match = sends.removeFirst(); /* no identifying link text (real device): first come, first served */
        }
        if (match == null) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, e.offset(), e.seq(), "pid " + e.pid() + " received "
                    + e.fds().length + " descriptors whose sending is not in the capture"));
            return;
        }
        for (int i = 0; i < e.fds().length && i < match.refs().length; i++) {
            if (match.refs()[i] != null) {
                copyFd(p, e.fds()[i], FdRef.Origin.RECEIVED, match.refs()[i], e.seq());
            }
        }
    }

    private void copyFd(DxgProcess p, int fd, FdRef.Origin origin, FdRef from, long seq) {
        closeUnseen(p, fd, seq);
        FdRef ref = new FdRef(p, fd, origin, from, from.file(), from.shared(), seq);
        ref.syncFile(from.syncFence(), from.syncValue());
        if (ref.file() != null) {
            ref.file().reference();
        }
        if (ref.shared() != null) {
            ref.shared().addFd(ref);
        }
        p.addFd(ref);
    }

    /**
     * LX_DXCREATESYNCFILE returned {@code fd}: a sync file waiting for {@code value} of {@code fence}
     * (an fd the capture saw open under that number was closed unseen).
     */
    void addSyncFile(DxgProcess p, int fd, SyncObject fence, long value, long seq) {
        closeUnseen(p, fd, seq);
        FdRef ref = new FdRef(p, fd, FdRef.Origin.SYNC_FILE, null, null, null, seq);
        ref.syncFile(fence, value);
        p.addFd(ref);
    }

    /** The sync file open as {@code fd} in {@code p}, or null. */
    FdRef syncFile(DxgProcess p, long fd) {
        FdRef ref = fd < 0 || fd > Integer.MAX_VALUE ? null : p.fds.get((int) fd);
        return ref != null && ref.syncFence() != null ? ref : null;
    }

    /** A new descriptor takes number {@code fd}: one the capture saw open there was closed unseen. */
    private void closeUnseen(DxgProcess p, int fd, long seq) {
        FdRef old = p.fds.get(fd);
        if (old != null) {
            close(p, old, seq, FdRef.CloseReason.CLOSE); /* close() ignores one already closed */
        }
    }

    private void close(DxgProcess p, FdRef ref, long seq, FdRef.CloseReason reason) {
        if (!ref.close(seq, reason)) {
            return;
        }
        if (p.fds.get(ref.fd()) == ref) {
            p.fds.remove(ref.fd());
        }
        if (ref.file() != null && ref.file().release(seq)) {
            DxgProcess opener = ref.file().opener();
            boolean otherFile = opener.fds().stream().anyMatch(f -> f.file() != null && f.file() != ref.file()
                    && f.file().opener() == opener && f.file().releasedSeq() == DxgObject.ALIVE);
            if (!otherFile) {
                teardown(opener, seq);
            }
        }
        if (ref.shared() != null) {
            releaseShared(ref.shared(), seq, ref);
        }
    }

    /** The driver releases the process's dxg state: everything still in its handle table goes. */
    private void teardown(DxgProcess p, long seq) {
        if (p.teardownSeq() != DxgObject.ALIVE) {
            return;
        }
        boolean any = false;
        for (DxgObject o : p.objects()) {
            if (o.aliveAtEnd()) {
                any = true;
                break;
            }
        }
        if (!any && p.fds().stream().noneMatch(f -> f.file() != null && f.file().opener() == p)) {
            return; /* never used dxg */
        }
        p.tornDown(seq);
        /* children before parents, so every object goes with the same reason */
        List<DxgObject> live = new ArrayList<>();
        for (DxgObject o : p.objects()) {
            if (o.aliveAtEnd()) {
                live.add(o);
            }
        }
        for (int i = live.size() - 1; i >= 0; i--) {
            destroyOne(live.get(i), seq, DestroyReason.PROCESS_TEARDOWN, -1);
        }
    }

    // ---- objects ----

    DxgObject resolve(DxgProcess p, long handle) {
        return handle == IoctlCall.UNKNOWN || handle == 0 ? null : p.handle((int) handle);
    }

    /** An adapter handle (they have their own table). */
    DxgObject resolveAdapter(DxgProcess p, long handle) {
        return handle == IoctlCall.UNKNOWN || handle == 0 ? null : p.adapterHandle((int) handle);
    }

    private <T extends DxgObject> T add(T o) {
        int id = objects.size();
        if (id == createdSeqs.length) {
            createdSeqs = java.util.Arrays.copyOf(createdSeqs, id * 2);
            destroyedSeqs = java.util.Arrays.copyOf(destroyedSeqs, id * 2);
        }
        createdSeqs[id] = o.createdSeq();
        destroyedSeqs[id] = DxgObject.ALIVE;
        objects.add(o);
        o.process().addObject(o);
        return o;
    }

    private DxgObject create(ObjectType type, DxgProcess p, long handle, DxgObject parent, IoctlCall c) {
        if (handle == IoctlCall.UNKNOWN || handle == 0) {
            return null;
        }
        return add(new DxgObject(objects.size(), type, p, (int) handle, parent, c.enterSeq(), c.name()));
    }

    /** Destroys an object and everything below it. */
    void destroy(DxgObject o, long seq, DestroyReason reason, long byCall) {
        if (o == null || !o.aliveAtEnd()) {
            return;
        }
        for (DxgObject child : o.children()) {
            destroy(child, seq, reason == DestroyReason.CALL ? DestroyReason.PARENT : reason, byCall);
        }
        destroyOne(o, seq, reason, byCall);
    }

    private void destroyOne(DxgObject o, long seq, DestroyReason reason, long byCall) {
        if (!o.aliveAtEnd()) {
            return;
        }
        o.destroy(seq, reason, byCall);
        destroyedSeqs[o.id()] = seq;
        DxgProcess p = o.process();
        p.table(o).remove(o); /* unless a newer object has its handle */
        for (Listener l : listeners) {
            l.destroyed(o, seq);
        }
        if (o.shared() != null) {
            releaseShared(o.shared(), seq, o);
        }
    }

    private void releaseShared(SharedObject so, long seq, Object reference) {
        so.release(seq, reference);
    }

    private DxgObject needed(IoctlCall c, DxgProcess p, long handle, String what) {
        DxgObject o = what.equals("adapter") ? resolveAdapter(p, handle) : resolve(p, handle);
        if (o == null && handle != IoctlCall.UNKNOWN && handle != 0) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, c.leaveOffset(), c.leaveSeq(), c.name() + " #"
                    + c.enterSeq() + " succeeded on " + what + String.format(" 0x%08x", handle)
                    + " that the capture never saw created (recording started late or events were lost)"));
        }
        return o;
    }

    /** Applies a returned call that creates, opens or destroys objects. */
    void onLeave(IoctlCall c, DxgProcess p) {
        if (!c.succeeded() || c.ioctl() == null) {
            return;
        }
        switch (c.ioctl().name()) {
            case "LX_DXENUMADAPTERS3", "LX_DXENUMADAPTERS2" -> enumAdapters(c, p);
            case "LX_DXOPENADAPTERFROMLUID" -> {
                DxgObject a = create(ObjectType.ADAPTER, p, c.u32Out("adapter_handle"), null, c);
                if (a != null) {
                    a.setLuid(c.u64In("adapter_luid"));
                    adapter(a.luid(), c.enterSeq());
                }
            }
            case "LX_DXCLOSEADAPTER" -> closeAdapter(c, p);
            case "LX_DXQUERYADAPTERINFO" -> queryAdapterInfo(c, p);
            case "LX_DXCREATEDEVICE" -> create(ObjectType.DEVICE, p, c.u32Out("device"),
                    needed(c, p, c.u32In("adapter"), "adapter"), c);
            case "LX_DXDESTROYDEVICE" -> destroy(needed(c, p, c.u32In("device"), "device"), c.leaveSeq(),
                    DestroyReason.CALL, c.enterSeq());
            case "LX_DXCREATECONTEXTVIRTUAL" -> create(ObjectType.CONTEXT, p, c.u32Out("context"),
                    needed(c, p, c.u32In("device"), "device"), c);
            case "LX_DXDESTROYCONTEXT" -> destroy(needed(c, p, c.u32In("context"), "context"), c.leaveSeq(),
                    DestroyReason.CALL, c.enterSeq());
            case "LX_DXCREATEHWQUEUE" -> {
                DxgObject q = create(ObjectType.HW_QUEUE, p, c.u32Out("queue"),
                        needed(c, p, c.u32In("context"), "context"), c);
                queueFence(c, p, q, c.u32Out("queue_progress_fence"), SyncObject.Kind.PROGRESS_FENCE,
                        c.u64Out("queue_progress_fence_cpu_va"));
            }
            case "LX_DXDESTROYHWQUEUE" -> destroy(needed(c, p, c.u32In("queue"), "hardware queue"), c.leaveSeq(),
                    DestroyReason.CALL, c.enterSeq());
            case "LX_DXCREATEPAGINGQUEUE" -> {
                DxgObject q = create(ObjectType.PAGING_QUEUE, p, c.u32Out("paging_queue"),
                        needed(c, p, c.u32In("device"), "device"), c);
                queueFence(c, p, q, c.u32Out("sync_object"), SyncObject.Kind.PAGING_FENCE,
                        c.u64Out("fence_cpu_virtual_address"));
            }
            case "LX_DXDESTROYPAGINGQUEUE" -> destroy(needed(c, p, c.u32In("paging_queue"), "paging queue"),
                    c.leaveSeq(), DestroyReason.CALL, c.enterSeq());
            case "LX_DXCREATEALLOCATION" -> createAllocation(c, p);
            case "LX_DXDESTROYALLOCATION2" -> destroyAllocations(c, p);
            case "LX_DXCREATESYNCHRONIZATIONOBJECT" -> createSyncObject(c, p);
            case "LX_DXDESTROYSYNCHRONIZATIONOBJECT" -> destroy(needed(c, p, c.u32In("sync_object"), "sync object"),
                    c.leaveSeq(), DestroyReason.CALL, c.enterSeq());
            case "LX_DXSHAREOBJECTS" -> share(c, p);
            case "LX_DXOPENRESOURCEFROMNTHANDLE" -> openResource(c, p);
            case "LX_DXOPENSYNCOBJECTFROMNTHANDLE2" -> openSyncObject(c, p);
            default -> {
            }
        }
    }

    private CapturedAdapter adapter(long luid, long seq) {
        return adapters.computeIfAbsent(luid, l -> new CapturedAdapter(l, seq));
    }

    private void enumAdapters(IoctlCall c, DxgProcess p) {
        IoctlCall.Buffer list = c.buffer("adapters", true, -1, elementsBuffer);
        long count = c.is("LX_DXENUMADAPTERS3") ? c.u32Out("adapter_count") : c.u32Out("num_adapters");
        if (!list.captured() || count == IoctlCall.UNKNOWN) {
            return; /* the count query */
        }
        count = Math.min(count, c.elements(list, "d3dkmt_adapterinfo"));
        for (int i = 0; i < count; i++) {
            long handle = c.elementField(list, "d3dkmt_adapterinfo", i, "adapter_handle");
            long luid = c.elementField(list, "d3dkmt_adapterinfo", i, "adapter_luid");
            if (handle == IoctlCall.UNKNOWN) {
                break;
            }
            DxgObject a = create(ObjectType.ADAPTER, p, handle, null, c);
            if (a != null) {
                a.setLuid(luid);
                adapter(luid, c.enterSeq());
            }
        }
    }

    private void closeAdapter(IoctlCall c, DxgProcess p) {
        DxgObject a = needed(c, p, c.u32In("adapter_handle"), "adapter");
        if (a == null) {
            return;
        }
        boolean another = false;
        for (DxgObject o : p.adapterHandles.values()) {
            if (o != a && o.luid() == a.luid() && o.aliveAtEnd()) {
                another = true;
                break;
            }
        }
        if (!another) {
            /* the last handle of the process for this adapter: its devices go (rule 4) */
            for (DxgObject o : List.copyOf(p.handles.values())) {
                if (o.type() == ObjectType.DEVICE && o.luid() == a.luid()) {
                    destroy(o, c.leaveSeq(), DestroyReason.ADAPTER_CLOSED, c.enterSeq());
                }
            }
        }
        destroyOne(a, c.leaveSeq(), DestroyReason.CALL, c.enterSeq());
    }

    private void queryAdapterInfo(IoctlCall c, DxgProcess p) {
        DxgObject a = resolveAdapter(p, c.u32In("adapter"));
        if (a == null) {
            return;
        }
        long type = c.u32In("type");
        IoctlCall.Buffer data = c.buffer("private_data", true, -1, privateBuffer);
        if (!data.captured()) {
            return;
        }
        CapturedAdapter ad = adapter(a.luid(), c.enterSeq());
        if (type == ADAPTER_TYPE && data.size() >= 4) {
            ad.setType(new AdapterType((int) data.u32At(0)));
        } else if (type == DRIVER_DESCRIPTION) {
            byte[] b = data.copy();
            int end = 0;
            while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
                end += 2;
            }
            ad.setDescription(new String(b, 0, end, StandardCharsets.UTF_16LE));
        }
    }

    private void queueFence(IoctlCall c, DxgProcess p, DxgObject queue, long handle, SyncObject.Kind kind,
            long cpuVa) {
        if (queue == null || handle == IoctlCall.UNKNOWN || handle == 0) {
            return;
        }
        SyncObject f = add(new SyncObject(objects.size(), ObjectType.QUEUE_FENCE, kind, p, (int) handle, queue,
                c.enterSeq(), c.name(), -1, 0));
        f.setFence(newFence());
        if (cpuVa != IoctlCall.UNKNOWN) {
            f.setCpuVa(cpuVa);
        }
        f.fence().observe(c.enterSeq(), 0, Fence.Source.INITIAL);
    }

    private Fence newFence() {
        Fence f = new Fence(fences.size());
        fences.add(f);
        return f;
    }

    private void createAllocation(IoctlCall c, DxgProcess p) {
        DxgObject device = needed(c, p, c.u32In("device"), "device");
        int flags = (int) c.u32In("flags");
        boolean createResource = Names.FlagWord.CREATE_ALLOCATION.has(flags, "create_resource");
        DxgObject resource = null;
        if (createResource) {
            resource = create(ObjectType.RESOURCE, p, c.u32Out("resource"), device, c);
            if (resource != null && Names.FlagWord.CREATE_ALLOCATION.has(flags, "create_shared")) {
                SharedObject so = new SharedObject(shared.size(), resource, c.enterSeq());
                shared.add(so);
                resource.setShared(so, false);
            }
        } else {
            long r = c.u32In("resource");
            if (r != 0 && r != IoctlCall.UNKNOWN) {
                resource = needed(c, p, r, "resource");
            }
        }
        IoctlCall.Buffer infos = c.buffer("allocation_info", true, -1, elementsBuffer);
        long count = Math.min(c.u32In("alloc_count"), c.elements(infos, "d3dddi_allocationinfo2"));
        if (count <= 0) {
            return;
        }
        long[] fromHost = replySizes.remove(c.enterSeq());
        long standardSize = -1;
        if (Names.FlagWord.CREATE_ALLOCATION.has(flags, "standard_allocation")) {
            IoctlCall.Buffer std = c.buffer("standard_allocation", false, -1, standardBuffer);
            standardSize = c.elementField(std, "d3dkmt_createstandardallocation", 0, "existing_heap_data");
        }
        DxgObject parent = resource != null ? resource : device;
        for (int i = 0; i < count; i++) {
            long handle = c.elementField(infos, "d3dddi_allocationinfo2", i, "allocation");
            if (handle == IoctlCall.UNKNOWN || handle == 0) {
                continue;
            }
            Allocation a = add(new Allocation(objects.size(), p, (int) handle, parent, c.enterSeq(), c.name(), i));
            a.setFlags(flags);
            if (fromHost != null && i < fromHost.length && fromHost[i] >= 0) {
                a.setSize(fromHost[i], Allocation.Source.VMBUS_REPLY);
            }
            if (standardSize != IoctlCall.UNKNOWN && standardSize >= 0) {
                a.setSize(standardSize, Allocation.Source.STANDARD_ALLOCATION);
                a.setSegmentGroup(1, Allocation.Source.STANDARD_ALLOCATION);
            }
            simPrivateData(c.buffer("priv_drv_data", false, i, privateBuffer), a);
        }
    }

    /**
     * dxgsim's allocation private data (include/dxgscope/dxgsim.h: u32 magic, u32 segment group, u64
     * size): the simulated vendor's own format, decoded the way a vendor plugin would decode its
     * driver's. Allocations of other drivers keep an unknown segment group.
     */
    private static void simPrivateData(IoctlCall.Buffer priv, Allocation a) {
        if (priv.size() < 16 || (int) priv.u32At(0) != SIM_ALLOC_MAGIC) {
            return;
        }
        int group = (int) priv.u32At(4);
        long size = priv.u64At(8);
        a.setSegmentGroup(group, Allocation.Source.SIM_PRIVATE_DATA);
        a.setSize(size, Allocation.Source.SIM_PRIVATE_DATA);
    }

    private void destroyAllocations(IoctlCall c, DxgProcess p) {
        long r = c.u32In("resource");
        if (r != 0 && r != IoctlCall.UNKNOWN) {
            destroy(needed(c, p, r, "resource"), c.leaveSeq(), DestroyReason.CALL, c.enterSeq());
        }
        IoctlCall.Buffer handles = c.buffer("allocations", false, -1, handlesBuffer);
        for (int i = 0; i < handles.u32Count(); i++) {
            destroy(needed(c, p, Integer.toUnsignedLong(handles.u32(i)), "allocation"), c.leaveSeq(),
                    DestroyReason.CALL, c.enterSeq());
        }
    }

    private void createSyncObject(IoctlCall c, DxgProcess p) {
        String info = "d3dddi_synchronizationobjectinfo2";
        DxgObject device = needed(c, p, c.u32In("device"), "device");
        long type = c.nested(false, "info", info, "type", 4);
        long flags = c.nested(false, "info", info, "flags", 4);
        long handle = c.u32Out("sync_object");
        if (handle == IoctlCall.UNKNOWN || handle == 0) {
            return;
        }
        SyncObject s = add(new SyncObject(objects.size(), ObjectType.SYNC_OBJECT, SyncObject.Kind.SYNC_OBJECT, p,
                (int) handle, device, c.enterSeq(), c.name(), (int) type, (int) flags));
        s.setFence(newFence());
        long va = c.nested(true, "info", info, "monitored_fence.fence_cpu_virtual_address", 8);
        if (va != IoctlCall.UNKNOWN) {
            s.setCpuVa(va);
        }
        long initial = c.nested(false, "info", info, "monitored_fence.initial_fence_value", 8);
        if (initial != IoctlCall.UNKNOWN && (type == 5 || type == 6)) {
            s.fence().observe(c.enterSeq(), initial, Fence.Source.INITIAL);
        }
        if (Names.FlagWord.SYNC_OBJECT.has(flags, "shared")) {
            SharedObject so = new SharedObject(shared.size(), s, c.enterSeq());
            shared.add(so);
            s.setShared(so, false);
        }
    }

    private void share(IoctlCall c, DxgProcess p) {
        IoctlCall.Buffer handles = c.buffer("objects", false, -1, handlesBuffer);
        IoctlCall.Buffer fds = c.buffer("shared_handle", true, -1, fdBuffer);
        if (handles.u32Count() == 0 || fds.u64Count() == 0) {
            return;
        }
        int fd = (int) fds.u64(0);
        DxgObject o = needed(c, p, Integer.toUnsignedLong(handles.u32(0)), "object");
        if (o == null) {
            return;
        }
        SharedObject so = o.shared();
        if (so == null) {
            so = new SharedObject(shared.size(), o, c.enterSeq());
            shared.add(so);
            o.setShared(so, false);
            diagnostics.accept(new Diagnostic(Severity.INFO, c.leaveOffset(), c.leaveSeq(),
                    o.describe() + " was shared but not created with the shared flag"));
        }
        closeUnseen(p, fd, c.leaveSeq());
        FdRef ref = new FdRef(p, fd, FdRef.Origin.SHARE, null, null, so, c.leaveSeq());
        so.addFd(ref);
        p.addFd(ref);
    }

    private SharedObject sharedByFd(IoctlCall c, DxgProcess p, long fd) {
        FdRef ref = fd == IoctlCall.UNKNOWN ? null : p.fds.get((int) fd);
        if (ref == null || ref.shared() == null) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, c.leaveOffset(), c.leaveSeq(), c.name() + " #"
                    + c.enterSeq() + " opened fd " + fd + " of pid " + p.pid()
                    + ", which the capture does not know as a shared object"));
            return null;
        }
        return ref.shared();
    }

    private void openResource(IoctlCall c, DxgProcess p) {
        DxgObject device = needed(c, p, c.u32In("device"), "device");
        SharedObject so = sharedByFd(c, p, c.u64In("nt_handle"));
        DxgObject resource = create(ObjectType.RESOURCE, p, c.u32Out("resource"), device, c);
        if (resource == null) {
            return;
        }
        if (so != null) {
            resource.setShared(so, true);
            so.addOpener(resource);
        }
        IoctlCall.Buffer infos = c.buffer("open_alloc_info", true, -1, elementsBuffer);
        long count = Math.min(c.u32In("allocation_count"), c.elements(infos, "d3dddi_openallocationinfo2"));
        List<DxgObject> originals = so == null ? List.of() : so.creator().children();
        for (int i = 0; i < count; i++) {
            long handle = c.elementField(infos, "d3dddi_openallocationinfo2", i, "allocation");
            if (handle == IoctlCall.UNKNOWN || handle == 0) {
                continue;
            }
            Allocation a = add(new Allocation(objects.size(), p, (int) handle, resource, c.enterSeq(), c.name(), i));
            if (i < originals.size() && originals.get(i) instanceof Allocation o) {
                a.setFlags(o.flags());
                if (o.size() >= 0) {
                    a.setSize(o.size(), Allocation.Source.SHARED_RESOURCE);
                }
                if (o.segmentGroup() >= 0) {
                    a.setSegmentGroup(o.segmentGroup(), Allocation.Source.SHARED_RESOURCE);
                }
            }
        }
    }

    private void openSyncObject(IoctlCall c, DxgProcess p) {
        DxgObject device = needed(c, p, c.u32In("device"), "device");
        SharedObject so = sharedByFd(c, p, c.u64In("nt_handle"));
        long handle = c.u32Out("sync_object");
        if (handle == IoctlCall.UNKNOWN || handle == 0) {
            return;
        }
        SyncObject creator = so != null && so.creator() instanceof SyncObject s ? s : null;
        SyncObject o = openedSyncObject(c, p, handle, device, creator, -1,
                c.u64Out("monitored_fence.fence_value_cpu_va"));
        if (so != null) {
            o.setShared(so, true);
            so.addOpener(o);
        }
    }

    /**
     * LX_DXOPENSYNCOBJECTFROMSYNCFILE: a new handle on the fence the sync file was made from, so
     * waits and signals through it land on that fence ({@code source} null: the capture did not
     * see the sync file made, and the handle gets a fence of its own).
     */
    void openFromSyncFile(IoctlCall c, DxgProcess p, SyncObject source) {
        DxgObject device = needed(c, p, c.u32In("device"), "device");
        long handle = c.u32Out("syncobj");
        if (handle != IoctlCall.UNKNOWN && handle != 0) {
            openedSyncObject(c, p, handle, device, source, MONITORED_FENCE, c.u64Out("fence_value_cpu_va"));
        }
    }

    /**
     * A handle opened on an existing sync object: the same type, flags and fence as {@code from},
     * or ({@code from} unknown to the capture) type {@code typeIfUnknown} and a fence of its own.
     */
    private SyncObject openedSyncObject(IoctlCall c, DxgProcess p, long handle, DxgObject device, SyncObject from,
            int typeIfUnknown, long cpuVa) {
        SyncObject o = add(new SyncObject(objects.size(), ObjectType.SYNC_OBJECT, SyncObject.Kind.SYNC_OBJECT, p,
                (int) handle, device, c.enterSeq(), c.name(), from != null ? from.syncType() : typeIfUnknown,
                from != null ? from.flags() : 0));
        o.setFence(from != null ? from.fence() : newFence());
        if (cpuVa != IoctlCall.UNKNOWN) {
            o.setCpuVa(cpuVa);
        }
        return o;
    }

    void trim() {
        for (IoctlCall.Buffer view : List.of(elementsBuffer, standardBuffer, privateBuffer, handlesBuffer, fdBuffer)) {
            view.clear(); /* the model keeps this tracker, not the reader's window (first: copies below may fail) */
        }
        objects.trimToSize();
        processes.forEach(DxgProcess::trim);
        createdSeqs = java.util.Arrays.copyOf(createdSeqs, objects.size());
        destroyedSeqs = java.util.Arrays.copyOf(destroyedSeqs, objects.size());
    }

    /** Remembers the host's allocation sizes for the call that caused a CREATEALLOCATION reply. */
    void hostAllocationSizes(long cause, long[] sizes) {
        replySizes.put(cause, sizes);
    }

    /** Objects of a process by handle value, for sync-object lookups by fence page address. */
    SyncObject fenceByVa(DxgProcess p, long va) {
        for (DxgObject o : p.handles.values()) {
            if (o instanceof SyncObject s && s.cpuVa() == va) {
                return s;
            }
        }
        return null;
    }
}
