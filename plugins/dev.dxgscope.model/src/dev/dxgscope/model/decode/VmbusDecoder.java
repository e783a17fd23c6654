package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.decode.VmbusArrays.Array;
import dev.dxgscope.model.decode.VmbusField.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one VMBus message into a {@link VmbusField} tree, the way a protocol analyser dissects a
 * packet: extension header, command header, command struct (or the reply struct), the variable
 * arrays that follow, and whatever is left as "unparsed bytes". Every offset comes from the
 * capture's own ABI tables, so a capture decodes with the layouts it was recorded with; bytes no
 * table describes show up as such instead of being guessed. A damaged or unknown message gives a
 * partial tree with a note saying what is wrong; decoding never throws.
 */
public final class VmbusDecoder {
    /** An array shows at most this many element nodes; the rest is one node (the hex view shows all bytes). */
    static final int MAX_ELEMENTS = 4096;

    private final AbiTables abi;
    private final Event.Vmbus message;
    private final Event.Vmbus request;
    private final ByteBuffer b;
    private final int length;
    /** Per-element values of struct arrays ("allocation_info.priv_drv_data_size"), for sums over them. */
    private final Map<String, long[]> elementValues = new HashMap<>();
    private int covered;

    private VmbusDecoder(AbiTables abi, Event.Vmbus message, Event.Vmbus request) {
        this.abi = abi;
        this.message = message;
        this.request = request;
        this.b = copy(message.message());
        this.length = b.limit();
    }

    /**
     * Decodes a message. {@code request} is the request a reply answers (from request/reply
     * pairing), or null: a CREATEALLOCATION reply takes its allocation count from it.
     */
    public static VmbusField decode(AbiTables abi, Event.Vmbus message, Event.Vmbus request) {
        return new VmbusDecoder(abi, message, request).run();
    }

    /** The VMBus message recorded at a file offset, or null when there is no whole VMBUS record there. */
    public static Event.Vmbus read(CaptureFile file, long offset) throws IOException {
        return EventDecoder.vmbus(file.readAt(offset));
    }

