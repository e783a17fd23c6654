package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Event;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tracker that throws costs the record it threw on, never the load. */
class TrackerFailureTest {
    private static Event.Vmbus vmbus(long seq) {
        return new Event.Vmbus(seq, seq * 1000, 10, 10, seq * 64, 0, Event.Vmbus.REQUEST, 0, 0, seq, 0, 0, 1,
                ByteBuffer.allocate(0));
    }

    @Test
    void aRecordATrackerThrowsOnIsListedAndTheNextOnesStillApply() {
        ModelBuilder b = new ModelBuilder();
        b.abiFrom(() -> {
            throw new IllegalStateException("boom");
        });
        b.accept(vmbus(7));
        b.accept(new Event.Marker(8, 8000, 10, 10, 512, "after the failure"));
        b.finish(0);
        CaptureModel m = b.model();
        assertEquals(List.of("after the failure"), m.markers().stream().map(Event.Marker::text).toList());
        Diagnostic d = m.diagnostics().get(0);
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals(7, d.seq());
        assertEquals(7 * 64, d.offset());
        assertTrue(d.text().startsWith("internal error: the VMBus tracker failed on a Vmbus record "
                + "(java.lang.IllegalStateException: boom at "), d.text());
        assertTrue(d.text().contains("TrackerFailureTest"), "where it was thrown: " + d.text());
    }

    @Test
    void aBugOnEveryRecordListsTheFirstTwentyAndCountsTheRest() {
        ModelBuilder b = new ModelBuilder();
        b.abiFrom(() -> {
            throw new IllegalStateException("boom");
        });
        for (int seq = 1; seq <= 125; seq++) {
            b.accept(vmbus(seq));
        }
        b.finish(0);
        List<Diagnostic> internal = b.model().diagnostics().stream()
                .filter(d -> d.text().contains("internal error")).toList();
        assertEquals(ModelBuilder.FAILURES_LISTED + 1, internal.size());
        assertEquals(20, internal.get(19).seq());
        assertEquals("105 more records failed in the trackers (internal errors, not listed)", internal.get(20).text());
    }
}
