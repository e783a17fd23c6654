package dev.dxgscope.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A record read in place from a window of the file (a {@link RecordCursor}'s, or one that
 * {@link ReadAhead} checked): one mutable view moved from record to record, so reading a record
 * costs no object. The header's field offsets (FORMAT.md) are written here only.
 */
public final class WindowRecord implements RecordView {
    private ByteBuffer window;
    private int at;
    private long offset;

    /** Moves the view to the record at {@code at} of {@code window}, which starts at file offset {@code offset}. */
    public WindowRecord set(ByteBuffer window, int at, long offset) {
        this.window = window;
        this.at = at;
        this.offset = offset;
        return this;
    }

    ByteBuffer window() {
        return window;
    }

    int at() {
        return at;
    }

    /** The record's length with its header and padding. */
    public int length() {
        return window.getInt(at);
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public int kindCode() {
        return Short.toUnsignedInt(window.getShort(at + 4));
    }

    @Override
    public RecordKind kind() {
        return RecordKind.of(kindCode());
    }

    public int flags() {
        return Short.toUnsignedInt(window.getShort(at + 6));
    }

    @Override
    public int payloadSize() {
        return window.getInt(at + 12);
    }

    @Override
    public long seq() {
        return window.getLong(at + 16);
    }

    @Override
    public long timestampNs() {
        return window.getLong(at + 24);
    }

    @Override
    public int pid() {
        return window.getInt(at + 32);
    }

    @Override
    public int tid() {
        return window.getInt(at + 36);
    }

    @Override
    public ByteBuffer payload() {
        return window.slice(at + CaptureFormat.HEADER_SIZE, payloadSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer bytes() {
        return window;
    }

    @Override
    public int payloadAt() {
        return at + CaptureFormat.HEADER_SIZE;
    }

    @Override
    public RawRecord copy() {
        byte[] bytes = new byte[payloadSize()];
        window.get(at + CaptureFormat.HEADER_SIZE, bytes);
        return new RawRecord(offset, kindCode(), kind(), flags(), seq(), timestampNs(), pid(), tid(),
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer());
    }
}
