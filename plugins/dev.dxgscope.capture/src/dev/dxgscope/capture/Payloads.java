package dev.dxgscope.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decoding of the payload pieces FORMAT.md defines: string lists, ioctl heads and blocks. */
public final class Payloads {
    private Payloads() {
    }

    /** A NUL-separated string list from {@code from} to the end of the payload. */
    public static List<String> strings(ByteBuffer payload, int from) {
        List<String> out = new ArrayList<>();
        int end = payload.limit();
        int i = Math.min(from, end);
        while (i < end) {
            int j = i;
            while (j < end && payload.get(j) != 0) {
                j++;
            }
            byte[] bytes = new byte[j - i];
            payload.get(i, bytes);
            out.add(new String(bytes, StandardCharsets.UTF_8));
            i = j + 1;
        }
        return out;
    }

    /** The raw bytes of a NUL-terminated string starting at {@code from} (to the end when unterminated). */
    public static byte[] cString(ByteBuffer payload, int from) {
        int end = payload.limit();
        int j = Math.min(from, end);
        while (j < end && payload.get(j) != 0) {
            j++;
        }
        byte[] bytes = new byte[j - Math.min(from, end)];
        payload.get(Math.min(from, end), bytes);
        return bytes;
    }

    /**
     * One block of an ioctl record: memory the probe copied from the target.
     *
     * @param role 0 the argument struct, 1 a buffer of buffers.tsv
     * @param flags 1 unreadable, 2 truncated, 4 omitted
     * @param data the copied bytes (little-endian view)
     */
    public record Block(int role, int flags, int buffer, int element, long address, long wanted, ByteBuffer data) {
        public static final int ARG = 0;
        public static final int BUFFER = 1;
        public static final int UNREADABLE = 1;
        public static final int TRUNCATED = 2;
        public static final int OMITTED = 4;

        public boolean unreadable() {
            return (flags & UNREADABLE) != 0;
        }
    }

    /** Result of decoding the blocks of an ioctl record. */
    public record Blocks(List<Block> blocks, String problem) {
    }

    /** Bytes of a block's header; its data follows (FORMAT.md). */
    public static final int BLOCK_HEADER = 32;

    /* The fields of the block header at {@code at}: read here only. */

    public static int blockRole(ByteBuffer payload, int at) {
        return Short.toUnsignedInt(payload.getShort(at));
    }

    public static int blockFlags(ByteBuffer payload, int at) {
        return Short.toUnsignedInt(payload.getShort(at + 2));
    }

    /** Index of the block's row among its ioctl's buffers.tsv rows. */
    public static int blockBuffer(ByteBuffer payload, int at) {
        return Short.toUnsignedInt(payload.getShort(at + 4));
    }

    /** Element of the parent buffer that holds the pointer (nested buffers). */
    public static int blockElement(ByteBuffer payload, int at) {
        return payload.getInt(at + 8);
    }

    /** Bytes of data the block holds. */
    public static long blockSize(ByteBuffer payload, int at) {
        return Integer.toUnsignedLong(payload.getInt(at + 12));
    }

    /**
     * How many of the {@code count} blocks from {@code from} fit whole in a payload that ends at
     * {@code end} of {@code bytes} (the blocks after one that does not fit are not readable). Walks
     * the headers only; allocates nothing.
     */
    public static int wholeBlocks(ByteBuffer bytes, int from, int end, long count) {
        int at = from;
        for (int i = 0; i < count; i++) {
            if (!blockFits(bytes, at, end)) {
                return i;
            }
            at = nextBlock(bytes, at, end);
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** Whether the block whose header is at {@code at}, header and data, fits whole before {@code end}. */
    public static boolean blockFits(ByteBuffer bytes, int at, int end) {
        return at >= 0 && at + BLOCK_HEADER <= end && blockSize(bytes, at) <= end - at - BLOCK_HEADER;
    }

    /**
     * Where the block after the one whose header is at {@code at} starts (blocks are 8-byte aligned),
     * in a payload that ends at {@code end} of {@code bytes}.
     */
    public static int nextBlock(ByteBuffer bytes, int at, int end) {
        return (int) Math.min(at + BLOCK_HEADER + ((blockSize(bytes, at) + 7) & ~7L), end);
    }

    /** The {@code count} blocks starting at {@code from}; stops with a problem when one does not fit. */
    public static Blocks blocks(ByteBuffer payload, int from, long count) {
        int whole = wholeBlocks(payload, from, payload.limit(), count);
        List<Block> out = new ArrayList<>(whole);
        int at = from;
        for (int i = 0; i < whole; i++, at = nextBlock(payload, at, payload.limit())) {
            ByteBuffer data = payload.slice(at + BLOCK_HEADER, (int) blockSize(payload, at))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.add(new Block(blockRole(payload, at), blockFlags(payload, at), blockBuffer(payload, at),
                    blockElement(payload, at), payload.getLong(at + 16), payload.getLong(at + 24), data));
        }
        return new Blocks(out, whole < count ? "block " + whole + " does not fit the record" : null);
    }
}
