package dev.dxgscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An open capture file. Reading is through {@link RecordCursor}s (sequential, also for tailing a
 * growing capture) and {@link #readAt(long)} (random access, with {@link CaptureIndex}).
 * Thread-safe for concurrent cursors: every read is a positional read on the shared channel.
 */
public final class CaptureFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private volatile Preamble preamble;

    private CaptureFile(Path path, FileChannel channel, Preamble preamble) {
        this.path = path;
        this.channel = channel;
        this.preamble = preamble;
    }

    /**
     * Opens a capture. Throws {@link NotACaptureException} (with a one-line reason) for a file that is
     * not a capture of a version this reader knows, and {@link IOException} when it cannot be read.
     */
    public static CaptureFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            Preamble p = readPreamble(channel);
            return new CaptureFile(path, channel, p);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Preamble readPreamble(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(CaptureFormat.PREAMBLE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, b.position()) < 0) {
                throw new NotACaptureException("shorter than the 64-byte preamble");
            }
        }
        byte[] magic = new byte[8];
        b.get(0, magic);
        if (!Arrays.equals(magic, CaptureFormat.MAGIC)) {
            throw new NotACaptureException("no dxgcap magic (not a capture)");
        }
        if (b.getInt(12) != CaptureFormat.BYTE_ORDER) {
            throw new NotACaptureException("unknown byte order");
        }
        int version = Short.toUnsignedInt(b.getShort(8));
        if (version == 0 || version > CaptureFormat.VERSION) {
            throw new NotACaptureException("capture version " + version + " is newer than this reader (version "
                    + CaptureFormat.VERSION + "); use a newer dxgscope");
        }
        int preambleSize = Short.toUnsignedInt(b.getShort(10));
        if (preambleSize < CaptureFormat.PREAMBLE_SIZE) {
            throw new NotACaptureException("bad preamble size " + preambleSize);
        }
        return new Preamble(version, Preamble.State.of(b.getInt(16)), b.getInt(20), b.getLong(24), b.getLong(32),
                b.getLong(40));
    }

    public Path path() {
        return path;
    }

    public Preamble preamble() {
        return preamble;
    }

    /** Reads the preamble again: a live capture changes state when the collector finishes. */
    public Preamble refreshPreamble() throws IOException {
        preamble = readPreamble(channel);
        return preamble;
    }

    /** Current file size (grows while a capture is being recorded). */
    public long size() throws IOException {
        return channel.size();
    }

    /** A cursor over every record from the first one. */
    public RecordCursor records() {
        return new RecordCursor(this, CaptureFormat.PREAMBLE_SIZE);
    }

    /** A cursor starting at a record offset (from an index or an earlier cursor). */
    public RecordCursor recordsFrom(long offset) {
        return new RecordCursor(this, offset);
    }

    /** The whole record at offset; throws {@link IOException} when there is no whole record there. */
    public RawRecord readAt(long offset) throws IOException {
        RecordCursor c = new RecordCursor(this, offset);
        if (!c.nextAt(offset)) {
            throw new IOException("no whole record at offset " + offset + " of " + path);
        }
        return c.copy();
    }

    int read(ByteBuffer into, long position) throws IOException {
        return channel.read(into, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
