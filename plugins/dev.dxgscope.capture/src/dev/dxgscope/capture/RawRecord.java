package dev.dxgscope.capture;

import java.nio.ByteBuffer;

/**
 * One whole record, copied out of the file (the payload is a little-endian read-only buffer of
 * its own). For bulk reading use {@link RecordCursor}'s accessors, which copy nothing.
 *
 * @param kind the kind, or null when this reader does not know {@code kindCode}
 */
public record RawRecord(long offset, int kindCode, RecordKind kind, int flags, long seq, long timestampNs, int pid,
        int tid, ByteBuffer payload) implements RecordView {

    /** A fresh little-endian view of the payload, positioned at 0. */
    public ByteBuffer data() {
        return payload.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** A little-endian view of the payload's buffer (held records are few: a view each time is fine). */
    @Override
    public ByteBuffer bytes() {
        return data();
    }

    @Override
    public int payloadAt() {
        return payload.position();
    }

    @Override
    public int payloadSize() {
        return payload.remaining();
    }

    @Override
    public RawRecord copy() {
        return this;
    }
}
