package dev.dxgscope.model.state;

/**
 * A dmesg-style line from the capture.
 *
 * @param level syslog level (3 error, 4 warning, 6 info)
 * @param cause enter seq of the ioctl that caused it, 0 when unknown
 */
public record LogLine(long seq, long ts, int pid, int level, long cause, String text) {
}
