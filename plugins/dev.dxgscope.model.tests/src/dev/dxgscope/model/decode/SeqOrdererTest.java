package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dxgscope.capture.RawRecord;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records are delivered in seq order, and a gap is named: as damage, or, right before the END of a
 * size or time limit, as the records the collector did not write on purpose.
 */
class SeqOrdererTest {
    private final List<Long> delivered = new ArrayList<>();
    private final List<Diagnostic> health = new ArrayList<>();
    private final SeqOrderer orderer = new SeqOrderer(r -> delivered.add(r.seq()), health::add);

    private static RawRecord record(long seq, RecordKind kind, int endReason) {
        ByteBuffer p = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(endReason).flip();
        return new RawRecord(seq * 64, kind.code(), kind, 0, seq, seq * 1000, 1, 1, p.asReadOnlyBuffer());
    }

    @Test
    void earlyRecordsWaitForTheGapBeforeThemToFill() {
        orderer.offer(record(1, RecordKind.MARKER, 0));
        orderer.offer(record(3, RecordKind.MARKER, 0));
        orderer.offer(record(2, RecordKind.MARKER, 0));
        orderer.flush();
        assertEquals(List.of(1L, 2L, 3L), delivered);
        assertEquals(List.of(), health);
    }

    @Test
    void aGapBeforeTheEndOfASizeLimitIsNotDamage() {
        orderer.offer(record(1, RecordKind.MARKER, 0));
        orderer.offer(record(2, RecordKind.MARKER, 0));
        orderer.offer(record(10, RecordKind.END, 2));
        orderer.flush();
        assertEquals(List.of(1L, 2L, 10L), delivered);
        assertEquals(1, health.size());
        assertEquals(Severity.INFO, health.get(0).severity());
        assertEquals("records #3..#9 were not written: the recording stopped early (size limit)", health.get(0).text());
    }

    @Test
    void aGapBeforeTheEndOfATimeLimitOrAnInterruptIsNotDamage() {
        orderer.offer(record(1, RecordKind.MARKER, 0));
        orderer.offer(record(3, RecordKind.END, 3));
        orderer.flush();
        SeqOrderer interrupted = new SeqOrderer(r -> { }, health::add);
        interrupted.offer(record(1, RecordKind.MARKER, 0));
        interrupted.offer(record(5, RecordKind.END, 4)); /* Ctrl-C: the collector stops writing, the command runs on */
        interrupted.flush();
        assertEquals(List.of("record #2 was not written: the recording stopped early (time limit)",
                "records #2..#4 were not written: the recording stopped early (collector interrupted)"),
                health.stream().map(Diagnostic::text).toList());
        assertEquals(List.of(Severity.INFO, Severity.INFO), health.stream().map(Diagnostic::severity).toList());
    }

    @Test
    void aGapBeforeAnyOtherRecordIsDamage() {
        orderer.offer(record(1, RecordKind.MARKER, 0));
        orderer.offer(record(3, RecordKind.END, 1)); /* the command exited: nothing was left out on purpose */
        orderer.flush();
        assertEquals(Severity.ERROR, health.get(0).severity());
        assertEquals("record #2 is missing (damaged or never written)", health.get(0).text());
    }
}
