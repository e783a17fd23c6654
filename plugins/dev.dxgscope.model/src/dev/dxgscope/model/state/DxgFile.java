package dev.dxgscope.model.state;

/**
 * One open of /dev/dxg (an open file description): descriptors in several processes may refer to
 * it (dup, fork, SCM_RIGHTS); the driver releases the opener's dxg process when the last
 * descriptor of the opener's last file goes.
 */
public final class DxgFile {
    private final DxgProcess opener;
    private final long openedSeq;
    private int references;
    private long releasedSeq = DxgObject.ALIVE;

    DxgFile(DxgProcess opener, long openedSeq) {
        this.opener = opener;
        this.openedSeq = openedSeq;
    }

    public DxgProcess opener() {
        return opener;
    }

    public long openedSeq() {
        return openedSeq;
    }

    /** When the last descriptor went, or ALIVE. */
    public long releasedSeq() {
        return releasedSeq;
    }

    void reference() {
        references++;
    }

    /** Drops one descriptor; true when it was the last. */
    boolean release(long seq) {
        if (--references <= 0 && releasedSeq == DxgObject.ALIVE) {
            releasedSeq = seq;
            return true;
        }
        return false;
    }
}
