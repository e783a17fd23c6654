package dev.dxgscope.model;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.state.CaptureModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes tiny captures from inline scripts for tracker tests: ioctls with argument fields set by
 * name (through the ABI tables dxgcap prints, as a real capture carries them), fd and process
 * events, fence samples. Seqs count from 1; each record's time is seq x 1000 ns.
 */
final class Script implements AutoCloseable {
    private static byte[] abiPayload;
    private static AbiTables abi;

    private final CaptureWriter writer;
    private final Path path;
    private long seq;

    Script(Path path) throws IOException {
        this(path, new String[0]);
    }

    /** A script whose SESSION record has these {@code key=value} facts too. */
    Script(Path path, String... sessionFacts) throws IOException {
        this.path = path;
        this.writer = new CaptureWriter(path);
        load();
        String[] facts = java.util.stream.Stream.concat(java.util.stream.Stream.of("command=script", "device=sim:test"),
                java.util.Arrays.stream(sessionFacts)).toArray(String[]::new);
        writer.append(RecordKind.SESSION, ++seq, seq * 1000, 1, 0, strings(facts));
        writer.append(RecordKind.ABI, ++seq, seq * 1000, 1, 0, ByteBuffer.wrap(abiPayload));
    }

    static synchronized AbiTables abi() throws IOException {
        load();
        return abi;
    }

