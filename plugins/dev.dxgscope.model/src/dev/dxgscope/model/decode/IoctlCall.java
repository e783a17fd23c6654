package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.Payloads;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One ioctl a thread made on a dxg file descriptor: what went in (IOCTL_ENTER) and, once it
 * returned, what came out (IOCTL_LEAVE). Fields are read by name through the capture's ABI tables,
 * so no offset is written here. Values the capture does not hold read as {@link #UNKNOWN}.
 *
 * <p>The "in" side is a view of the enter record in the reader's window until the decoder makes it
 * a private copy ({@link EventDecoder#detach()}, before the window is reused); the "out" side is a
 * view that is only valid while the leave event is being handled (see {@link Event}). The whole
 * object is valid only that long too: the decoder reuses a returned call's object for a later call,
 * so a load allocates no object per call. Whoever keeps something of a call copies it. Each side is
 * kept as its payload and the span of its whole blocks (FORMAT.md), not as parsed block objects:
 * the argument struct's place is found once, buffers by walking the block headers when asked for.
 */
public final class IoctlCall {
    /** What an accessor returns for a field the capture does not hold. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private Kind kind;
    private long enterSeq;
    private long enterTs;
    private long enterOffset;
    private int pid;
    private int tid;
    private int fd;
    private long argAddress;
    private final Blocks in = new Blocks();
    private long leaveSeq;
    private long leaveTs;
    private long leaveOffset;
    private int ret;
    private int errno;
    private final Blocks out = new Blocks();
    private boolean inOwned;

    /**
     * What the decoder looks up once per ioctl code of a capture: the ABI row (null for a code the
     * ABI does not know), its argument struct and its buffer descriptors; and, once per name, the
     * fields, structs and buffer rows its readers ask for. The trackers pass the same string
     * constants every time, so a small table probed by the names' cached hashes and compared by
     * reference replaces a lookup in the ABI's maps per read (which was about an eighth of a load).
     * A race between threads at worst loses an entry: entries are immutable, probes are bounded,
     * and a miss looks the name up again.
     */
    static final class Kind {
        private static final int FIELD = 0;
        private static final int NESTED = 1;
        private static final int STRUCT = 2;
        private static final int ELEMENT_FIELD = 3;
        private static final int ROWS = 4;
        private static final int NESTED_ROWS = 5;
        private static final Object NONE = new Object();

        private record Entry(int what, String a, String b, String c, Object value) {
        }

        private final AbiTables abi;
        private final int code;
        private final AbiTables.Ioctl ioctl;
        private final AbiTables.Struct struct;
        private final List<AbiTables.Buffer> buffers;
        /** Open addressing by the names' hashes, at most three quarters full so a probe ends at a free slot. */
        private final Entry[] resolved = new Entry[64];
        private static final int MAX_ENTRIES = 48;
        private int entries;

        Kind(AbiTables abi, int code) {
            this.abi = abi;
            this.code = code;
            this.ioctl = abi.ioctlByCode(code);
            this.struct = ioctl != null ? abi.struct(ioctl.argStruct()) : null;
            this.buffers = ioctl != null ? abi.buffers(ioctl.name()) : List.of();
        }

        int code() {
            return code;
        }

        AbiTables.Ioctl ioctl() {
            return ioctl;
        }

        AbiTables.Struct struct() {
            return struct;
        }

        List<AbiTables.Buffer> buffers() {
            return buffers;
        }

        /** A field of the argument struct, or null. */
        AbiTables.Field field(String name) {
            return (AbiTables.Field) resolve(FIELD, name, null, null);
        }

        /** {@code nestedField} of the {@code nestedStruct} at argument field {@code field}, at its offset in the argument, or null. */
        AbiTables.Field nested(String field, String nestedStruct, String nestedField) {
            return (AbiTables.Field) resolve(NESTED, field, nestedStruct, nestedField);
        }

        /** A struct of the capture's ABI by name (an element of a buffer), or null. */
        AbiTables.Struct elementStruct(String name) {
            return (AbiTables.Struct) resolve(STRUCT, name, null, null);
        }

        /** A field of an element struct, or null. */
        AbiTables.Field elementField(String elemStruct, String name) {
            return (AbiTables.Field) resolve(ELEMENT_FIELD, elemStruct, name, null);
        }

        /** Which buffer rows are called {@code name}, top-level ones or nested ones: {@code rows[i]} for row i. */
        boolean[] bufferRows(String name, boolean nested) {
            return (boolean[]) resolve(nested ? NESTED_ROWS : ROWS, name, null, null);
        }

        /** What {@code what} of these names is: kept from an earlier lookup, or found now and kept. */
        private Object resolve(int what, String a, String b, String c) {
            Object v = cached(what, a, b, c);
            if (v == null) {
                v = cache(what, a, b, c, find(what, a, b, c));
            }
            return v == NONE ? null : v;
        }

        /** Looks {@code what} up by name in the ABI tables (the slow way). */
        private Object find(int what, String a, String b, String c) {
            return switch (what) {
                case FIELD -> field(struct, a);
                case NESTED -> {
                    AbiTables.Field f = field(struct, a);
                    AbiTables.Field g = field(abi.struct(b), c);
                    yield f == null || g == null ? null : new AbiTables.Field(c, f.offset() + g.offset(), g.size());
                }
                case STRUCT -> abi.struct(a);
                case ELEMENT_FIELD -> field(abi.struct(a), b);
                default -> {
                    boolean[] rows = new boolean[buffers.size()];
                    for (int i = 0; i < rows.length; i++) {
                        AbiTables.Buffer row = buffers.get(i);
                        rows[i] = row.name().equals(a) && (row.parent() >= 0) == (what == NESTED_ROWS);
                    }
                    yield rows;
                }
            };
        }

        private static AbiTables.Field field(AbiTables.Struct s, String name) {
            return s == null ? null : s.fields().get(name);
        }

        private Object cached(int what, String a, String b, String c) {
            int mask = resolved.length - 1;
            int i = slot(what, a, b, c) & mask;
            for (int n = 0; n < resolved.length; n++, i = (i + 1) & mask) { /* bounded: threads racing in cache() */
                Entry e = resolved[i];
                if (e == null) {
                    return null;
                }
                if (e.what == what && e.a == a && e.b == b && e.c == c) {
                    return e.value;
                }
            }
            return null;
        }

        /** Where a lookup's entry goes in {@code resolved} (then the next free slot). */
        private static int slot(int what, String a, String b, String c) {
            int h = what;
            h = 31 * h + (a == null ? 0 : a.hashCode());
            h = 31 * h + (b == null ? 0 : b.hashCode());
            h = 31 * h + (c == null ? 0 : c.hashCode());
            return h ^ (h >>> 16);
        }

        /**
         * Keeps a value found by name (while there is room) and returns it, NONE for null. Only
         * interned names are kept (string constants are): a name built at run time is a new object
         * each time, would never be found by reference and would only fill the table.
         */
        private Object cache(int what, String a, String b, String c, Object value) {
            Object v = value == null ? NONE : value;
            if (!interned(a) || !interned(b) || !interned(c)) {
                return v;
            }
            if (entries < MAX_ENTRIES) {
                int mask = resolved.length - 1;
                int i = slot(what, a, b, c) & mask;
                for (int n = 0; n < resolved.length && resolved[i] != null; n++) {
                    i = (i + 1) & mask;
                }
                if (resolved[i] == null) {
                    resolved[i] = new Entry(what, a, b, c, v);
                    entries++;
                }
            }
            return v;
        }

        private static boolean interned(String s) {
            return s == null || s.intern() == s;
        }
    }

    /**
     * The whole blocks of one side: the payload is {@code [base, end)} of {@code bytes} (a window of
     * the reader, or a private copy), {@code count} blocks have their headers at {@code starts}, and
     * the argument struct's bytes are at {@code argAt} (-1: not captured or unreadable). Positions
     * are absolute in {@code bytes}. The headers are walked once, when the side is set; buffers are
     * then found from the kept starts. Mutable because calls are reused (see {@link EventDecoder}).
     */
    static final class Blocks {
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
        private ByteBuffer bytes = EMPTY;
        private int base;
        private int end;
        private int[] starts = new int[4];
        private int count;
        private int argAt = -1;
        private int argSize;

        /**
         * Points at the blocks from {@code from} in a payload that ends at {@code end}: up to
         * {@code wanted} of them, stopping at the first that does not fit whole (the blocks after it
         * cannot be found). Returns how many fit.
         */
        int set(ByteBuffer bytes, int base, int end, int from, long wanted) {
            this.bytes = bytes;
            this.base = base;
            this.end = end;
            this.count = 0;
            this.argAt = -1;
            this.argSize = 0;
            int at = from;
            boolean argFound = false;
            while (count < wanted && Payloads.blockFits(bytes, at, end)) {
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = at;
                if (!argFound && Payloads.blockRole(bytes, at) == Payloads.Block.ARG) {
                    argFound = true;
                    boolean unreadable = (Payloads.blockFlags(bytes, at) & Payloads.Block.UNREADABLE) != 0;
                    argAt = unreadable ? -1 : at + Payloads.BLOCK_HEADER;
                    argSize = (int) Payloads.blockSize(bytes, at);
                }
                at = Payloads.nextBlock(bytes, at, end);
            }
            return count;
        }

        /** No blocks (a side the capture does not have). */
        void clear() {
            set(EMPTY, 0, 0, 0, 0);
        }

        /** Moves the blocks into a private copy of the payload. */
        void copy() {
            byte[] copy = new byte[end - base];
            bytes.get(base, copy);
            bytes = ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                starts[i] -= base;
            }
            argAt = argAt < 0 ? -1 : argAt - base;
            end = copy.length;
            base = 0;
        }

        ByteBuffer bytes() {
            return bytes;
        }

        int count() {
            return count;
        }

        /** Where the header of block {@code i} is. */
        int start(int i) {
            return starts[i];
        }

        int argAt() {
            return argAt;
        }

        int argSize() {
            return argSize;
        }

        /** The argument struct as a little-endian view, or null. */
        ByteBuffer arg() {
            return argAt < 0 ? null : bytes.slice(argAt, argSize).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Starts the call anew with its IOCTL_ENTER (or, for a leave whose enter was lost, what the leave
     * tells); the decoder then fills {@link #in()}. Clears whatever an earlier call left here.
     */
    void enter(Kind kind, long enterSeq, long enterTs, long enterOffset, int pid, int tid, int fd,
            long argAddress) {
        this.kind = kind;
        this.enterSeq = enterSeq;
        this.enterTs = enterTs;
        this.enterOffset = enterOffset;
        this.pid = pid;
        this.tid = tid;
        this.fd = fd;
        this.argAddress = argAddress;
        this.leaveSeq = -1;
        this.leaveTs = -1;
        this.leaveOffset = -1;
        this.ret = 0;
        this.errno = 0;
        this.inOwned = false;
        in.clear();
        out.clear();
    }

    Blocks in() {
        return in;
    }

    Blocks out() {
        return out;
    }

    /** Replaces the view of the enter record with a private copy (once; see EventDecoder#detach). */
    void detach() {
        if (!inOwned) {
            in.copy();
            inOwned = true;
        }
    }

    /** Completes the call with its IOCTL_LEAVE; the decoder then fills {@link #out()}. */
    void leave(long seq, long ts, long offset, int ret, int errno) {
        this.leaveSeq = seq;
        this.leaveTs = ts;
        this.leaveOffset = offset;
        this.ret = ret;
        this.errno = errno;
    }

    /** The ioctl's macro name ("LX_DXCREATEDEVICE"), or "ioctl 0x…" for a code the ABI does not know. */
    public String name() {
        return kind.ioctl() != null ? kind.ioctl().name() : String.format("ioctl 0x%08x", kind.code());
    }

    /** The ABI row, or null for an unknown code (a bad request, like error-storm's size mismatch). */
    public AbiTables.Ioctl ioctl() {
        return kind.ioctl();
    }

    /**
     * Whether this is the named ioctl. Asked for every call by several trackers, and nearly always
     * false: the names' cached hashes tell most other names apart before their bytes are compared.
     */
    public boolean is(String ioctlName) {
        if (kind.ioctl() == null) {
            return false;
        }
        String name = kind.ioctl().name();
        return name == ioctlName || (name.hashCode() == ioctlName.hashCode() && name.equals(ioctlName));
    }

    public long enterSeq() {
        return enterSeq;
    }

    public long enterTs() {
        return enterTs;
    }

    public long enterOffset() {
        return enterOffset;
    }

    /** Seq of the IOCTL_LEAVE, -1 while the call has not returned. */
    public long leaveSeq() {
        return leaveSeq;
    }

    public long leaveTs() {
        return leaveTs;
    }

    public long leaveOffset() {
        return leaveOffset;
    }

    public boolean returned() {
        return leaveSeq >= 0;
    }

    public int pid() {
        return pid;
    }

    public int tid() {
        return tid;
    }

    public int fd() {
        return fd;
    }

    public int code() {
        return kind.code();
    }

    public long argAddress() {
        return argAddress;
    }

    /** The return value: 0, a positive NTSTATUS (STATUS_PENDING), or -1 with {@link #errno()}. */
    public int ret() {
        return ret;
    }

    public int errno() {
        return errno;
    }

    /** Returned -1 (with an errno). */
    public boolean failed() {
        return returned() && ret < 0;
    }

    /** Returned 0 or a non-error NTSTATUS such as STATUS_PENDING. */
    public boolean succeeded() {
        return returned() && ret >= 0;
    }

    /** An unsigned 32-bit field of the argument struct as the caller passed it. */
    public long u32In(String field) {
        return read(in, field, 4);
    }

    /** Element {@code index} of an inline array of 32-bit values (a struct member) as the caller passed it. */
    public long u32In(String field, int index) {
        AbiTables.Field f = kind.field(field);
        if (in.argAt() < 0 || f == null || index < 0 || (index + 1) * 4 > f.size()) {
            return UNKNOWN;
        }
        return readField(in, f.offset() + index * 4, 4, 4);
    }

    /** A 64-bit field of the argument struct as the caller passed it. */
    public long u64In(String field) {
        return read(in, field, 8);
    }

    /** An unsigned 32-bit field of the argument struct as the driver left it. */
    public long u32Out(String field) {
        return read(out, field, 4);
    }

    public long u64Out(String field) {
        return read(out, field, 8);
    }

    /**
     * A field of a struct nested in the argument ({@code field} of type {@code nestedStruct}), e.g.
     * ("info", "d3dddi_synchronizationobjectinfo2", "type"); {@code out} reads the driver's copy.
     */
    public long nested(boolean out, String field, String nestedStruct, String nestedField, int size) {
        Blocks side = out ? this.out : in;
        AbiTables.Field f = kind.nested(field, nestedStruct, nestedField);
        if (side.argAt() < 0 || f == null) {
            return UNKNOWN;
        }
        return readField(side, f.offset(), f.size(), size);
    }

    /** The argument struct the caller passed (little-endian view), or null when unreadable. */
    public ByteBuffer argIn() {
        return in.arg();
    }

    public ByteBuffer argOut() {
        return out.arg();
    }

    /** The struct layout of the argument, or null for an unknown ioctl. */
    public AbiTables.Struct argStruct() {
        return kind.struct();
    }

    /**
     * Points {@code into} at a buffer the probe copied (a row of buffers.tsv by name) on the enter
     * side ({@code out} false) or the leave side, for element {@code element} of the parent buffer
     * (-1 for a top-level buffer), and returns it; it reads as empty when not captured. The view
     * reads the payload in place, so it is valid only while this call is being handled; a tracker
     * keeps one view per use and fills it again for every call, which allocates nothing.
     */
    public Buffer buffer(String name, boolean out, int element, Buffer into) {
        Blocks side = out ? this.out : in;
        int at = find(side, name, element);
        if (at < 0) {
            return into.clear();
        }
        return into.set(side.bytes(), at + Payloads.BLOCK_HEADER, (int) Payloads.blockSize(side.bytes(), at));
    }

    /** Where the header of a captured buffer's block is in {@code side}'s payload, or -1. */
    private int find(Blocks side, String name, int element) {
        boolean[] rows = kind.bufferRows(name, element >= 0);
        ByteBuffer p = side.bytes();
        for (int i = 0; i < side.count(); i++) {
            int at = side.start(i);
            int buffer = Payloads.blockBuffer(p, at);
            if (Payloads.blockRole(p, at) != Payloads.Block.BUFFER || buffer >= rows.length || !rows[buffer]
                    || (Payloads.blockFlags(p, at) & Payloads.Block.UNREADABLE) != 0) {
                continue;
            }
            if (element < 0 || Payloads.blockElement(p, at) == element) {
                return at;
            }
        }
        return -1;
    }

    /** How many whole {@code elemStruct} elements a captured buffer holds (bounds loops over counts). */
    public int elements(Buffer buffer, String elemStruct) {
        AbiTables.Struct s = kind.elementStruct(elemStruct);
        if (s == null || s.size() == 0) {
            return 0;
        }
        return buffer.size() / s.size();
    }

    /** Reads a field of an element struct inside a captured buffer. */
    public long elementField(Buffer buffer, String elemStruct, int index, String field) {
        AbiTables.Struct s = kind.elementStruct(elemStruct);
        AbiTables.Field f = kind.elementField(elemStruct, field);
        if (s == null || s.size() == 0 || f == null || index < 0) {
            return UNKNOWN;
        }
        int at = index * s.size() + f.offset();
        int n = f.size();
        if (at + n > buffer.size()) {
            return UNKNOWN;
        }
        return readField(buffer.bytes, buffer.at + at, n, n);
    }

    /**
     * A captured buffer read in place: handle and state arrays as u32 elements, fence values as u64
     * elements, element structs through {@link IoctlCall#elementField}. Empty when the capture does
     * not hold the buffer.
     */
    public static final class Buffer {
        private ByteBuffer bytes = Blocks.EMPTY;
        private int at;
        private int size = -1;

        Buffer set(ByteBuffer bytes, int at, int size) {
            this.bytes = bytes;
            this.at = at;
            this.size = size;
            return this;
        }

        /**
         * Empties the view and lets go of the payload it pointed into: a view its owner keeps must
         * not keep a reader's 8 MiB window alive once the capture is loaded.
         */
        public Buffer clear() {
            return set(Blocks.EMPTY, 0, -1);
        }

        /** Whether the capture holds the buffer (it may still be empty). */
        public boolean captured() {
            return size >= 0;
        }

        /** Its length in bytes (0 when not captured). */
        public int size() {
            return Math.max(size, 0);
        }

        /** How many u32 elements it holds. */
        public int u32Count() {
            return size() / 4;
        }

        /** How many u64 elements it holds. */
        public int u64Count() {
            return size() / 8;
        }

        /** The u32 element {@code i} (a handle, a state) as stored, i < {@link #u32Count()}. */
        public int u32(int i) {
            return bytes.getInt(at + 4 * java.util.Objects.checkIndex(i, u32Count()));
        }

        /** The u64 element {@code i} (a fence value), i < {@link #u64Count()}. */
        public long u64(int i) {
            return bytes.getLong(at + 8 * java.util.Objects.checkIndex(i, u64Count()));
        }

        /** The u32 at byte {@code offset}, or UNKNOWN past the end. */
        public long u32At(int offset) {
            return offset < 0 || offset + 4 > size() ? UNKNOWN : Integer.toUnsignedLong(bytes.getInt(at + offset));
        }

        /** The u64 at byte {@code offset}, or UNKNOWN past the end. */
        public long u64At(int offset) {
            return offset < 0 || offset + 8 > size() ? UNKNOWN : bytes.getLong(at + offset);
        }

        /** A copy of its bytes. */
        public byte[] copy() {
            byte[] b = new byte[size()];
            bytes.get(at, b);
            return b;
        }
    }

    private long read(Blocks side, String field, int size) {
        AbiTables.Field f = kind.field(field);
        if (side.argAt() < 0 || f == null) {
            return UNKNOWN;
        }
        return readField(side, f.offset(), f.size(), size);
    }

    /** A field at {@code offset} in the argument struct, which is only as long as the probe copied. */
    private static long readField(Blocks side, int offset, int fieldSize, int size) {
        if (offset < 0 || offset + Math.min(fieldSize, size) > side.argSize()) {
            return UNKNOWN;
        }
        return readField(side.bytes(), side.argAt() + offset, fieldSize, size);
    }

    private static long readField(ByteBuffer b, int at, int fieldSize, int size) {
        int n = Math.min(fieldSize, size);
        if (at < 0 || at + n > b.limit()) {
            return UNKNOWN;
        }
        return switch (n) {
            case 1 -> Byte.toUnsignedLong(b.get(at));
            case 2 -> Short.toUnsignedLong(b.getShort(at));
            case 4 -> Integer.toUnsignedLong(b.getInt(at));
            default -> b.getLong(at);
        };
    }

    @Override
    public String toString() {
        return name() + " #" + enterSeq + " pid " + pid + (returned() ? " ret " + ret + (errno != 0
                ? " " + Names.errno(errno) : "") : " (not returned)");
    }
}
