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

    /** The record with a payload of its own (a held record outlives the view). */
    RawRecord copy();
}
