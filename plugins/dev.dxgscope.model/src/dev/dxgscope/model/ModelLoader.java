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
    private int problemsSeen;

    public ModelLoader(CaptureFile file) {
        this.file = file;
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
        ModelLoader l = new ModelLoader(file);
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
        if (!follow && max == Long.MAX_VALUE && file.size() - cursor.position() >= READ_AHEAD_FROM) {
            return readAhead(progress);
        }
        cursor.follow(follow);
        long total = file.size();
        long n = 0;
        while (n < max && cursor.next()) {
            orderer.offer(cursor);
            n++;
            if ((n & (PROGRESS_EVERY - 1)) == 0) {
                progress(progress, cursor.position(), total);
            }
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
            for (ReadAhead.Batch b; (b = ahead.next()) != null;) {
                if (window != null && b.window() != window) {
                    decoder.detach(); /* calls in flight stop pointing into the last window */
                    ahead.release(window);
                }
                window = b.window();
                for (int i = 0; i < b.count(); i++) {
                    orderer.offer(view.set(b.window(), b.at()[i], b.offset(i)));
                }
                n += b.count();
                ahead.recycle(b);
                progress(progress, b.position(), total);
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
            builder.diagnostic(new Diagnostic(Severity.ERROR, p.offset(), -1, switch (p.kind()) {
                case DAMAGED -> "damaged bytes skipped (" + p.skipped() + " bytes): " + p.reason();
                case TRUNCATED -> "the capture is cut off here (" + p.skipped() + " bytes unread): " + p.reason();
            }));
        }
    }

    /** Ends the capture: held records are applied, in-flight calls and pending waits are final. */
    public CaptureModel finish() throws IOException {
        cursor.follow(false);
        while (cursor.next()) {
            orderer.offer(cursor);
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
