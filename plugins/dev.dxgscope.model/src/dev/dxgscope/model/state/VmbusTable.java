package dev.dxgscope.model.state;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.decode.VmbusDecoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Every VMBus message of the capture as columns (about 90 bytes per message): the message list of
 * the VMBus view, request/reply pairing and latency. Message bytes stay in the file
 * ({@link #offset(int)}): {@link #message(CaptureFile, int)} reads them back, {@link VmbusDecoder}
 * decodes them.
 */
public final class VmbusTable {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int HOST_MESSAGE = 3;

    private int count;
    private long[] seq = new long[64];
    private long[] ts = new long[64];
    private long[] offset = new long[64];
    private long[] luid = new long[64];
    private long[] cause = new long[64];
    private long[] transaction = new long[64];
    private int[] pid = new int[64];
    private int[] status = new int[64];
    private int[] command = new int[64];
    private int[] size = new int[64];
    private int[] pair = new int[64];
    private byte[] channel = new byte[64];
    private byte[] direction = new byte[64];
    private byte[] flags = new byte[64];

    public int size() {
        return count;
    }

    public long seq(int i) {
        return seq[i];
    }

    public long ts(int i) {
        return ts[i];
    }

    /** File offset of the VMBUS record. */
    public long offset(int i) {
        return offset[i];
    }

    public int pid(int i) {
        return pid[i];
    }

    /** 0 global, 1 adapter. */
    public int channel(int i) {
        return channel[i];
    }

    /** 1 request, 2 reply, 3 host-to-guest message. */
    public int direction(int i) {
        return direction[i];
    }

    public long luid(int i) {
        return luid[i];
    }

    /** Enter seq of the ioctl that sent it, 0 when none. */
    public long cause(int i) {
        return cause[i];
    }

    public long transaction(int i) {
        return transaction[i];
    }

    /** 1 reconstructed, 2 async, 4 dropped. */
    public int flags(int i) {
        return flags[i];
    }

    public int status(int i) {
        return status[i];
    }

    public int command(int i) {
        return command[i];
    }

    public String commandName(int i) {
        return Names.vmbusCommand(direction[i], command[i]);
    }

    /** Message bytes. */
    public int messageSize(int i) {
        return size[i];
    }

    /** The paired request or reply, -1 when none (async, host messages, unanswered, dropped). */
    public int pair(int i) {
        return pair[i];
    }

    /** Reply time minus request time for a paired message, -1 otherwise. */
    public long latencyNs(int i) {
        int p = pair[i];
        return p < 0 ? -1 : Math.abs(ts[Math.max(i, p)] - ts[Math.min(i, p)]);
    }

    /** A request that expected a reply and got none (not async, not dropped: dropped ones never left). */
    public boolean unanswered(int i) {
        return direction[i] == REQUEST && pair[i] < 0 && (flags[i] & 2) == 0;
    }

    /** A reply with an error NTSTATUS, or a dropped request. */
    public boolean failed(int i) {
        return (direction[i] == REPLY && Names.ntError(status[i])) || (flags[i] & 4) != 0;
    }

    /** Row i as a value. */
    public VmbusMessage row(int i) {
        return new VmbusMessage(i, seq[i], ts[i], offset[i], pid[i], channel[i], direction[i], luid[i], cause[i],
                transaction[i], flags[i], status[i], command[i], size[i], pair[i], latencyNs(i));
    }

    /** Row i's message read back from the capture file (null when the record there is not whole). */
    public Event.Vmbus message(CaptureFile file, int i) throws IOException {
        return VmbusDecoder.read(file, offset[i]);
    }

    /** First message at or after a seq. */
    public int indexAtOrAfter(long s) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seq[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int add(long s, long t, long off, int p, int ch, int dir, long l, long c, long txn, int fl, int st, int cmd,
            int sz) {
        if (count == seq.length) {
            int n = count * 2;
            seq = Arrays.copyOf(seq, n);
            ts = Arrays.copyOf(ts, n);
            offset = Arrays.copyOf(offset, n);
            luid = Arrays.copyOf(luid, n);
            cause = Arrays.copyOf(cause, n);
            transaction = Arrays.copyOf(transaction, n);
            pid = Arrays.copyOf(pid, n);
            status = Arrays.copyOf(status, n);
            command = Arrays.copyOf(command, n);
            size = Arrays.copyOf(size, n);
            pair = Arrays.copyOf(pair, n);
            channel = Arrays.copyOf(channel, n);
            direction = Arrays.copyOf(direction, n);
            flags = Arrays.copyOf(flags, n);
        }
        int i = count++;
        seq[i] = s;
        ts[i] = t;
        offset[i] = off;
        pid[i] = p;
        channel[i] = (byte) ch;
        direction[i] = (byte) dir;
        luid[i] = l;
        cause[i] = c;
        transaction[i] = txn;
        flags[i] = (byte) fl;
        status[i] = st;
        command[i] = cmd;
        size[i] = sz;
        pair[i] = -1;
        return i;
    }

    void pair(int request, int reply) {
        pair[request] = reply;
        pair[reply] = request;
    }
}
