package dev.dxgscope.model.state;

/**
 * A video-memory budget observation (QueryVideoMemoryInfo in the capture, or a device sample).
 *
 * @param pid the process that asked (QueryVideoMemoryInfo answers for its caller only)
 * @param process the capture's process that had {@code pid} then, or null when it has none (a
 *     sampler outside the capture); a pid is used again after its process exits
 * @param segmentGroup 0 LOCAL, 1 NON_LOCAL
 * @param source where it came from ("LX_DXQUERYVIDEOMEMORYINFO", {@value #DEVICE_SAMPLE})
 */
public record Budget(long seq, int pid, DxgProcess process, long luid, int segmentGroup, long budget,
        long currentUsage, String source) {
    public static final String DEVICE_SAMPLE = "device sample";

    /**
     * Whether this device sample reports {@code query}: the sampler's own QueryVideoMemoryInfo
     * (under the probe, {@code dxgcap snapshot}'s worker is a process of the capture), same
     * process, adapter, segment group and answer.
     */
    boolean reports(Budget query) {
        return DEVICE_SAMPLE.equals(source) && !DEVICE_SAMPLE.equals(query.source) && query.pid == pid
                && query.process == process && query.luid == luid && query.segmentGroup == segmentGroup
                && query.budget == budget && query.currentUsage == currentUsage;
    }

    /**
     * Whether it is a budget for {@code pid}'s line on adapter {@code luid}, segment group
     * {@code group}: the process's own, or a device sample's. A {@code dxgcap snapshot} can only
     * ask for its own budget, and the host's budget for one guest process is the nearest fact the
     * capture has about the others on that adapter.
     */
    public boolean appliesTo(int pid, long luid, int group) {
        return (this.pid == pid || DEVICE_SAMPLE.equals(source)) && (this.luid == luid || this.luid == 0 || luid == 0)
                && (segmentGroup == group || group < 0);
    }
}
