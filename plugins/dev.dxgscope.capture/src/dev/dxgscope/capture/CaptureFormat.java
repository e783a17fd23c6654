package dev.dxgscope.capture;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Constants and record checks of the dxgcap format (docs/FORMAT.md). */
public final class CaptureFormat {
    public static final int VERSION = 1;
    public static final int PREAMBLE_SIZE = 64;
    public static final int HEADER_SIZE = 40;
    public static final int MAX_RECORD = 16 << 20;
    static final byte[] MAGIC = {(byte) 0x89, 'D', 'X', 'G', 'C', 'A', 'P', '\n'};
    static final int BYTE_ORDER = 0x01020304;

    private CaptureFormat() {
    }

    /** Padded record length for a payload of {@code size} bytes. */
    public static int recordLength(int size) {
        return (HEADER_SIZE + size + 7) & ~7;
    }

    /**
     * Checks the record starting at {@code at} in {@code buf} (little-endian, {@code available} bytes
     * readable from there). Returns null when it is whole, else the reason; {@link #TRUNCATED} when
     * the header is plausible but the record does not fit.
     */
    static String problem(ByteBuffer buf, int at, long available, CRC32C crc) {
        if (available < HEADER_SIZE) {
            return TRUNCATED_HEADER;
        }
        int length = buf.getInt(at);
        int kind = Short.toUnsignedInt(buf.getShort(at + 4));
        int size = buf.getInt(at + 12);
        if (length < HEADER_SIZE || (length & 7) != 0 || length > MAX_RECORD) {
            return "impossible record length";
        }
        if (size < 0 || size > length - HEADER_SIZE || recordLength(size) != length) {
            return "payload size does not match record length";
        }
        if (kind == 0) {
            return "padding record in a file";
        }
        if (length > available) {
            return TRUNCATED;
        }
        crc.reset();
        if (buf.hasArray()) { /* the reader's window: no slice objects per record */
            crc.update(buf.array(), buf.arrayOffset() + at, 8);
            crc.update(buf.array(), buf.arrayOffset() + at + 12, HEADER_SIZE - 12 + size);
        } else {
            crc.update(buf.slice(at, 8));
            crc.update(buf.slice(at + 12, HEADER_SIZE - 12 + size));
        }
        if ((int) crc.getValue() != buf.getInt(at + 8)) {
            return "checksum mismatch";
        }
        return null;
    }

    static final String TRUNCATED = "truncated record";
    static final String TRUNCATED_HEADER = "truncated header";
}
