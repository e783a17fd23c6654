package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.VmbusTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expert flags of VMBus messages (a protocol analyser's "expert info"): what deserves a look before
 * reading every message. A reply is an <b>error</b> when its NTSTATUS is an error, and <b>slow</b>
 * when it took longer than {@link #SLOW_NS} or longer than its command's p99 (for commands with at
 * least {@link #MIN_SAMPLES} replies, so a handful of messages flags nothing); a request is
 * <b>unanswered</b> when no reply came (yet), <b>dropped</b> when it was never delivered (an error
 * too), <b>async</b> when no reply is expected; <b>reconstructed</b> messages were rebuilt from an
 * ioctl, not observed. Cost: one pass plus sorting each command's latencies.
 */
public final class VmbusExpert {
    public static final int ERROR = 1;
    public static final int SLOW = 2;
    public static final int UNANSWERED = 4;
    public static final int DROPPED = 8;
    public static final int ASYNC = 16;
    public static final int RECONSTRUCTED = 32;
    /** Flag names in bit order (the filter language and the list use them). */
    public static final List<String> NAMES = List.of("error", "slow", "unanswered", "dropped", "async",
            "reconstructed");
    /** A reply slower than this is slow whatever its command's distribution. */
    public static final long SLOW_NS = 10_000_000;
    /** Replies a command needs before its p99 counts. */
    public static final int MIN_SAMPLES = 100;

    private final byte[] flags;
    private final Map<Integer, Long> p99;

    private VmbusExpert(byte[] flags, Map<Integer, Long> p99) {
        this.flags = flags;
        this.p99 = p99;
    }

    /** The flags of every message of the table as it is now. */
    public static VmbusExpert of(VmbusTable t) {
        int n = t.size();
        Map<Integer, long[]> lat = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (t.direction(i) == VmbusTable.REPLY && t.pair(i) >= 0) {
                int k = counts.merge(t.command(i), 1, Integer::sum) - 1;
                long[] a = lat.computeIfAbsent(t.command(i), c -> new long[16]);
                if (k == a.length) {
                    a = Arrays.copyOf(a, a.length * 2);
                    lat.put(t.command(i), a);
                }
                a[k] = t.latencyNs(i);
            }
        }
        Map<Integer, Long> p99 = new HashMap<>();
        lat.forEach((command, a) -> {
            int count = counts.get(command);
            if (count >= MIN_SAMPLES) {
                long[] v = Arrays.copyOf(a, count);
                Arrays.sort(v);
                p99.put(command, VmbusStats.rank(v, 99)); /* the p99 the statistics show */
            }
        });
        byte[] f = new byte[n];
        for (int i = 0; i < n; i++) {
            f[i] = (byte) compute(t, i, p99);
        }
        return new VmbusExpert(f, p99);
    }

    private static int compute(VmbusTable t, int i, Map<Integer, Long> p99) {
        int f = 0;
        if (t.failed(i)) {
            f |= ERROR;
        }
        if (t.direction(i) == VmbusTable.REPLY && t.pair(i) >= 0) {
            long l = t.latencyNs(i);
            Long limit = p99.get(t.command(i));
            if (l > SLOW_NS || (limit != null && l > limit)) {
                f |= SLOW;
            }
        }
        if (t.unanswered(i)) {
            f |= UNANSWERED;
        }
        if ((t.flags(i) & 4) != 0) {
            f |= DROPPED;
        }
        if ((t.flags(i) & 2) != 0) {
            f |= ASYNC;
        }
        if ((t.flags(i) & 1) != 0) {
            f |= RECONSTRUCTED;
        }
        return f;
    }

    /** Messages flagged (the table may have grown since: newer rows have no flags yet). */
    public int size() {
        return flags.length;
    }

    public int flags(int i) {
        return i < flags.length ? flags[i] : 0;
    }

    public boolean has(int i, int flag) {
        return (flags(i) & flag) != 0;
    }

    /** The p99 reply latency of a command, -1 when it has fewer than {@link #MIN_SAMPLES} replies. */
    public long p99(int command) {
        return p99.getOrDefault(command, -1L);
    }

    /** "error, slow"; "" for none. */
    public static String names(int flags) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < NAMES.size(); b++) {
            if ((flags & (1 << b)) != 0) {
                out.add(NAMES.get(b));
            }
        }
        return String.join(", ", out);
    }

    /** The bit of a flag name, 0 when unknown. */
    public static int bit(String name) {
        int b = NAMES.indexOf(name.toLowerCase(java.util.Locale.ROOT));
        return b < 0 ? 0 : 1 << b;
    }
}
