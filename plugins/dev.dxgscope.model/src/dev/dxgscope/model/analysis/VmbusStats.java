package dev.dxgscope.model.analysis;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VMBus statistics: messages and bytes per command and channel, reply latency distribution,
 * failures, unanswered requests. Cost: one pass over the message table.
 */
public final class VmbusStats {
    /** Traffic of one command on one channel in one direction. */
    public record Row(String command, int channel, int direction, long messages, long bytes, long failures,
            long p50Ns, long p99Ns, long maxNs) {
    }

    public record Result(List<Row> rows, long messages, long bytes, long failures, long unanswered, long dropped,
            long p50Ns, long p90Ns, long p99Ns, long maxNs) {
    }

    private VmbusStats() {
    }

    public static Result of(CaptureModel m) {
        VmbusTable t = m.vmbus();
        Map<String, long[]> acc = new LinkedHashMap<>();
        Map<String, List<Long>> lat = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        long bytes = 0;
        long failures = 0;
        long unanswered = 0;
        long dropped = 0;
        for (int i = 0; i < t.size(); i++) {
            String key = t.commandName(i) + "\t" + t.channel(i) + "\t" + t.direction(i);
            long[] a = acc.computeIfAbsent(key, k -> new long[3]);
            a[0]++;
            a[1] += t.messageSize(i);
            bytes += t.messageSize(i);
            if (t.failed(i)) {
                a[2]++;
                failures++;
            }
            if (t.unanswered(i)) {
                unanswered++;
            }
            if ((t.flags(i) & 4) != 0) {
                dropped++;
            }
            if (t.direction(i) == VmbusTable.REPLY && t.pair(i) >= 0) {
                long l = t.latencyNs(i);
                String reqKey = t.commandName(i) + "\t" + t.channel(i) + "\t" + VmbusTable.REQUEST;
                lat.computeIfAbsent(reqKey, k -> new ArrayList<>()).add(l);
                all.add(l);
            }
        }
        List<Row> rows = new ArrayList<>();
        acc.forEach((k, a) -> {
            String[] p = k.split("\t");
            long[] q = quantiles(lat.getOrDefault(k, List.of()));
            rows.add(new Row(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), a[0], a[1], a[2], q[0], q[2],
                    q[3]));
        });
        rows.sort(Comparator.comparingLong((Row r) -> -r.messages()).thenComparing(Row::command));
        long[] q = quantiles(all);
        return new Result(rows, t.size(), bytes, failures, unanswered, dropped, q[0], q[1], q[2], q[3]);
    }

    /**
     * p50, p90, p99, max by nearest rank (the smallest value with at least that share of the values
     * at or below it), so a small sample's p99 is its maximum, never a lower pick that hides the
     * tail; -1 each when empty.
     */
    static long[] quantiles(List<Long> values) {
        if (values.isEmpty()) {
            return new long[] {-1, -1, -1, -1};
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return new long[] {rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1]};
    }

    /** The nearest-rank {@code percent} percentile of ascending values (at least one). */
    static long rank(long[] sorted, int percent) {
        long n = sorted.length;
        return sorted[(int) ((n * percent + 99) / 100) - 1]; /* ceil(n * percent / 100), 1-based */
    }
}
