package dev.dxgscope.model.state;

/** Calls of one ioctl: how many, how many failed, and the time spent in them. */
public final class CallStats {
    private final String name;
    private long calls;
    private long failed;
    private long totalNs;
    private long maxNs;

    CallStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public long calls() {
        return calls;
    }

    public long failed() {
        return failed;
    }

    /** Time between enter and leave, summed. */
    public long totalNs() {
        return totalNs;
    }

    public long maxNs() {
        return maxNs;
    }

    void add(boolean failedCall, long ns) {
        calls++;
        if (failedCall) {
            failed++;
        }
        totalNs += ns;
        maxNs = Math.max(maxNs, ns);
    }
}
