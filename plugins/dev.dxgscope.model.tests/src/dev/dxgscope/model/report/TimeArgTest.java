package dev.dxgscope.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Timeline;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Times typed by the user (report --at/--diff, the workbench's Go to) on a committed capture. */
class TimeArgTest {
    private static CaptureModel m;
    private static Timeline t;

    @BeforeAll
    static void load() throws IOException {
        m = ModelLoader.load(ReportTest.RESOURCES.resolve("captures/stuck-wait.dxgcap"));
        t = m.timeline();
    }

    @Test
    void namesSeqsAndEnds() {
        assertEquals(t.firstSeq(), TimeArg.seq(m, "start"));
        assertEquals(t.lastSeq(), TimeArg.seq(m, " end "));
        long mid = (t.firstSeq() + t.lastSeq()) / 2;
        assertEquals(mid, TimeArg.seq(m, "#" + mid));
        assertEquals(mid, TimeArg.seq(m, "# " + mid));
    }

    @Test
    void timesAreSinceTheStartInAnyUnit() {
        long expected = (t.firstSeq() + t.lastSeq()) / 2;
        long gap = t.timeOf(expected + 1) - t.timeOf(expected);
        assertTrue(gap >= 4, "room for rounding between two records");
        long half = t.timeOf(expected) + gap / 2 - t.startNs(); /* between the record and the next */
        assertEquals(expected, TimeArg.seq(m, half + "ns"));
        assertEquals(expected, TimeArg.seq(m, half / 1e3 + "us"));
        assertEquals(expected, TimeArg.seq(m, half / 1e6 + " ms"));
        assertEquals(expected, TimeArg.seq(m, Double.toString(half / 1e9)));
        assertEquals(t.seqAt(t.startNs()), TimeArg.seq(m, "0"), "the last record at the first instant");
        assertEquals(t.lastSeq(), TimeArg.seq(m, "1e6s"), "past the end is the end");
    }

    @Test
    void aBadEntrySaysWhatToWrite() {
        String outside = assertThrows(IllegalArgumentException.class, () -> TimeArg.seq(m, "#" + (t.lastSeq() + 1)))
                .getMessage();
        assertEquals("seq #" + (t.lastSeq() + 1) + " is not in the capture (#" + t.firstSeq() + " to #" + t.lastSeq()
                + ")", outside);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeArg.seq(m, "#x")).getMessage()
                .contains("write #123"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeArg.seq(m, "soon")).getMessage()
                .contains("250ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeArg.seq(m, "-1ms")).getMessage()
                .contains("must not be negative"));
    }
}
