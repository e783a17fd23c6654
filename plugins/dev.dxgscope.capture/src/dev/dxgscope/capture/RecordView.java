package dev.dxgscope.capture;

import java.nio.ByteBuffer;

/**
 * One record's header fields and payload, whether copied out ({@link RawRecord}) or read in place
 * ({@link RecordCursor}, valid until it moves on): decoders take either, so the in-order path
 * allocates no record object.
 */
public interface RecordView {
    long offset();

    int kindCode();

    /** The kind, or null when this reader does not know {@link #kindCode()}. */
    RecordKind kind();

    long seq();

    long timestampNs();

    int pid();

    int tid();

    /** The payload as a little-endian view positioned at 0. */
    ByteBuffer payload();

    /**
     * A little-endian buffer holding the payload at {@link #payloadAt()} (the reader's window for a
     * record read in place): hot decoders read it by absolute position, so no view object is made.
     * Valid as long as {@link #payload()} is.
     */
    ByteBuffer bytes();

    /** Where the payload starts in {@link #bytes()}. */
    int payloadAt();

    /** Bytes of payload. */
    int payloadSize();

    /** The record with a payload of its own (a held record outlives the view). */
    RawRecord copy();
}
