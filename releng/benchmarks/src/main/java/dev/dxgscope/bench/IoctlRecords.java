package dev.dxgscope.bench;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * IOCTL_ENTER and IOCTL_LEAVE payloads (FORMAT.md kinds 10 and 11) with argument fields and
 * buffers set by name through the ABI tables, the technique of the model tests' Script, but built
 * in one reused buffer so that millions of records cost little: no allocation per record, field
 * offsets looked up once per ioctl ({@link Op}).
 */
final class IoctlRecords {
    private static final long ARG_ADDRESS = 0x7ffd_0000_0000L;
    private static final long BUFFER_ADDRESS = 0x7f00_0000_0000L;

    /** One ioctl's code, argument struct and buffer rows, looked up once. */
    static final class Op {
        final String name;
        final int code;
        final AbiTables.Struct arg;
        private final AbiTables abi;
        private final List<AbiTables.Buffer> rows;

        Op(AbiTables abi, String name) {
            AbiTables.Ioctl io = abi.ioctlByName(name);
            if (io == null || io.code() == 0) {
                throw new IllegalArgumentException("no ioctl " + name + " in the ABI tables");
            }
            this.abi = abi;
            this.name = name;
            this.code = io.code();
            this.arg = abi.struct(io.argStruct());
            this.rows = abi.buffers(name);
        }

        AbiTables.Field field(String field) {
            return arg.field(field);
        }

        /** Index of a top-level buffer among the ioctl's rows of buffers.tsv (a block's "buffer"). */
        int buffer(String bufferName, boolean in) {
            for (int i = 0; i < rows.size(); i++) {
                AbiTables.Buffer r = rows.get(i);
                if (r.name().equals(bufferName) && r.parent() < 0 && (in ? r.in() : r.out())) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no " + (in ? "in" : "out") + " buffer " + bufferName + " in " + name);
        }

        AbiTables.Struct struct(String structName) {
            AbiTables.Struct s = abi.struct(structName);
            if (s == null) {
                throw new IllegalArgumentException("no struct " + structName + " in the ABI tables");
            }
            return s;
        }
    }

    private final CaptureWriter writer;
    private final ByteBuffer p = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private int blocksAt;
    private int blocks;
    private int argData;
    private int lastData;

    IoctlRecords(CaptureWriter writer) {
        this.writer = writer;
    }

    /** Starts an IOCTL_ENTER of {@code op} with a zeroed argument struct. */
    IoctlRecords enter(Op op) {
        p.clear();
        p.putInt(0, 3).putInt(4, op.code).putLong(8, ARG_ADDRESS).putInt(20, 0);
        blocksAt = 16;
        p.position(24);
        return start(op);
    }

    /** Starts the IOCTL_LEAVE of the call entered at {@code enterSeq}, returning {@code ret}. */
    IoctlRecords leave(Op op, long enterSeq, int ret) {
        p.clear();
        p.putLong(0, enterSeq).putInt(8, ret).putInt(12, 0).putInt(16, 3).putInt(20, op.code).putInt(28, 0);
        blocksAt = 24;
        p.position(32);
        return start(op);
    }

    private IoctlRecords start(Op op) {
        blocks = 0;
        argData = block(0, 0, op.arg.size(), ARG_ADDRESS);
        return this;
    }

    /** Sets an argument field (its first 8 bytes at most, little-endian). */
    IoctlRecords set(AbiTables.Field f, long value) {
        put(argData + f.offset(), f.size(), value);
        return this;
    }

    /** Appends a buffer block of {@code size} zero bytes; fill it with {@link #at}. */
    IoctlRecords buffer(int index, int size) {
        lastData = block(1, index, size, BUFFER_ADDRESS + ((long) index << 12));
        return this;
    }

    /** Writes a field into the last buffer at element {@code element} of {@code elemSize} bytes. */
    IoctlRecords at(int element, int elemSize, AbiTables.Field f, long value) {
        put(lastData + element * elemSize + f.offset(), f.size(), value);
        return this;
    }

    /** A buffer of one u32 (a handle list of one). */
    IoctlRecords u32(int index, int value) {
        buffer(index, 4);
        p.putInt(lastData, value);
        return this;
    }

    /** A buffer of one u64 (a fence-value list of one). */
    IoctlRecords u64(int index, long value) {
        buffer(index, 8);
        p.putLong(lastData, value);
        return this;
    }

    /** Appends the record. */
    void write(RecordKind kind, long seq, long ts, int pid, int tid) throws IOException {
        p.putInt(blocksAt, blocks);
        writer.append(kind, seq, ts, pid, tid, p.flip());
    }

    private int block(int role, int buffer, int size, long address) {
        int at = p.position();
        p.putShort((short) role).putShort((short) 0).putShort((short) buffer).putShort((short) 0).putInt(-1)
                .putInt(size).putLong(address).putLong(size);
        int data = p.position();
        int end = data + ((size + 7) & ~7);
        Arrays.fill(p.array(), data, end, (byte) 0);
        p.position(end);
        blocks++;
        return at + 32;
    }

    private void put(int at, int size, long v) {
        for (int i = 0; i < Math.min(size, 8); i++) {
            p.put(at + i, (byte) (v >>> (8 * i)));
        }
    }
}
