package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An NT-shared resource or sync object (the driver's dxgsharedresource / dxgsharedsyncobject):
 * created with its first object, referenced by every fd that names it and every object opened
 * from it; it dies with its last reference.
 */
public final class SharedObject {
    private final int id;
    private final DxgObject creator;
    private final long createdSeq;
    private final List<FdRef> fds = new ArrayList<>();
    private final List<DxgObject> openers = new ArrayList<>();
    private long destroyedSeq = DxgObject.ALIVE;
    private Object lastReference;

    SharedObject(int id, DxgObject creator, long createdSeq) {
        this.id = id;
        this.creator = creator;
        this.createdSeq = createdSeq;
    }

    public int id() {
        return id;
    }

    /** The object created as shared (a resource or sync object). */
    public DxgObject creator() {
        return creator;
    }

    public ObjectType type() {
        return creator.type();
    }

    public long createdSeq() {
        return createdSeq;
    }

    /** Every descriptor that ever named it (in any process). */
    public List<FdRef> fds() {
        return Collections.unmodifiableList(fds);
    }

    /** Every object opened from it (in other processes, usually). */
    public List<DxgObject> openers() {
        return Collections.unmodifiableList(openers);
    }

    public long destroyedSeq() {
        return destroyedSeq;
    }

    public boolean aliveAt(long seq) {
        return createdSeq <= seq && seq < destroyedSeq;
    }

    /** The reference whose release destroyed it (an {@link FdRef} or {@link DxgObject}), or null. */
    public Object lastReference() {
        return lastReference;
    }

    /** References (creator, opened objects, fds) alive at a seq: what keeps it alive then. */
    public List<Object> referencesAt(long seq) {
        List<Object> refs = new ArrayList<>();
        if (creator.aliveAt(seq)) {
            refs.add(creator);
        }
        for (DxgObject o : openers) {
            if (o.aliveAt(seq)) {
                refs.add(o);
            }
        }
        for (FdRef f : fds) {
            if (f.openAt(seq)) {
                refs.add(f);
            }
        }
        return refs;
    }

    /** "shared resource #1 (created by resource 0x… of pid 42)". */
    public String describe() {
        return "shared " + creator.type().label() + " #" + id + " (" + creator.describe() + ")";
    }

    void addFd(FdRef fd) {
        fds.add(fd);
    }

    void addOpener(DxgObject o) {
        openers.add(o);
    }

    /** Called when a reference goes; destroys it when none is left. Returns true when it died. */
    boolean release(long seq, Object reference) {
        if (destroyedSeq != DxgObject.ALIVE) {
            return false;
        }
        if (creator.destroyedSeq() <= seq && openers.stream().noneMatch(o -> o.destroyedSeq() > seq)
                && fds.stream().noneMatch(f -> f.closedSeq() > seq)) {
            destroyedSeq = seq;
            lastReference = reference;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return describe();
    }
}
