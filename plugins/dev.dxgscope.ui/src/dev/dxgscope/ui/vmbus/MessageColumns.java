package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.VmbusExpert;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusTable;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.AbstractList;
import java.util.List;

/** The message list's columns as text: the table and its CSV export show the same. */
final class MessageColumns {
    static final List<String> TITLES = List.of("No.", "Time", "PID", "Channel", "Direction", "Command", "Status",
            "Size", "Latency", "Cause", "Expert");
    static final int[] WIDTHS = {64, 100, 60, 146, 76, 226, 236, 56, 80, 64, 130};
    static final List<String> CSV = List.of("no", "seq", "time_s", "pid", "channel", "luid", "direction", "command",
            "status", "size", "latency_ns", "cause_seq", "transaction", "expert");
    static final String TOOLTIP = "Expert flags: error (failing NTSTATUS or dropped), slow (reply above its"
            + " command's p99 with at least " + VmbusExpert.MIN_SAMPLES + " replies, or above "
            + VmbusExpert.SLOW_NS / 1_000_000 + " ms), unanswered, dropped, async, reconstructed";

    private MessageColumns() {
    }

    /** The cells of message i. */
    static String[] row(CaptureModel m, VmbusExpert x, int i) {
        VmbusTable t = m.vmbus();
        return new String[] {
            String.valueOf(i + 1),
            Formats.time(m, t.seq(i)),
            t.pid(i) == 0 ? "" : String.valueOf(t.pid(i)),
            channel(t, i),
            direction(t.direction(i)),
            t.commandName(i),
            status(t, i),
            String.valueOf(t.messageSize(i)),
            t.pair(i) < 0 ? "" : Format.duration(t.latencyNs(i)),
            t.cause(i) == 0 ? "" : "#" + t.cause(i),
            VmbusExpert.names(x.flags(i))};
    }

    /** The CSV cells of message i (exact numbers, no units). */
    static List<String> csv(CaptureModel m, VmbusExpert x, int i) {
        VmbusTable t = m.vmbus();
        long since = m.timeline().sinceStart(t.seq(i));
        return List.of(String.valueOf(i + 1), String.valueOf(t.seq(i)), Format.seconds(since),
                String.valueOf(t.pid(i)), t.channel(i) == 0 ? "global" : "adapter", luid(t.luid(i)),
                direction(t.direction(i)), t.commandName(i), status(t, i), String.valueOf(t.messageSize(i)),
                t.pair(i) < 0 ? "" : String.valueOf(t.latencyNs(i)), t.cause(i) == 0 ? "" : String.valueOf(t.cause(i)),
                String.valueOf(t.transaction(i)), VmbusExpert.names(x.flags(i)));
    }

    /** The rows shown, for "Export CSV…": read one at a time, so a million rows cost no memory. */
    static CsvSource csvSource(CaptureSession s, int[] rows, VmbusExpert x) {
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return CSV;
            }

            @Override
            public List<List<String>> rows() {
                return new AbstractList<>() {
                    @Override
                    public List<String> get(int k) {
                        return s.read((CaptureModel m) -> csv(m, x, rows[k]));
                    }

                    @Override
                    public int size() {
                        return s == null || x == null ? 0 : rows.length;
                    }
                };
            }
        };
    }

    /** "global", or "adapter" and the low part of its LUID (what tells adapters apart in practice). */
    static String channel(VmbusTable t, int i) {
        return t.channel(i) == 0 ? "global" : String.format("adapter 0x%08x", t.luid(i) & 0xffffffffL);
    }

    static String luid(long luid) {
        return luid == 0 ? "" : String.format("0x%08x:0x%08x", luid >>> 32, luid & 0xffffffffL);
    }

    static String direction(int d) {
        return switch (d) {
            case VmbusTable.REQUEST -> "request";
            case VmbusTable.REPLY -> "reply";
            case VmbusTable.HOST_MESSAGE -> "host";
            default -> "?";
        };
    }

    /** Replies have a status; requests and host messages none. */
    static String status(VmbusTable t, int i) {
        if ((t.flags(i) & 4) != 0) {
            return "dropped";
        }
        return t.direction(i) == VmbusTable.REPLY ? Names.ntstatus(t.status(i)) : "";
    }
}
