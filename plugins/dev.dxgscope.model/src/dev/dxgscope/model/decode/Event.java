package dev.dxgscope.model.decode;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A decoded capture record, delivered in seq order. Buffers inside an event ({@link Vmbus#message},
 * the leave side of an {@link IoctlCall}) may be views of the reader's window: valid while the
 * event is being handled, to be copied by whoever keeps them.
 */
public sealed interface Event {
    long seq();

    long ts();

    int pid();

    int tid();

    /** File offset of the record. */
    long offset();

    /** The SESSION record's key=value facts. */
    record Session(long seq, long ts, int pid, int tid, long offset, Map<String, String> facts) implements Event {
    }

    /** A thread entered an ioctl; the call has its "in" side only. */
    record IoctlEnter(long seq, long ts, int pid, int tid, long offset, IoctlCall call) implements Event {
    }

    /** The call returned (the same {@link IoctlCall} object as its enter, now complete). */
    record IoctlLeave(long seq, long ts, int pid, int tid, long offset, IoctlCall call) implements Event {
    }

    enum FdOp {
        OPEN, CLOSE, DUP, SEND, RECEIVE, SEND_FAILED, UNKNOWN;

        static FdOp of(int op) {
            return op >= 1 && op <= 6 ? values()[op - 1] : UNKNOWN;
        }
    }

    /**
     * A file-descriptor event on a dxg file: open (path in {@code texts}), close, dup ({@code other}
     * is the old fd), send/receive over the socket {@code fd} ({@code fds} the numbers moved, and in
     * {@code texts} what each refers to). A send is recorded before its call, so that its receive
     * cannot come first; SEND_FAILED follows a send whose call failed (nothing was moved).
     */
    record Fd(long seq, long ts, int pid, int tid, long offset, FdOp op, int fd, int other, int[] fds,
            List<String> texts) implements Event {
    }

    /** dxg-backed memory unmapped (or mapped) by the target; {@code what}: 0 fd mapping, 1 fence page, 2 Lock2. */
    record Mmap(long seq, long ts, int pid, int tid, long offset, int op, int fd, long address, long length, int prot,
            int what) implements Event {
    }

    /** A PROCESS record's op; REAPED: the process's wait returned child {@code other}'s status. */
    enum ProcessOp {
        START, FORK, EXEC, EXIT, VANISHED, REAPED, UNKNOWN;

        static ProcessOp of(int op) {
            return op >= 1 && op <= 6 ? values()[op - 1] : UNKNOWN;
        }
    }

    /**
     * Process lifetime. {@code other}: parent pid (start) or child pid (fork, reaped). {@code status}:
     * exit code, minus a signal, or {@link Integer#MIN_VALUE} when unknown. {@code byCollector}: the
     * collector reaped it (its status is the real wait status).
     */
    record Process(long seq, long ts, int pid, int tid, long offset, ProcessOp op, int other, int status,
            List<String> args, boolean byCollector) implements Event {
    }

    /** Fence values the probe read from mapped fence pages: parallel arrays, one entry per fence. */
    record FenceSample(long seq, long ts, int pid, int tid, long offset, int[] handles, int[] kinds, long[] cpuVas,
            long[] values) implements Event {
    }

    /** An answer of `dxgcap snapshot`; {@code body} is the kind-specific rest (FORMAT.md kind 41). */
    record DeviceSample(long seq, long ts, int pid, int tid, long offset, int kind, int errno, long luid,
            ByteBuffer body) implements Event {
        /** The same sample with a body of its own, to keep after the event is handled. */
        public DeviceSample kept() {
            ByteBuffer copy = ByteBuffer.allocate(body.remaining()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            copy.put(body.duplicate()).flip();
            return new DeviceSample(seq, ts, pid, tid, offset, kind, errno, luid, copy);
        }
    }

    /** One VMBus message (FORMAT.md kind 50); {@code message} is the message bytes. */
    record Vmbus(long seq, long ts, int pid, int tid, long offset, int channel, int direction, long luid, long cause,
            long transaction, int flags, int status, int command, ByteBuffer message) implements Event {
        public static final int REQUEST = 1;
        public static final int REPLY = 2;
        public static final int HOST_MESSAGE = 3;
        public static final int FLAG_RECONSTRUCTED = 1;
        public static final int FLAG_ASYNC = 2;
        public static final int FLAG_DROPPED = 4;

        public String commandName() {
            return Names.vmbusCommand(direction, command);
        }
    }

    /** A dmesg-style line; {@code cause} is the seq of the ioctl enter that caused it, 0 when unknown. */
    record Log(long seq, long ts, int pid, int tid, long offset, int level, long cause, String line) implements Event {
    }

    record Marker(long seq, long ts, int pid, int tid, long offset, String text) implements Event {
    }

    /** Events that were dropped before reaching the file. */
    record Lost(long seq, long ts, int pid, int tid, long offset, long events, long bytes, int reason)
            implements Event {
        public String reasonText() {
            return switch (reason) {
                case 1 -> "the per-thread buffer stayed full longer than the blocking bound";
                case 2 -> "the collector was gone";
                case 3 -> "no free per-thread buffer";
                case 4 -> "the capture size limit was reached";
                default -> "reason " + reason;
            };
        }
    }

    /** The collector finished. {@code exitStatus} as in {@link Process}. */
    record End(long seq, long ts, int pid, int tid, long offset, int reason, int exitStatus, long eventsLost)
            implements Event {
        public String reasonText() {
            return reasonText(reason);
        }

        /** "size limit" for an END reason code (FORMAT.md). */
        public static String reasonText(int reason) {
            return switch (reason) {
                case 1 -> "target exited";
                case 2 -> "size limit";
                case 3 -> "time limit";
                case 4 -> "collector interrupted";
                case 5 -> "write error";
                default -> "reason " + reason;
            };
        }

        /** Whether the collector stopped writing on purpose before the END (a limit, an interrupt). */
        public static boolean stoppedEarly(int reason) {
            return reason >= 2 && reason <= 4;
        }
    }
}