    private static synchronized void load() throws IOException {
        if (abiPayload != null) {
            return;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[][] parts = {{"d3dkmthk-layout.tsv"}, {"vmbus-layout.tsv", "--vmbus"},
            {"vmbus-fields.tsv", "--vmbus-fields"}, {"buffers.tsv", "--buffers"}};
        for (String[] p : parts) {
            List<String> cmd = new ArrayList<>(List.of(Workloads.DIST.resolve("bin/dxgcap").toString(), "abi"));
            if (p.length > 1) {
                cmd.add(p[1]);
            }
            Process proc = new ProcessBuilder(cmd).start();
            byte[] text = proc.getInputStream().readAllBytes();
            try {
                proc.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            b.writeBytes(p[0].getBytes(StandardCharsets.UTF_8));
            b.write(0);
            b.writeBytes(text);
            b.write(0);
        }
        abiPayload = b.toByteArray();
        abi = AbiTables.parse(ByteBuffer.wrap(abiPayload).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static ByteBuffer strings(String... s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String x : s) {
            b.writeBytes(x.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return ByteBuffer.wrap(b.toByteArray());
    }

    long seq() {
        return seq;
    }

    /** An ioctl being built: argument fields by name, buffers by name. */
    final class Call {
        private final int pid;
        private final AbiTables.Ioctl ioctl;
        private final AbiTables.Struct struct;
        private final byte[] in;
        private final byte[] out;
        private final Map<String, byte[]> inBuffers = new LinkedHashMap<>();
        private final Map<String, byte[]> outBuffers = new LinkedHashMap<>();
        private long enterSeq;
        private int code;

        Call(int pid, String name) {
            this.pid = pid;
            this.ioctl = abi.ioctlByName(name);
            this.code = ioctl.code();
            this.struct = abi.struct(ioctl.argStruct());
            this.in = new byte[struct.size()];
            this.out = new byte[struct.size()];
        }

        int requestCode() {
            return code;
        }

        /** Records another request code (a bad request, such as a size the driver does not know). */
        Call code(int requestCode) {
            this.code = requestCode;
            return this;
        }

        /** Sets a field on both sides (input, and the driver's copy). */
        Call in(String field, long value) {
            put(in, field, value);
            put(out, field, value);
            return this;
        }

        /** Sets a field the driver writes. */
        Call out(String field, long value) {
            put(out, field, value);
            return this;
        }

        Call inU32s(String buffer, int... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putInt(v);
            }
            inBuffers.put(buffer, b.array());
            return this;
        }

        Call inU64s(String buffer, long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            inBuffers.put(buffer, b.array());
            return this;
        }

        Call outU32s(String buffer, int... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putInt(v);
            }
            outBuffers.put(buffer, b.array());
            return this;
        }

        Call outU64s(String buffer, long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            outBuffers.put(buffer, b.array());
            return this;
        }

        /** An input struct buffer given as field/value pairs. */
        Call inStruct(String buffer, String elemStruct, Object... fieldValues) {
            AbiTables.Struct s = abi.struct(elemStruct);
            byte[] data = new byte[s.size()];
            for (int k = 0; k + 1 < fieldValues.length; k += 2) {
                AbiTables.Field f = s.field((String) fieldValues[k]);
                write(data, f.offset(), f.size(), ((Number) fieldValues[k + 1]).longValue());
            }
            inBuffers.put(buffer, data);
            return this;
        }

        /** An output array of element structs, each given as field/value pairs. */
        Call outStructs(String buffer, String elemStruct, Object[]... elements) {
            AbiTables.Struct s = abi.struct(elemStruct);
            byte[] data = new byte[s.size() * elements.length];
            for (int i = 0; i < elements.length; i++) {
                for (int k = 0; k + 1 < elements[i].length; k += 2) {
                    AbiTables.Field f = s.field((String) elements[i][k]);
                    write(data, i * s.size() + f.offset(), f.size(), ((Number) elements[i][k + 1]).longValue());
                }
            }
            outBuffers.put(buffer, data);
            return this;
        }

        /** An input buffer of element {@code element} of its parent buffer (e.g. an allocation's private data). */
        Call inElement(String buffer, int element, byte[] data) {
            inBuffers.put(buffer + "#" + element, data);
            return this;
        }

        private void put(byte[] arg, String field, long value) {
            AbiTables.Field f = struct.field(field);
            write(arg, f.offset(), f.size(), value);
        }

        /** Writes IOCTL_ENTER; returns its seq. */
        long enter() throws IOException {
            enterSeq = ++seq;
            ByteBuffer p = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            p.putInt(3).putInt(code).putLong(0x7000_0000L).putInt(1 + inBuffers.size()).putInt(0);
            block(p, 0, 0, in);
            for (Map.Entry<String, byte[]> e : inBuffers.entrySet()) {
                bufferBlock(p, e.getKey(), true, e.getValue());
            }
            writer.append(RecordKind.IOCTL_ENTER, enterSeq, enterSeq * 1000, pid, pid, p.flip());
            return enterSeq;
        }

        /** Writes IOCTL_LEAVE with a return value (and errno when -1); returns its seq. */
        long leave(int ret, int errno) throws IOException {
            long s = ++seq;
            ByteBuffer p = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            p.putLong(enterSeq).putInt(ret).putInt(errno).putInt(3).putInt(code).putInt(1 + outBuffers.size())
                    .putInt(0);
            block(p, 0, 0, out);
            for (Map.Entry<String, byte[]> e : outBuffers.entrySet()) {
                bufferBlock(p, e.getKey(), false, e.getValue());
            }
            writer.append(RecordKind.IOCTL_LEAVE, s, s * 1000, pid, pid, p.flip());
            return s;
        }

        /** enter() then leave(0, 0); returns the enter seq. */
        long ok() throws IOException {
            long e = enter();
            leave(0, 0);
            return e;
        }

        /** A buffer block: {@code key} is a top-level buffer's name or "name#element" for an element's. */
        private void bufferBlock(ByteBuffer p, String key, boolean input, byte[] data) {
            int hash = key.indexOf('#');
            String name = hash < 0 ? key : key.substring(0, hash);
            int element = hash < 0 ? -1 : Integer.parseInt(key.substring(hash + 1));
            Script.block(p, 1, index(name, input, element >= 0), element, data);
        }

        private int index(String name, boolean input, boolean nested) {
            List<AbiTables.Buffer> rows = abi.buffers(ioctl.name());
            for (int i = 0; i < rows.size(); i++) {
                AbiTables.Buffer r = rows.get(i);
                if (r.name().equals(name) && (r.parent() >= 0) == nested && (input ? r.in() : r.out())) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no buffer " + name + " in " + ioctl.name());
        }
    }

    private static void block(ByteBuffer p, int role, int buffer, byte[] data) {
        block(p, role, buffer, -1, data);
    }

    private static void block(ByteBuffer p, int role, int buffer, int element, byte[] data) {
        p.putShort((short) role).putShort((short) 0).putShort((short) buffer).putShort((short) 0).putInt(element)
                .putInt(data.length).putLong(0x7100_0000L).putLong(data.length).put(data);
        while ((p.position() & 7) != 0) {
            p.put((byte) 0);
        }
    }

    private static void write(byte[] a, int at, int size, long v) {
        for (int i = 0; i < Math.min(size, 8); i++) {
            a[at + i] = (byte) (v >>> (8 * i));
        }
    }

    Call call(int pid, String name) {
        return new Call(pid, name);
    }

    void process(int pid, int op, int other, int status, String... strings) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(op).putInt(other).putInt(status)
                .putInt(0);
        b.writeBytes(h.array());
        b.writeBytes(strings(strings).array());
        seq++;
        writer.append(RecordKind.PROCESS, seq, seq * 1000, pid, pid, ByteBuffer.wrap(b.toByteArray()));
    }

    void fd(int pid, int op, int fd, int other, int[] fds, String... texts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(16 + 4 * fds.length).order(ByteOrder.LITTLE_ENDIAN).putInt(op).putInt(fd)
                .putInt(other).putInt(fds.length);
        for (int x : fds) {
            h.putInt(x);
        }
        b.writeBytes(h.array());
        b.writeBytes(strings(texts).array());
        seq++;
        writer.append(RecordKind.FD, seq, seq * 1000, pid, pid, ByteBuffer.wrap(b.toByteArray()));
    }

    void fenceSample(int pid, int handle, long value) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(0).putInt(handle)
                .putInt(1).putLong(0).putLong(value);
        seq++;
        writer.append(RecordKind.FENCE_SAMPLE, seq, seq * 1000, pid, pid + 1, p.flip());
    }

    /**
     * A video-memory DEVICE_SAMPLE as {@code dxgcap snapshot} writes it (struct dxgcap_vidmem_sample):
     * the budget and usage QueryVideoMemoryInfo gave the snapshot's own process {@code pid}.
     */
    void vidmemSample(int pid, long luid, int group, long budget, long usage) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN).putInt(2 /* DXGCAP_SAMPLE_VIDMEM */)
                .putInt(0).putLong(luid).putInt(group).putInt(0).putLong(budget).putLong(usage).putLong(0).putLong(0);
        seq++;
        writer.append(RecordKind.DEVICE_SAMPLE, seq, seq * 1000, pid, pid, p.flip());
    }

