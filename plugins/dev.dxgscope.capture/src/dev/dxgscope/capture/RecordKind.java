package dev.dxgscope.capture;

/** The record kinds of docs/FORMAT.md, with their on-disk codes. */
public enum RecordKind {
    SESSION(1), ABI(2), END(3), IOCTL_ENTER(10), IOCTL_LEAVE(11), FD(20), MMAP(21), PROCESS(30),
    FENCE_SAMPLE(40), DEVICE_SAMPLE(41), VMBUS(50), LOG(60), MARKER(61), LOST(62);

    private static final RecordKind[] BY_CODE = new RecordKind[64];

    static {
        for (RecordKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;

    RecordKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind with this code, or null for a kind this reader does not know (it is skipped). */
    public static RecordKind of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
