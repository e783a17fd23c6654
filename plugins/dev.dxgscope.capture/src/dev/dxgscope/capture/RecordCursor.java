package dev.dxgscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Sequential reading of records, without copying: after {@link #next()} returns true the accessors
 * describe the current record, whose payload stays valid until the next call. Damage is skipped and
 * reported in {@link #problems()}; the end of a truncated file is reported too. In follow mode
 * (tailing a capture that is still being written) a record that is not complete yet ends the
 * current pass instead, and a later {@code next()} picks it up once the collector has written it.
 *
 * <p>Cost: one positional read per 8 MiB window, one CRC-32C per record (hardware accelerated).
 */
public final class RecordCursor implements RecordView {
    private static final int WINDOW = 8 << 20;

    private final CaptureFile file;
    private final CRC32C crc = new CRC32C();
    private final List<CaptureProblem> problems = new ArrayList<>();
    private ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private int windowLimit;
    private long fileSize = -1;
    private long position;
    private boolean follow;
    private boolean finished;

    /** The current record (offset -1 before the first). */
    private final WindowRecord current = new WindowRecord().set(null, 0, -1);
    private Runnable beforeRefill = () -> { };
    private java.util.function.Supplier<ByteBuffer> windows;

    RecordCursor(CaptureFile file, long start) {
        this.file = file;
        this.position = start;
    }

    /**
     * Runs {@code hook} each time before the window's bytes are replaced, so whoever kept views of
     * earlier payloads can copy them first (the model's calls in flight).
     */
    public void beforeRefill(Runnable hook) {
        this.beforeRefill = hook;
    }

    /**
     * Each refill reads into a buffer from {@code source} (at least 8 MiB) instead of overwriting
     * the window, so views of earlier records stay valid while someone holds them ({@link ReadAhead}
     * hands windows to another thread and takes them back); null: reuse one window.
     */
    void windowSource(java.util.function.Supplier<ByteBuffer> source) {
        this.windows = source;
    }

    /** The buffer holding the current record (see {@link #windowSource}). */
    ByteBuffer window() {
        return current.window();
    }

    /** Where the current record starts in {@link #window()}. */
    int at() {
        return current.at();
    }

    /** The file offset of byte 0 of {@link #window()} (a window is one contiguous read). */
    long windowStart() {
        return windowStart;
    }

    /** Follow mode: stop before incomplete records at the end instead of calling them truncated. */
    public RecordCursor follow(boolean on) {
        this.follow = on;
        return this;
    }

    /** Moves to the next whole record; false at the end (in follow mode: for now). */
    public boolean next() throws IOException {
        if (finished) {
            return false;
        }
        if (fileSize < 0 || position + CaptureFormat.HEADER_SIZE > fileSize || follow) {
            fileSize = file.size();
        }
        while (position < fileSize) {
            long available = fileSize - position;
            ensure(position, (int) Math.min(available, CaptureFormat.HEADER_SIZE));
            int length = window.getInt((int) (position - windowStart));
            int need = (int) Math.min(available, Math.max(CaptureFormat.HEADER_SIZE,
                    Math.min(Math.max(length, 0), CaptureFormat.MAX_RECORD)));
            ensure(position, need);
            int i = (int) (position - windowStart);
            String problem = CaptureFormat.problem(window, i, available, crc);
            if (problem == null) {
                current.set(window, i, position);
                position += length;
                return true;
            }
            boolean atEnd = problem == CaptureFormat.TRUNCATED || problem == CaptureFormat.TRUNCATED_HEADER
                    || (length > 0 && position + length >= fileSize);
            if (follow && atEnd) {
                return false; /* the collector has not finished writing it */
            }
            long resume = scanForWhole(position + 8);
            if (resume < 0) {
                if (follow) {
                    return false;
                }
                problems.add(new CaptureProblem(position, CaptureProblem.Kind.TRUNCATED, fileSize - position,
                        problem));
                position = fileSize;
                finished = true;
                return false;
            }
            problems.add(new CaptureProblem(position, CaptureProblem.Kind.DAMAGED, resume - position, problem));
            position = resume;
        }
        return false;
    }

    /** Positions on the record at exactly {@code where}, without scanning. */
    boolean nextAt(long where) throws IOException {
        fileSize = file.size();
        if (where < CaptureFormat.PREAMBLE_SIZE || where >= fileSize) {
            return false;
        }
        long available = fileSize - where;
        ensure(where, (int) Math.min(available, CaptureFormat.HEADER_SIZE));
        int length = window.getInt((int) (where - windowStart));
        ensure(where, (int) Math.min(available, Math.max(CaptureFormat.HEADER_SIZE,
                Math.min(Math.max(length, 0), CaptureFormat.MAX_RECORD))));
        int i = (int) (where - windowStart);
        if (CaptureFormat.problem(window, i, available, crc) != null) {
            return false;
        }
        current.set(window, i, where);
        position = where + length;
        return true;
    }

    /** First offset at or after {@code from} (8-aligned steps) holding a whole record, or -1. */
    private long scanForWhole(long from) throws IOException {
        for (long candidate = from; candidate + CaptureFormat.HEADER_SIZE <= fileSize; candidate += 8) {
            long available = fileSize - candidate;
            ensure(candidate, CaptureFormat.HEADER_SIZE);
            int length = window.getInt((int) (candidate - windowStart));
            if (length < CaptureFormat.HEADER_SIZE || (length & 7) != 0 || length > CaptureFormat.MAX_RECORD
                    || length > available) {
                continue;
            }
            ensure(candidate, length);
            if (CaptureFormat.problem(window, (int) (candidate - windowStart), available, crc) == null) {
                return candidate;
            }
        }
        return -1;
    }

    /** Makes [pos, pos + need) readable in the window. */
    private void ensure(long pos, int need) throws IOException {
        if (pos >= windowStart && pos + need <= windowStart + windowLimit) {
            return;
        }
        beforeRefill.run();
        if (windows != null) {
            ByteBuffer w = windows.get();
            window = w.capacity() >= need ? w : ByteBuffer.allocate(need).order(ByteOrder.LITTLE_ENDIAN);
        } else if (need > window.capacity()) {
            window = ByteBuffer.allocate(Math.max(need, window.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        window.clear();
        windowStart = pos;
        while (window.position() < need) {
            int n = file.read(window, pos + window.position());
            if (n < 0) {
                break;
            }
        }
        windowLimit = window.position();
        window.clear();
    }

    /** Offset of the next record to read. */
    public long position() {
        return position;
    }

    /** Problems found so far, in file order. */
    public List<CaptureProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    @Override
    public long offset() {
        return current.offset();
    }

    public int length() {
        return current.length();
    }

    /* the header fields, read by one WindowRecord moved along with the cursor */

    @Override
    public int kindCode() {
        return current.kindCode();
    }

    /** The kind, or null for a kind this reader does not know. */
    @Override
    public RecordKind kind() {
        return current.kind();
    }

    public int flags() {
        return current.flags();
    }

    public int payloadSize() {
        return current.payloadSize();
    }

    @Override
    public long seq() {
        return current.seq();
    }

    @Override
    public long timestampNs() {
        return current.timestampNs();
    }

    @Override
    public int pid() {
        return current.pid();
    }

    @Override
    public int tid() {
        return current.tid();
    }

    /**
     * The payload as a little-endian view, valid until the window is refilled (see
     * {@link #beforeRefill}); at least until the next call to {@link #next()}.
     */
    @Override
    public ByteBuffer payload() {
        return current.payload();
    }

    @Override
    public ByteBuffer bytes() {
        return current.bytes();
    }

    @Override
    public int payloadAt() {
        return current.payloadAt();
    }

    /** The current record, copied so it outlives the cursor. */
    @Override
    public RawRecord copy() {
        return current.copy();
    }
}
