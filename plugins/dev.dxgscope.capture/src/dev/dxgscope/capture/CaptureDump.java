package dev.dxgscope.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical text dump of a capture, line for line what {@code dxgcap dump FILE} prints. It
 * exists so the C and Java readers can be compared on the same file.
 */
public final class CaptureDump {
    private static final HexFormat HEX = HexFormat.of();

    private CaptureDump() {
    }

    /** Dumps every record of the file into {@code out}. */
    public static void dump(CaptureFile file, Appendable out) throws IOException {
        Preamble p = file.preamble();
        out.append("capture version=" + p.version() + " state=" + p.state().name().toLowerCase() + " cut_errno="
                + p.cutErrno() + " end=" + p.endOffset() + " lost=" + p.eventsLost() + " records=" + p.records()
                + "\n");
        AbiTables abi = AbiTables.empty();
        RecordCursor c = file.records();
        int reported = 0;
        while (c.next()) {
            reported = problems(c.problems(), reported, out);
            if (c.kind() == RecordKind.ABI) {
                abi = AbiTables.parse(c.payload());
            }
            out.append(line(c, abi)).append('\n');
        }
        problems(c.problems(), reported, out);
    }

    private static int problems(List<CaptureProblem> problems, int from, Appendable out) throws IOException {
        for (int i = from; i < problems.size(); i++) {
            out.append("! ").append(problems.get(i).toString()).append('\n');
        }
        return problems.size();
    }