    /**
     * A LOG record: a kernel-log line with level 3 (error), naming the enter seq of its call
     * ({@code cause}, as dxgsim does) or 0 (as a real device's kernel log does), read at
     * {@code delayNs} after the record's usual time.
     */
    void log(int pid, long cause, long delayNs, String text) throws IOException {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer p = ByteBuffer.allocate(16 + t.length + 1).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(0)
                .putLong(cause).put(t);
        seq++;
        writer.append(RecordKind.LOG, seq, seq * 1000 + delayNs, pid, 0, p.flip().limit(p.capacity()));
    }

    /** A MARKER record whose text is {@code size} bytes long (to push later records far along the file). */
    void marker(int pid, int size) throws IOException {
        byte[] text = new byte[size + 1];
        java.util.Arrays.fill(text, 0, size, (byte) 'x');
        seq++;
        writer.append(RecordKind.MARKER, seq, seq * 1000, pid, pid, ByteBuffer.wrap(text));
    }

    void end(int status) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(status).putLong(0);
        seq++;
        writer.append(RecordKind.END, seq, seq * 1000, 1, 0, p.flip());
    }

    /** Writes what was written so far (a live capture that a follower reads as it grows). */
    void flush() throws IOException {
        writer.flush();
    }

    CaptureModel model() throws IOException {
        writer.close();
        return ModelLoader.load(path);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
