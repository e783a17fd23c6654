package dev.dxgscope.model.decode;

import dev.dxgscope.capture.RawRecord;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.capture.RecordView;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Delivers records in seq order. Seqs are dense (every number handed out is written, FORMAT.md)
 * except right before the END of a recording stopped early, so a record is passed on at once when
 * it is the next expected one, which is nearly always; a record that arrives early is copied and
 * held until the gap before it fills. When the held records pass a bound the gap is declared
 * missing (damage, a killed writer) and delivery goes on; a gap before such an END is said as what
 * it is.
 *
 * <p>Cost: nothing on the in-order path (the cursor itself is passed on); a payload copy and a heap
 * insertion per held record.
 */
public final class SeqOrderer {
    /** Held records beyond which a gap is given up on. */
    static final int MAX_HELD = 1 << 16;
    static final long MAX_HELD_BYTES = 64L << 20;
    private static final int MAX_GAP_DIAGNOSTICS = 50;

    private final Consumer<RecordView> sink;
    private final Consumer<Diagnostic> diagnostics;
    private final PriorityQueue<RawRecord> held = new PriorityQueue<>((a, b) -> Long.compare(a.seq(), b.seq()));
    private long heldBytes;
    private long next = 1;
    private long gaps;

    public SeqOrderer(Consumer<RecordView> sink, Consumer<Diagnostic> diagnostics) {
        this.sink = sink;
        this.diagnostics = diagnostics;
    }

    /** Offers a record read in place (a cursor or a window view): copied only if it must be held. */
    public void offer(RecordView c) {
        long seq = c.seq();
        if (seq == next && held.isEmpty()) {
            next++;
            sink.accept(c); /* in place: the sink is done with it before the view moves */
            return;
        }
        offer(c.copy());
    }

    /** Offers a record that owns its payload. */
    public void offer(RawRecord r) {
        long seq = r.seq();
        if (seq < next) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, r.offset(), seq, "record #" + seq
                    + " arrived after later records had been used (seq " + (next - 1) + "); applied late"));
            sink.accept(r);
            return;
        }
        if (seq == next && held.isEmpty()) {
            next++;
            sink.accept(r);
            return;
        }
        held.add(r);
        heldBytes += r.payload().remaining() + 64;
        release();
        while (held.size() > MAX_HELD || heldBytes > MAX_HELD_BYTES) {
            skipGap();
            release();
        }
    }

    /**
     * Drops what is held: the model ends before the capture does (memory ran out), and the records
     * a held one waits for may lie past its end, so its gap is no damage.
     */
    public void discard() {
        held.clear();
        heldBytes = 0;
    }

    /** Delivers everything still held, declaring the gaps missing: the capture is complete. */
    public void flush() {
        while (!held.isEmpty()) {
            skipGap();
            release();
        }
    }

    private void release() {
        while (!held.isEmpty() && held.peek().seq() == next) {
            RawRecord r = held.poll();
            heldBytes -= r.payload().remaining() + 64;
            next++;
            sink.accept(r);
        }
    }

    private void skipGap() {
        RawRecord first = held.peek();
        if (first == null || first.seq() <= next) {
            return;
        }
        long count = first.seq() - next;
        String stopped = stoppedEarly(first);
        if (stopped != null) { /* not damage: the collector stopped writing on purpose */
            diagnostics.accept(new Diagnostic(Severity.INFO, first.offset(), first.seq(), (count == 1
                    ? "record #" + next + " was" : "records #" + next + "..#" + (first.seq() - 1) + " were")
                    + " not written: " + stopped));
            next = first.seq();
            return;
        }
        gaps++;
        if (gaps <= MAX_GAP_DIAGNOSTICS) {
            diagnostics.accept(new Diagnostic(Severity.ERROR, first.offset(), first.seq(), count == 1
                    ? "record #" + next + " is missing (damaged or never written)"
                    : "records #" + next + "..#" + (first.seq() - 1) + " are missing (damaged or never written)"));
        } else if (gaps == MAX_GAP_DIAGNOSTICS + 1) {
            diagnostics.accept(new Diagnostic(Severity.ERROR, first.offset(), first.seq(),
                    "more gaps in the seq numbers follow; only the first " + MAX_GAP_DIAGNOSTICS + " are listed"));
        }
        next = first.seq();
    }

    /**
     * "the recording stopped early (size limit)" when {@code r} is the END of a recording stopped
     * before its command ended (a limit, an interrupt), else null. The probe hands out seqs until the
     * END; the collector writes none after it stopped.
     */
    private static String stoppedEarly(RawRecord r) {
        if (r.kind() != RecordKind.END || r.payloadSize() < 4) {
            return null;
        }
        int reason = r.data().getInt(0);
        return Event.End.stoppedEarly(reason) ? "the recording stopped early (" + Event.End.reasonText(reason) + ")"
                : null;
    }
}
