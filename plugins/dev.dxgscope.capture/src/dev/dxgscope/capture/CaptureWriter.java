package dev.dxgscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a capture from Java: synthetic captures for tests and benchmarks, and generated captures
 * (the dxgcap collector writes real ones). Same format as the C writer: buffered, CRC-framed
 * records, preamble marked complete on close.
 */
public final class CaptureWriter implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long offset = CaptureFormat.PREAMBLE_SIZE;
    private long records;

    public CaptureWriter(Path path) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.write(preamble(0, 0, 0), 0);
    }

    private ByteBuffer preamble(int state, long lost, long count) {
        ByteBuffer p = ByteBuffer.allocate(CaptureFormat.PREAMBLE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        p.put(CaptureFormat.MAGIC);
        p.putShort((short) CaptureFormat.VERSION).putShort((short) CaptureFormat.PREAMBLE_SIZE);
        p.putInt(CaptureFormat.BYTE_ORDER).putInt(state).putInt(0);
        p.putLong(state == 1 ? offset : 0).putLong(lost).putLong(count);
        return p.clear();
    }

    /** Appends one record; {@code payload} is read from its position to its limit. */
    public void append(RecordKind kind, long seq, long timestampNs, int pid, int tid, ByteBuffer payload)
            throws IOException {
        append(kind.code(), seq, timestampNs, pid, tid, payload);
    }

    /** Appends one record of any kind code (tests write kinds a reader does not know). */
    public void append(int kindCode, long seq, long timestampNs, int pid, int tid, ByteBuffer payload)
            throws IOException {
        int size = payload.remaining();
        int length = CaptureFormat.recordLength(size);
        if (length > CaptureFormat.MAX_RECORD) {
            throw new IllegalArgumentException("record of " + length + " bytes is over the 16 MiB limit");
        }
        if (buffer.remaining() < length) {
            flush();
        }
        int at = buffer.position();
        ByteBuffer big = length > buffer.capacity() ? ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN) : null;
        ByteBuffer b = big != null ? big : buffer;
        int base = big != null ? 0 : at;
        b.putInt(base, length).putShort(base + 4, (short) kindCode).putShort(base + 6, (short) 0)
                .putInt(base + 12, size).putLong(base + 16, seq).putLong(base + 24, timestampNs)
                .putInt(base + 32, pid).putInt(base + 36, tid);
        b.put(base + CaptureFormat.HEADER_SIZE, payload, payload.position(), size);
        for (int i = base + CaptureFormat.HEADER_SIZE + size; i < base + length; i++) {
            b.put(i, (byte) 0);
        }
        crc.reset();
        crc.update(b.slice(base, 8));
        crc.update(b.slice(base + 12, CaptureFormat.HEADER_SIZE - 12 + size));
        b.putInt(base + 8, (int) crc.getValue());
        if (big != null) {
            flush();
            channel.write(big, offset);
        } else {
            buffer.position(at + length);
        }
        offset += length;
        records++;
    }

    /** Writes the records appended so far, so that a reader following the file sees them now. */
    public void flush() throws IOException {
        buffer.flip();
        long at = offset - buffer.remaining();
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        buffer.clear();
    }

    /** Flushes and marks the capture complete. */
    @Override
    public void close() throws IOException {
        try {
            flush();
            channel.write(preamble(1, 0, records), 0);
        } finally {
            channel.close();
        }
    }
}
