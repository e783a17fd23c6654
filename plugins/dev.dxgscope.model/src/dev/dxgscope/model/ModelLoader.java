package dev.dxgscope.model;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureProblem;
import dev.dxgscope.capture.ReadAhead;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.capture.RecordView;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.capture.WindowRecord;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import dev.dxgscope.model.decode.Event;
import dev.dxgscope.model.decode.EventDecoder;
import dev.dxgscope.model.decode.IoctlCall;
import dev.dxgscope.model.decode.SeqOrderer;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.ModelBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * Builds a {@link CaptureModel} from a capture in one sequential pass: records are put in seq
 * order, decoded and applied to the trackers. Damage is skipped and listed on the model's health
 * list. For a capture still being written, {@link #update()} reads what was added since the last
 * call and {@link #finish()} ends the capture for good.
 *
 * <p>When the heap is nearly full ({@link MemoryGuard}), the load stops at a record and the model
 * ends there, with an error on its health list that says where and how to give it more memory:
 * what was read stays, and the views have room to work.
 *
 * <p>Cost: one pass over the file, nothing copied per record; the model keeps 4 bytes per record
 * (its time) plus its objects.
 */
public final class ModelLoader {
    /** Progress and cancellation of a load. */
    public interface Progress {
        /** Bytes read so far of the file's size at the start. */
        void loaded(long bytes, long total);

        boolean cancelled();
    }

    private static final int PROGRESS_EVERY = 1 << 14;
    /** Files at least this large are read ahead on a second thread (smaller ones load in milliseconds). */
    static final long READ_AHEAD_FROM = 16L << 20;

    private final CaptureFile file;
    private final RecordCursor cursor;
    private final ModelBuilder builder;
    private final EventDecoder decoder;
    private final SeqOrderer orderer;
    private final MemoryGuard memory;
    private int problemsSeen;
    /** Records read, all calls together (the memory is checked every {@link #PROGRESS_EVERY}). */
    private long records;
    /** The heap filled up: nothing more is read. */
    private boolean cut;
    /** Where the model ends when {@link #cut}: damage the reader found past it is not the model's. */
    private long cutAt = Long.MAX_VALUE;

    public ModelLoader(CaptureFile file) {
        this(file, MemoryGuard.ofHeap());
    }

    ModelLoader(CaptureFile file, MemoryGuard memory) {
        this.file = file;
        this.memory = memory;
        this.cursor = file.records();
        this.builder = new ModelBuilder();
        this.decoder = new EventDecoder(builder::diagnostic); /* not this::, the model would keep the reader */
        builder.abiFrom(decoder::abi);
        cursor.beforeRefill(decoder::detach);
        this.orderer = new SeqOrderer(this::apply, builder::diagnostic);
    }

    private void apply(RecordView r) {
        builder.record(r.seq(), r.timestampNs());
        RecordKind kind = r.kind();
        if (kind == RecordKind.IOCTL_ENTER || kind == RecordKind.IOCTL_LEAVE) {
            IoctlCall c = decoder.call(r); /* no event object for nearly every record */
            if (c != null && c.returned()) {
                builder.leave(c, r.pid(), r.seq());
            } else if (c != null) {
                builder.enter(c, r.pid(), r.seq());
            }
            return;
        }
        Event e = decoder.decode(r);
        if (e != null) {
            builder.accept(e);
        }
    }

    /** Loads a whole capture. */
    public static CaptureModel load(Path path) throws IOException {
        try (CaptureFile f = CaptureFile.open(path)) {
            return load(f, null);
        }
    }

    /** Loads a whole capture, reporting progress; throws CancellationException when cancelled. */
    public static CaptureModel load(CaptureFile file, Progress progress) throws IOException {
        return load(file, progress, MemoryGuard.ofHeap());
    }

    static CaptureModel load(CaptureFile file, Progress progress, MemoryGuard memory) throws IOException {
        ModelLoader l = new ModelLoader(file, memory);
        l.read(false, progress);
        return l.finish();
    }

    /**
     * Reads the records added since the last call (follow mode: an incomplete record at the end is
     * left for later). Returns whether anything new was read.
     */
    public boolean update() throws IOException {
        return read(true, null, Long.MAX_VALUE) > 0;
    }

    /**
     * Like {@link #update()}, reading at most {@code maxRecords} records, so a caller holding a lock
     * while the model changes holds it for a bounded time. Returns the records read.
     */
    public long update(long maxRecords) throws IOException {
        return read(true, null, maxRecords);
    }

    /** Bytes of the file read so far. */
    public long position() {
        return cursor.position();
    }

    private boolean read(boolean follow, Progress progress) throws IOException {
        return read(follow, progress, Long.MAX_VALUE) > 0;
    }

    private long read(boolean follow, Progress progress, long max) throws IOException {
        if (cut) {
            return 0;
        }
        if (!follow && max == Long.MAX_VALUE && file.size() - cursor.position() >= READ_AHEAD_FROM) {
            return readAhead(progress);
        }
        cursor.follow(follow);
        long total = file.size();
        long n = 0;
        try {
            while (n < max && cursor.next()) {
                orderer.offer(cursor);
                n++;
                if ((++records & (PROGRESS_EVERY - 1)) == 0) {
                    progress(progress, cursor.position(), total);
                    if (memory.full()) {
                        cut(cursor.position(), false);
                        break;
                    }
                }
            }
        } catch (OutOfMemoryError e) {
            cut(cursor.position(), true);
        }
        reportProblems();
        if (progress != null) {
            progress.loaded(cursor.position(), total);
        }
        return n;
    }

    /** Reports how far the load is; throws CancellationException when it was cancelled. */
    private void progress(Progress progress, long position, long total) {
        if (progress != null) {
            if (progress.cancelled()) {
                throw new CancellationException("loading " + file.path() + " was cancelled");
            }
            progress.loaded(position, total);
        }
    }

    /**
     * A whole file on two threads: {@link ReadAhead} reads and checks records while this thread
     * decodes and tracks them. Calls in flight keep views of the windows handed over; they are
     * copied when the next window starts, and the window goes back to the read-ahead's pool.
     */
    private long readAhead(Progress progress) throws IOException {
        long total = file.size();
        long n = 0;
        WindowRecord view = new WindowRecord();
        cursor.beforeRefill(() -> { }); /* windows are handed over, not overwritten */
        try (ReadAhead ahead = ReadAhead.start(cursor)) {
            ByteBuffer window = null;
            long at = cursor.position();
            try {
                for (ReadAhead.Batch b; (b = ahead.next()) != null;) {
                    if (window != null && b.window() != window) {
                        decoder.detach(); /* calls in flight stop pointing into the last window */
                        ahead.release(window);
                    }
                    window = b.window();
                    for (int i = 0; i < b.count(); i++) {
                        at = i + 1 < b.count() ? b.offset(i + 1) : b.position(); /* where the next record starts */
                        orderer.offer(view.set(b.window(), b.at()[i], b.offset(i)));
                    }
                    n += b.count();
                    ahead.recycle(b);
                    progress(progress, at, total);
                    if (memory.full()) {
                        cut(at, false);
                        break;
                    }
                }
            } catch (OutOfMemoryError e) {
                cut(at, true);
            }
        } finally {
            decoder.detach();
            cursor.beforeRefill(decoder::detach);
        }
        reportProblems();
        if (progress != null) {
            progress.loaded(cursor.position(), total);
        }
        return n;
    }

    private void reportProblems() {
        var problems = cursor.problems();
        for (; problemsSeen < problems.size(); problemsSeen++) {
            CaptureProblem p = problems.get(problemsSeen);
            if (p.offset() >= cutAt) {
                continue; /* read ahead past where the model ends */
            }
            builder.diagnostic(new Diagnostic(Severity.ERROR, p.offset(), -1, switch (p.kind()) {
                case DAMAGED -> "damaged bytes skipped (" + p.skipped() + " bytes): " + p.reason();
                case TRUNCATED -> "the capture is cut off here (" + p.skipped() + " bytes unread): " + p.reason();
            }));
        }
    }

    /**
     * The heap filled up: the model ends at {@code offset}, where the next record starts ({@code
     * failed}: an allocation failed while the record before it was applied, which may be partly
     * applied). Records held for a gap are dropped: what they wait for may lie past the end.
     */
    private void cut(long offset, boolean failed) throws IOException {
        cut = true;
        cutAt = offset;
        orderer.discard();
        long seq = -1;
        String at = "";
        try {
            var t = builder.model().timeline();
            seq = t.lastSeq();
            at = String.format(java.util.Locale.ROOT, ", at #%d (%.3f s)", seq,
                    t.size() == 0 ? 0.0 : (t.endNs() - t.startNs()) / 1e9);
        } catch (RuntimeException e) {
            /* a record partly applied: where it ends is the byte alone */
        }
        /*
         * The model grows with the bytes read. It filled the guard's share of the heap (all of it
         * when an allocation failed), and the whole capture should leave the same share free:
         * this much, with a tenth to spare.
         */
        long gib = 1L << 30;
        double share = failed ? 1 / Math.max(0.05, memory.limit()) : 1;
        long need = (long) Math.ceil(memory.max() * share * ((double) file.size() / Math.max(1, offset)) * 1.1 / gib);
        builder.cutForMemory(new Diagnostic(Severity.ERROR, offset, seq, String.format(java.util.Locale.ROOT,
                "not enough memory: the model ends here%s; the last %s of the capture were not read%s."
                        + " dxgscope may use %s of memory: start it with more (DXGSCOPE_HEAP=%dg, for example)"
                        + " to load the whole capture",
                at, dev.dxgscope.model.analysis.Format.bytes(Math.max(0, file.size() - offset)),
                failed ? " (an allocation failed: the record before this byte may be partly applied)" : "",
                dev.dxgscope.model.analysis.Format.bytes(memory.max()), Math.max(need, memory.max() / gib + 1))));
    }

    /** Ends the capture: held records are applied, in-flight calls and pending waits are final. */
    public CaptureModel finish() throws IOException {
        if (!cut) {
            cursor.follow(false);
            while (cursor.next()) {
                orderer.offer(cursor);
            }
        }
        reportProblems();
        orderer.flush();
        decoder.detach(); /* the model keeps the decoder (for its ABI tables), not the reader's buffer */
        builder.finish(decoder.inFlight().size());
        return builder.model();
    }

    /** The model as read so far (live sessions). */
    public CaptureModel model() {
        return builder.model();
    }

    /** Calls entered and not yet returned (blocked calls in a live session). */
    public java.util.Collection<IoctlCall> inFlight() {
        return decoder.inFlight();
    }
}