    /** The dump line(s) of the cursor's current record, without the final newline. */
    static String line(RecordCursor c, AbiTables abi) {
        StringBuilder s = new StringBuilder();
        s.append('@').append(c.offset()).append(" #").append(Long.toUnsignedString(c.seq())).append(" t=")
                .append(Long.toUnsignedString(c.timestampNs())).append(" pid=").append(Integer.toUnsignedString(c.pid()))
                .append(" tid=").append(Integer.toUnsignedString(c.tid())).append(' ');
        RecordKind kind = c.kind();
        s.append(kind != null ? kind.name() : "KIND_" + c.kindCode());
        ByteBuffer p = c.payload();
        int n = p.limit();
        if (kind == null) {
            s.append(" data=").append(HEX.formatHex(bytes(p, 0, n)));
            return s.toString();
        }
        switch (kind) {
            case SESSION -> s.append(' ').append(strings(p, 0));
            case ABI -> {
                List<String> parts = Payloads.strings(p, 0);
                for (int i = 0; i < parts.size(); i++) {
                    if (i % 2 == 0) {
                        s.append(' ').append(parts.get(i));
                    } else {
                        s.append(':').append(utf8Length(parts.get(i)));
                    }
                }
            }
            case END -> {
                if (n >= 16) {
                    s.append(" reason=").append(Integer.toUnsignedString(p.getInt(0))).append(word(END_REASONS, p.getInt(0)))
                            .append(" status=")
                            .append(p.getInt(4)).append(" lost=").append(Long.toUnsignedString(p.getLong(8)));
                }
            }
            case IOCTL_ENTER -> {
                if (n >= 24) {
                    int request = p.getInt(4);
                    s.append(" fd=").append(Integer.toUnsignedString(p.getInt(0))).append(" request=0x")
                            .append(String.format("%08x", request)).append(" (").append(ioctlName(abi, request))
                            .append(") arg=0x").append(Long.toHexString(p.getLong(8))).append(" blocks=")
                            .append(Integer.toUnsignedString(p.getInt(16)));
                    blocks(s, p, 24, Integer.toUnsignedLong(p.getInt(16)));
                }
            }
            case IOCTL_LEAVE -> {
                if (n >= 32) {
                    int request = p.getInt(20);
                    s.append(" enter=#").append(Long.toUnsignedString(p.getLong(0))).append(" ret=").append(p.getInt(8))
                            .append(" errno=").append(p.getInt(12)).append(" fd=")
                            .append(Integer.toUnsignedString(p.getInt(16))).append(" request=0x")
                            .append(String.format("%08x", request)).append(" (").append(ioctlName(abi, request))
                            .append(") blocks=").append(Integer.toUnsignedString(p.getInt(24)));
                    blocks(s, p, 32, Integer.toUnsignedLong(p.getInt(24)));
                }
            }
            case FD -> {
                if (n >= 16) {
                    long count = Integer.toUnsignedLong(p.getInt(12));
                    s.append(" op=").append(Integer.toUnsignedString(p.getInt(0))).append(word(FD_OPS, p.getInt(0)))
                            .append(" fd=").append(p.getInt(4)).append(" other=").append(p.getInt(8)).append(" fds=[");
                    for (long i = 0; i < count && 16 + (i + 1) * 4 <= n; i++) {
                        s.append(i > 0 ? "," : "").append(p.getInt(16 + (int) i * 4));
                    }
                    long fdsEnd = 16 + count * 4;
                    s.append("] ").append(fdsEnd < n ? strings(p, (int) fdsEnd) : "[]");
                }
            }
            case MMAP -> {
                if (n >= 32) {
                    s.append(" op=").append(Integer.toUnsignedString(p.getInt(0))).append(word(MMAP_OPS, p.getInt(0)))
                            .append(" fd=").append(p.getInt(4)).append(" address=0x").append(Long.toHexString(p.getLong(8))).append(" length=")
                            .append(Long.toUnsignedString(p.getLong(16))).append(" prot=")
                            .append(Integer.toUnsignedString(p.getInt(24))).append(" what=")
                            .append(Integer.toUnsignedString(p.getInt(28))).append(word(MEM_WHATS, p.getInt(28)));
                }
            }
            case PROCESS -> {
                if (n >= 16) {
                    s.append(" op=").append(Integer.toUnsignedString(p.getInt(0))).append(word(PROCESS_OPS, p.getInt(0)))
                            .append(" other=").append(p.getInt(4))
                            .append(" status=").append(p.getInt(8)).append(' ').append(strings(p, 16));
                }
            }
            case FENCE_SAMPLE -> {
                if (n >= 8) {
                    long count = Integer.toUnsignedLong(p.getInt(0));
                    s.append(" count=").append(count);
                    for (long i = 0; i < count && 8 + (i + 1) * 24 <= n; i++) {
                        int e = 8 + (int) i * 24;
                        s.append(" [handle=0x").append(String.format("%08x", p.getInt(e))).append(" kind=")
                                .append(Integer.toUnsignedString(p.getInt(e + 4))).append(word(FENCE_KINDS, p.getInt(e + 4)))
                                .append(" va=0x")
                                .append(Long.toHexString(p.getLong(e + 8))).append(" value=")
                                .append(Long.toUnsignedString(p.getLong(e + 16))).append(']');
                    }
                }
            }
            case VMBUS -> {
                if (n >= 48) {
                    long size = Integer.toUnsignedLong(p.getInt(44));
                    s.append(" channel=").append(Integer.toUnsignedString(p.getInt(0))).append(word(CHANNELS, p.getInt(0)))
                            .append(" direction=").append(Integer.toUnsignedString(p.getInt(4)))
                            .append(word(DIRECTIONS, p.getInt(4))).append(" luid=0x")
                            .append(Long.toHexString(p.getLong(8))).append(" cause=#")
                            .append(Long.toUnsignedString(p.getLong(16))).append(" transaction=")
                            .append(Long.toUnsignedString(p.getLong(24))).append(" flags=")
                            .append(Integer.toUnsignedString(p.getInt(32))).append(" status=0x")
                            .append(String.format("%08x", p.getInt(36))).append(" command=")
                            .append(Integer.toUnsignedString(p.getInt(40))).append(" (")
                            .append(java.util.Objects.requireNonNullElse(AbiNames.vmbusCommand(p.getInt(4), p.getInt(40)), "?")).append(") size=").append(size)
                            .append(" data=").append(HEX.formatHex(bytes(p, 48, (int) Math.min(size, n - 48))));
                }
            }
            case LOG -> {
                if (n >= 16) {
                    s.append(" level=").append(Integer.toUnsignedString(p.getInt(0))).append(" cause=#")
                            .append(Long.toUnsignedString(p.getLong(8))).append(' ')
                            .append(quote(Payloads.cString(p, 16)));
                }
            }
            case MARKER -> s.append(' ').append(quote(Payloads.cString(p, 0)));
            case LOST -> {
                if (n >= 24) {
                    s.append(" events=").append(Long.toUnsignedString(p.getLong(0))).append(" bytes=")
                            .append(Long.toUnsignedString(p.getLong(8))).append(" reason=")
                            .append(Integer.toUnsignedString(p.getInt(16))).append(word(LOST_REASONS, p.getInt(16)));
                }
            }
            case DEVICE_SAMPLE -> {
                if (n >= 16) {
                    s.append(" kind=").append(Integer.toUnsignedString(p.getInt(0))).append(word(SAMPLE_KINDS, p.getInt(0)))
                            .append(" err=").append(p.getInt(4)).append(" luid=0x")
                            .append(Long.toHexString(Integer.toUnsignedLong(p.getInt(12)) << 32
                                    | Integer.toUnsignedLong(p.getInt(8))))
                            .append(" data=").append(HEX.formatHex(bytes(p, 16, n - 16)));
                } else {
                    s.append(" data=").append(HEX.formatHex(bytes(p, 0, n)));
                }
            }
        }
        return s.toString();
    }

