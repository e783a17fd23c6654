package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.Payloads.Block;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One ioctl a thread made on a dxg file descriptor: what went in (IOCTL_ENTER) and, once it
 * returned, what came out (IOCTL_LEAVE). Fields are read by name through the capture's ABI tables,
 * so no offset is written here. Values the capture does not hold read as {@link #UNKNOWN}.
 *
 * <p>The "in" side is a private copy; the "out" side may be a view of the reader's buffer that is
 * only valid while the leave event is being handled (see {@link Event}).
 */
public final class IoctlCall {
    /** What an accessor returns for a field the capture does not hold. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private final AbiTables abi;
    private final AbiTables.Ioctl ioctl;
    private final AbiTables.Struct struct;
    private final long enterSeq;
    private final long enterTs;
    private final long enterOffset;
    private final int pid;
    private final int tid;
    private final int fd;
    private final int code;
    private final long argAddress;
    private final List<Block> in;
    private long leaveSeq = -1;
    private long leaveTs = -1;
    private long leaveOffset = -1;
    private int ret;
    private int errno;
    private List<Block> out = List.of();

    public IoctlCall(AbiTables abi, long enterSeq, long enterTs, long enterOffset, int pid, int tid, int fd,
            int code, long argAddress, List<Block> in) {
        this(abi, abi.ioctlByCode(code), enterSeq, enterTs, enterOffset, pid, tid, fd, code, argAddress, in);
    }

    /** With the ioctl already looked up (the decoder caches it per code). */
    IoctlCall(AbiTables abi, AbiTables.Ioctl ioctl, long enterSeq, long enterTs, long enterOffset, int pid, int tid,
            int fd, int code, long argAddress, List<Block> in) {
        this.abi = abi;
        this.ioctl = ioctl;
        this.struct = ioctl != null ? abi.struct(ioctl.argStruct()) : null;
        this.enterSeq = enterSeq;
        this.enterTs = enterTs;
        this.enterOffset = enterOffset;
        this.pid = pid;
        this.tid = tid;
        this.fd = fd;
        this.code = code;
        this.argAddress = argAddress;
        this.in = in;
    }

    /** Completes the call with its IOCTL_LEAVE. */
    public void leave(long seq, long ts, long offset, int ret, int errno, List<Block> out) {
        this.leaveSeq = seq;
        this.leaveTs = ts;
        this.leaveOffset = offset;
        this.ret = ret;
        this.errno = errno;
        this.out = out;
    }

    /** The ioctl's macro name ("LX_DXCREATEDEVICE"), or "ioctl 0x…" for a code the ABI does not know. */
    public String name() {
        return ioctl != null ? ioctl.name() : String.format("ioctl 0x%08x", code);
    }

    /** The ABI row, or null for an unknown code (a bad request, like error-storm's size mismatch). */
    public AbiTables.Ioctl ioctl() {
        return ioctl;
    }

    public boolean is(String ioctlName) {
        return ioctl != null && ioctl.name().equals(ioctlName);
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
        return code;
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

    public List<Block> inBlocks() {
        return in;
    }

    public List<Block> outBlocks() {
        return out;
    }

    /** An unsigned 32-bit field of the argument struct as the caller passed it. */
    public long u32In(String field) {
        return read(arg(in), field, 4);
    }

    /** A 64-bit field of the argument struct as the caller passed it. */
    public long u64In(String field) {
        return read(arg(in), field, 8);
    }

    /** An unsigned 32-bit field of the argument struct as the driver left it. */
    public long u32Out(String field) {
        return read(arg(out), field, 4);
    }

    public long u64Out(String field) {
        return read(arg(out), field, 8);
    }

    /**
     * A field of a struct nested in the argument ({@code field} of type {@code nestedStruct}), e.g.
     * ("info", "d3dddi_synchronizationobjectinfo2", "type"); {@code out} reads the driver's copy.
     */
    public long nested(boolean out, String field, String nestedStruct, String nestedField, int size) {
        ByteBuffer arg = arg(out ? this.out : in);
        AbiTables.Struct inner = abi.struct(nestedStruct);
        if (arg == null || struct == null || inner == null) {
            return UNKNOWN;
        }
        AbiTables.Field f = struct.fields().get(field);
        AbiTables.Field g = inner.fields().get(nestedField);
        if (f == null || g == null) {
            return UNKNOWN;
        }
        return readField(arg, arg.position() + f.offset() + g.offset(), g.size(), size);
    }

    /** The argument struct the caller passed (little-endian view), or null when unreadable. */
    public ByteBuffer argIn() {
        return arg(in);
    }

    public ByteBuffer argOut() {
        return arg(out);
    }

    /** The struct layout of the argument, or null for an unknown ioctl. */
    public AbiTables.Struct argStruct() {
        return struct;
    }

    /**
     * A buffer the probe copied (a row of buffers.tsv by name) from the enter side ({@code out}
     * false) or the leave side, for element {@code element} of the parent buffer (-1 for a
     * top-level buffer); null when not captured.
     */
    public ByteBuffer buffer(String name, boolean out, int element) {
        if (ioctl == null) {
            return null;
        }
        List<AbiTables.Buffer> rows = abi.buffers(ioctl.name());
        for (Block b : out ? this.out : in) {
            if (b.role() != Block.BUFFER || b.buffer() >= rows.size() || b.unreadable()) {
                continue;
            }
            AbiTables.Buffer row = rows.get(b.buffer());
            if (row.name().equals(name) && (element < 0 ? row.parent() < 0 : row.parent() >= 0 && b.element() == element)) {
                return b.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            }
        }
        return null;
    }

    /** The u32 elements of a captured top-level array buffer (handles, states), or an empty array. */
    public int[] u32Array(String name, boolean out) {
        ByteBuffer b = buffer(name, out, -1);
        if (b == null) {
            return new int[0];
        }
        int[] v = new int[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getInt(b.position() + 4 * i);
        }
        return v;
    }

    /** The u64 elements of a captured top-level array buffer (fence values). */
    public long[] u64Array(String name, boolean out) {
        ByteBuffer b = buffer(name, out, -1);
        if (b == null) {
            return new long[0];
        }
        long[] v = new long[b.remaining() / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getLong(b.position() + 8 * i);
        }
        return v;
    }

    /** How many whole {@code elemStruct} elements a captured buffer holds (bounds loops over counts). */
    public int elements(ByteBuffer buffer, String elemStruct) {
        AbiTables.Struct s = abi.struct(elemStruct);
        if (buffer == null || s == null || s.size() == 0) {
            return 0;
        }
        return buffer.remaining() / s.size();
    }

    /** Reads a field of an element struct inside a captured buffer. */
    public long elementField(ByteBuffer buffer, String elemStruct, int index, String field) {
        AbiTables.Struct s = abi.struct(elemStruct);
        if (buffer == null || s == null || s.size() == 0) {
            return UNKNOWN;
        }
        AbiTables.Field f = s.fields().get(field);
        if (f == null) {
            return UNKNOWN;
        }
        int at = buffer.position() + index * s.size() + f.offset();
        return readField(buffer, at, f.size(), f.size());
    }

    private static ByteBuffer arg(List<Block> blocks) {
        for (Block b : blocks) {
            if (b.role() == Block.ARG) {
                return b.unreadable() ? null : b.data();
            }
        }
        return null;
    }

    private long read(ByteBuffer arg, String field, int size) {
        if (arg == null || struct == null) {
            return UNKNOWN;
        }
        AbiTables.Field f = struct.fields().get(field);
        if (f == null) {
            return UNKNOWN;
        }
        return readField(arg, arg.position() + f.offset(), f.size(), size);
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
