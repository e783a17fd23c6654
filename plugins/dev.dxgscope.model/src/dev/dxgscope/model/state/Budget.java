package dev.dxgscope.model.state;

/**
 * A video-memory budget observation (QueryVideoMemoryInfo in the capture, or a device sample).
 *
 * @param pid the process it is about
 * @param segmentGroup 0 LOCAL, 1 NON_LOCAL
 * @param source where it came from ("LX_DXQUERYVIDEOMEMORYINFO", "device sample")
 */
public record Budget(long seq, int pid, long luid, int segmentGroup, long budget, long currentUsage,
        String source) {
}