    private static ByteBuffer copy(ByteBuffer message) {
        ByteBuffer m = message.duplicate();
        byte[] bytes = new byte[m.remaining()];
        m.get(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private VmbusField run() {
        Node root = new Node(message.commandName() + " " + Names.vmbusDirection(message.direction()), 0, length, "",
                length + " bytes on the " + (message.channel() == 0 ? "global" : "adapter") + " channel",
                Kind.MESSAGE);
        try {
            if (message.direction() == Event.Vmbus.REPLY) {
                reply(root);
            } else {
                request(root);
            }
        } catch (RuntimeException e) {
            root.add(problem(covered, "decoding stopped: " + e));
        }
        if (covered < length) {
            root.add(cover(new Node("unparsed bytes", covered, length - covered, VmbusValues.raw(b, covered,
                    length - covered), (length - covered) + " bytes no layout explains", Kind.UNPARSED)));
        }
        return root.freeze();
    }

    private void request(Node root) {
        int command = message.command();
        int base = VmbusLayout.commandBase(abi, b, message.direction(), command);
        if (base > 0) {
            AbiTables.Struct ext = abi.vmbusStruct("dxgvmb_ext_header");
            root.add(ext != null ? struct("extension header", "dxgvmb_ext_header", ext, 0, 0)
                    : undescribed(0, Math.min(base, length)));
        }
        String header = message.direction() == Event.Vmbus.HOST_MESSAGE ? "dxgkvmb_command_host_to_vm"
                : command >= 1000 ? "dxgkvmb_command_vm_to_host" : "dxgkvmb_command_vgpu_to_host";
        AbiTables.Struct hdr = abi.vmbusStruct(header);
        if (hdr == null) {
            root.add(problem(base, "the capture's ABI has no " + header + " (no ABI record?)"));
            return;
        }
        root.add(struct("command header", header, hdr, base, 0));
        String name = VmbusLayout.structName(abi, message.direction(), command);
        if (name == null) {
            root.add(problem(base + hdr.size(), message.commandName().startsWith("command ")
                    ? "unknown command type " + command + ": no layout to decode it with"
                    : "the capture's ABI has no layout for " + message.commandName()));
            return;
        }
        if (base + hdr.size() <= length) {
            root.add(struct("command", name, abi.vmbusStruct(name), base, hdr.size()));
        }
    }

    private void reply(Node root) {
        if (VmbusLayout.replyEchoesRequest(message.command())) {
            String request = VmbusLayout.structName(abi, Event.Vmbus.REQUEST, message.command());
            AbiTables.Struct hdr = abi.vmbusStruct("dxgkvmb_command_vgpu_to_host");
            if (request != null && hdr != null && length >= hdr.size()) {
                /* the request's buffer came back: its header, then the command with its outputs set */
                root.add(struct("command header (returned)", "dxgkvmb_command_vgpu_to_host", hdr, 0, 0));
                root.add(struct("command (returned)", request, abi.vmbusStruct(request), 0, hdr.size()));
                return;
            }
        }
        String name = VmbusLayout.structName(abi, Event.Vmbus.REPLY, message.command());
        AbiTables.Struct s = name == null ? null : abi.vmbusStruct(name);
        boolean undescribed = s == null || s.fields().isEmpty();
        if (undescribed && length >= 4 && b.getInt(0) == message.status()) {
            /* a bare NTSTATUS, or a _return struct whose status the table does not list: the record's status says so */
            Node r = new Node("reply", 0, 0, "", name == null ? "status only" : name, Kind.STRUCT);
            r.add(cover(new Node("status", 0, 4, VmbusValues.raw(b, 0, 4), Names.ntstatus(message.status())
                    + " (the record's status)", Kind.FIELD)));
            int end = 4;
            if (s != null) {
                if (s.size() > 4) {
                    r.add(undescribed(4, Math.min(s.size(), length)));
                    end = Math.min(s.size(), length);
                }
                end = trailing(r, name, s, 0, end);
            }
            r.size = end;
            root.add(r);
        } else if (s != null) {
            root.add(struct("reply", name, s, 0, 0));
        } else if (length > 0) {
            Node n = undescribed(0, length);
            n.value = "no reply layout for " + message.commandName() + " in the capture's ABI";
            root.add(n);
        }
    }

    /**
     * A struct at {@code at}, from its byte {@code from} on (the command struct after its header):
     * its fields in offset order, bytes no field covers, arrays starting at a field, arrays after it.
     */
    private Node struct(String label, String name, AbiTables.Struct s, int at, int from) {
        int start = at + from;
        Node n = new Node(label, start, 0, "", name, Kind.STRUCT);
        List<AbiTables.Field> fields = new ArrayList<>(s.fields().values().stream()
                .filter(f -> f.offset() >= from).toList());
        fields.sort(Comparator.comparingInt(AbiTables.Field::offset).thenComparing(f -> -f.size()));
        int cursor = start;
        /* the struct's bytes from its last member on, when that member is an x[1] array: its declared space */
        int tail = -1;
        for (AbiTables.Field f : fields) {
            int fo = at + f.offset();
            if (fo >= length) {
                n.add(problem(length, "the message ends at byte " + length + ", before " + name + "." + f.name()
                        + " (byte " + fo + ")"));
                n.size = Math.max(0, Math.min(cursor, length) - start);
                return n;
            }
            if (fo > cursor) {
                n.add(gap(name, s, at, cursor, fo));
            }
            List<Array> inline = VmbusArrays.inline(name, f.name());
            if (!inline.isEmpty()) {
                int pos = fo;
                for (Array a : inline) {
                    pos = array(n, a, name, s, at, pos, f);
                }
                cursor = Math.max(cursor, pos);
                if (f == fields.get(fields.size() - 1) && VmbusArrays.trailing(name).isEmpty()) {
                    tail = s.size() - f.offset();
                }
                continue;
            }
            AbiTables.Struct nested = nestedStruct(name, f);
            if (nested != null) {
                n.add(struct(f.name(), VmbusArrays.nested(name, f.name()), nested, fo, 0));
            } else {
                n.add(leaf(name, f, fo));
            }
            cursor = Math.max(cursor, Math.min(fo + f.size(), length));
        }
        int end = at + s.size();
        if (tail >= 0) {
            /*
             * Senders size such a message from sizeof: the n elements, then what is left of the struct
             * after its first element (its padding, or the whole declared element too), unused.
             */
            int slack = Math.min(length, cursor + tail) - cursor;
            if (slack > 0) {
                n.add(cover(new Node("(padding)", cursor, slack, VmbusValues.raw(b, cursor, slack), slack
                        + " bytes sent unused after the array (the message is sized from sizeof(" + name + "))",
                        Kind.PADDING)));
                cursor += slack;
            }
        } else if (cursor < end) {
            n.add(gap(name, s, at, cursor, Math.min(end, length)));
            if (end > length) {
                n.add(problem(length, "the message ends inside " + name + " (" + (length - at) + " of " + s.size()
                        + " bytes)"));
            }
            cursor = Math.min(end, length);
        }
        cursor = trailing(n, name, s, at, cursor);
        n.size = Math.max(0, cursor - start);
        if (n.children.size() == 1 && n.children.get(0).kind == Kind.UNDESCRIBED && n.children.get(0).size == n.size) {
            /* a struct the table lists only by size: one node, not a struct with one anonymous child */
            return new Node(label, start, n.size, n.children.get(0).raw, name + ": no fields in the capture's ABI",
                    Kind.UNDESCRIBED);
        }
        return n;
    }

    private AbiTables.Struct nestedStruct(String struct, AbiTables.Field f) {
        String type = VmbusArrays.nested(struct, f.name());
        if (type == null) {
            return null;
        }
        AbiTables.Struct s = abi.vmbusStruct(type) != null ? abi.vmbusStruct(type) : abi.struct(type);
        return s != null && s.size() == f.size() ? s : null;
    }

    private int trailing(Node n, String name, AbiTables.Struct s, int at, int pos) {
        for (Array a : VmbusArrays.trailing(name)) {
            pos = array(n, a, name, s, at, pos, null);
        }
        return pos;
    }

    /** Adds one array at {@code pos}; returns the byte after it. */
    private int array(Node parent, Array a, String structName, AbiTables.Struct s, int at, int pos, AbiTables.Field f) {
        AbiTables.Struct elementStruct = a.struct() == null ? null : abi.vmbusStruct(a.struct());
        int elementSize = switch (a.element()) {
            case FIELD -> f == null ? 0 : f.size();
            case STRUCT -> elementStruct == null ? 0 : elementStruct.size();
            default -> a.element().size;
        };
        if (elementSize <= 0) {
            parent.add(problem(pos, "no element layout for " + a.name() + " in the capture's ABI"));
            return pos;
        }
        if (pos >= length && (a.optional() || a.count() instanceof VmbusArrays.Fill)) {
            return pos;
        }
        long count = count(parent, a, structName, s, at, pos, elementSize);
        if (count < 0) {
            return pos;
        }
        long fit = (length - Math.min(pos, length)) / elementSize;
        if (count > fit) {
            if (a.optional() && fit == 0) {
                return pos;
            }
            parent.add(problem(pos, a.name() + ": the count says " + count + ", the message holds " + fit));
            count = fit;
        }
        int n = (int) count;
        if (a.element() == VmbusArrays.Element.BYTES) {
            if (n > 0) {
                bytes(parent, a, pos, n);
            }
            return pos + n;
        }
        Node arr = new Node(a.name() + "[" + n + "]", pos, n * elementSize, "", n + " × " + (elementStruct != null
                ? a.struct() : a.element().name().toLowerCase(java.util.Locale.ROOT)), Kind.ARRAY);
        long[][] values = new long[elementStruct == null ? 0 : elementStruct.fields().size()][n];
        int shown = Math.min(n, MAX_ELEMENTS);
        for (int k = 0; k < shown; k++) {
            int e = pos + k * elementSize;
            if (elementStruct != null) {
                arr.add(struct("[" + k + "]", a.struct(), elementStruct, e, 0));
                int i = 0;
                for (AbiTables.Field ef : elementStruct.fields().values()) {
                    values[i++][k] = ef.size() <= 8 ? VmbusValues.number(b, e + ef.offset(), ef.size()) : 0;
                }
            } else {
                arr.add(cover(new Node("[" + k + "]", e, elementSize, VmbusValues.raw(b, e, elementSize),
                        element(a, e, elementSize), Kind.ELEMENT)));
            }
        }
        if (n > shown) {
            int from = pos + shown * elementSize;
            arr.add(cover(new Node("[" + shown + "…" + (n - 1) + "]", from, (n - shown) * elementSize, "",
                    (n - shown) + " more", Kind.ELEMENT)));
        }
        if (elementStruct != null) {
            int i = 0;
            for (AbiTables.Field ef : elementStruct.fields().values()) {
                elementValues.put(a.name() + "." + ef.name(), values[i++]);
            }
        }
        parent.add(arr);
        return pos + n * elementSize;
    }

    private void bytes(Node parent, Array a, int pos, int n) {
        Node blob = cover(new Node(a.name(), pos, n, VmbusValues.raw(b, pos, n), n + " bytes", Kind.FIELD));
        if (a.count() instanceof VmbusArrays.SumOf sum) {
            long[] parts = elementValues.get(sum.array() + "." + sum.field());
            int at = pos;
            for (int k = 0; parts != null && k < parts.length && at < pos + n; k++) {
                int size = (int) Math.min(parts[k], pos + n - at);
                blob.add(cover(new Node(sum.array() + "[" + k + "]", at, size, VmbusValues.raw(b, at, size),
                        size + " bytes", Kind.ELEMENT)));
                at += size;
            }
        }
        parent.add(blob);
    }

    private String element(Array a, int at, int size) {
        long v = VmbusValues.number(b, at, size);
        return switch (a.element()) {
            case HANDLE -> VmbusValues.hex(v);
            case RESIDENCY -> Names.residencyStatus((int) v);
            default -> Long.toUnsignedString(v);
        };
    }

    /** An array's element count (bytes for blobs), or -1 after adding a note saying why it is unknown. */
    private long count(Node parent, Array a, String structName, AbiTables.Struct s, int at, int pos, int elementSize) {
        return switch (a.count()) {
            case VmbusArrays.Fill fill -> (length - Math.min(pos, length)) / elementSize;
            case VmbusArrays.Field field -> {
                AbiTables.Field cf = s.fields().get(field.name());
                if (cf == null || at + cf.offset() + cf.size() > length) {
                    parent.add(problem(pos, a.name() + ": " + (cf == null ? "the capture's ABI has no "
                            + structName + "." + field.name() : "its count " + field.name() + " is cut off")));
                    yield -1;
                }
                yield VmbusValues.number(b, at + cf.offset(), cf.size());
            }
            case VmbusArrays.OfRequest of -> {
                long n = requestField(of.struct(), of.name());
                if (n < 0) {
                    parent.add(problem(pos, a.name() + ": the count is the request's " + of.name()
                            + ", and the request is not in the capture; showing the first element"));
                    yield 1;
                }
                yield n;
            }
            case VmbusArrays.SumOf sum -> {
                long[] parts = elementValues.get(sum.array() + "." + sum.field());
                long total = 0;
                for (long p : parts == null ? new long[0] : parts) {
                    total += p;
                }
                yield total;
            }
        };
    }

    private long requestField(String struct, String field) {
        if (request == null) {
            return -1;
        }
        ByteBuffer r = request.message().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = VmbusLayout.commandBase(abi, r, Event.Vmbus.REQUEST, request.command());
        long v = VmbusLayout.field(abi, r, base, struct, field);
        return v == IoctlCall.UNKNOWN ? -1 : v;
    }

    private Node leaf(String struct, AbiTables.Field f, int at) {
        int size = Math.min(f.size(), length - at);
        String value = size < f.size() ? "cut: the message ends after " + size + " of its " + f.size() + " bytes"
                : VmbusValues.describe(struct, f.name(), b, at, size, message.direction());
        return cover(new Node(f.name(), at, size, VmbusValues.raw(b, at, size), value, Kind.FIELD));
    }

    /**
     * Bytes between described fields of the struct at {@code at}. In the adapter-channel header
     * (dxgkvmb_command_vgpu_to_host) they are known: the word after {@code process} holds the
     * bit-fields channel_type:8 and async_msg:1 (which a layout table cannot list), and the bytes
     * after the last field pad the struct to its 8-byte alignment. Anything else is undescribed.
     */
    private Node gap(String name, AbiTables.Struct s, int at, int from, int to) {
        AbiTables.Field process = s.fields().get("process");
        if ("dxgkvmb_command_vgpu_to_host".equals(name) && process != null) {
            if (from == at + process.offset() + process.size() && to - from == 4) {
                int word = b.getInt(from);
                int channel = word & 0xff;
                return cover(new Node("channel_type:8 async_msg:1", from, 4, VmbusValues.raw(b, from, 4),
                        "channel type " + channel + (channel == 0 ? " (vGPU to host)" : channel == 1 ? " (VM to host)"
                                : channel == 2 ? " (host to VM)" : "") + ((word & 0x100) != 0 ? ", asynchronous"
                                        : ", synchronous"), Kind.FIELD));
            }
            if (to == at + s.size() && to - from < 8) {
                return cover(new Node("(padding)", from, to - from, VmbusValues.raw(b, from, to - from),
                        (to - from) + " bytes aligning the header to 8", Kind.PADDING));
            }
        }
        return undescribed(from, to);
    }

    private Node undescribed(int from, int to) {
        return cover(new Node("(undescribed)", from, Math.max(0, to - from), VmbusValues.raw(b, from, to - from),
                (to - from) + " bytes not in the capture's ABI", Kind.UNDESCRIBED));
    }

    private Node problem(int at, String text) {
        return new Node("problem", Math.min(at, length), 0, "", text, Kind.PROBLEM);
    }

    private Node cover(Node n) {
        covered = Math.max(covered, n.offset + n.size);
        return n;
    }

    /** A node while the tree is built. */
    private static final class Node {
        final String name;
        final int offset;
        int size;
        final String raw;
        String value;
        final Kind kind;
        final List<Node> children = new ArrayList<>();

        Node(String name, int offset, int size, String raw, String value, Kind kind) {
            this.name = name;
            this.offset = offset;
            this.size = size;
            this.raw = raw;
            this.value = value;
            this.kind = kind;
        }

        void add(Node child) {
            children.add(child);
        }

        VmbusField freeze() {
            return new VmbusField(name, offset, size, raw, value, kind, children.stream().map(Node::freeze).toList());
        }
    }
}