    /* The words dxgcap dump prints after a numbered field (native-probe/src/collector/inspect.c). */
    private static final String[] FD_OPS = {null, "open", "close", "dup", "send", "recv", "send_failed"};
    private static final String[] MMAP_OPS = {null, "map", "unmap"};
    private static final String[] MEM_WHATS = {"fd", "fence", "lock"};
    private static final String[] PROCESS_OPS = {null, "start", "fork", "exec", "exit", "vanished", "reaped"};
    private static final String[] END_REASONS = {null, "command_exited", "size_limit", "time_limit", "interrupted",
        "write_error"};
    private static final String[] LOST_REASONS = {null, "blocked", "no_collector", "no_ring", "size_limit"};
    private static final String[] FENCE_KINDS = {null, "monitored", "paging", "hwqueue"};
    private static final String[] CHANNELS = {"global", "adapter"};
    private static final String[] DIRECTIONS = {null, "request", "reply", "host_message"};
    private static final String[] SAMPLE_KINDS = {null, "adapter", "vidmem", "processes", "statistics"};

    /** " (word)" for a number of the format, " (?)" for one this build does not know. */
    private static String word(String[] words, int v) {
        return " (" + (v >= 0 && v < words.length && words[v] != null ? words[v] : "?") + ")";
    }

    private static String ioctlName(AbiTables abi, int request) {
        AbiTables.Ioctl io = abi.ioctlByCode(request);
        return io != null ? io.name() : "?";
    }

    private static void blocks(StringBuilder s, ByteBuffer p, int from, long count) {
        Payloads.Blocks blocks = Payloads.blocks(p, from, count);
        for (Payloads.Block b : blocks.blocks()) {
            s.append("\n  block role=").append(b.role()).append(" flags=").append(b.flags()).append(" buffer=")
                    .append(b.buffer()).append(" element=").append(Integer.toUnsignedString(b.element()))
                    .append(" address=0x").append(Long.toHexString(b.address())).append(" wanted=")
                    .append(Long.toUnsignedString(b.wanted())).append(" size=").append(b.data().limit()).append(" data=")
                    .append(HEX.formatHex(bytes(b.data(), 0, b.data().limit())));
        }
        if (blocks.problem() != null) {
            s.append("\n  ! ").append(blocks.problem());
        }
    }

    private static byte[] bytes(ByteBuffer p, int from, int len) {
        byte[] b = new byte[Math.max(0, len)];
        p.get(from, b);
        return b;
    }

    private static String strings(ByteBuffer p, int from) {
        StringBuilder s = new StringBuilder("[");
        int end = p.limit();
        int i = Math.min(from, end);
        boolean first = true;
        while (i < end) {
            byte[] raw = Payloads.cString(p, i);
            if (!first) {
                s.append(',');
            }
            s.append(quote(raw));
            first = false;
            i += raw.length + 1;
        }
        return s.append(']').toString();
    }

    /** Quoted as the C dump does: printable ASCII as is, \" \\ and other bytes as \xHH. */
    static String quote(byte[] raw) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : raw) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.append('"').toString();
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Dumps to a string (tests, small captures). */
    public static String dump(CaptureFile file) {
        StringBuilder s = new StringBuilder();
        try {
            dump(file, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }
}
