package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The timeline's packed columns: pages that overflow an int, late records, monotonic times. */
class TimelineTest {
    @Test
    void packedColumnKeepsExactValuesAcrossPagesAndOverflows() {
        PackedLongs c = new PackedLongs();
        long v = 1L << 40;
        int n = 3 * PackedLongs.PAGE + 17;
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            /* page 1 gets a jump of 10 s (does not fit an int of ns), the others small steps */
            v += i == PackedLongs.PAGE + 5 ? 10_000_000_000L : 1000 + i % 7;
            expected[i] = v;
            c.add(v);
        }
        c.set(2, expected[2] - 5_000_000_000L); /* a narrow page turned wide by a set */
        expected[2] -= 5_000_000_000L;
        c.trim();
        assertEquals(n, c.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], c.get(i), "value " + i);
        }
    }

    @Test
    void lateRecordsAreSortedInAndTimesNeverGoBack() {
        Timeline t = new Timeline();
        t.add(1, 100, 0);
        t.add(2, 90, 64); /* stamped before the previous seq's record: lifted to 100 */
        t.add(4, 300, 128);
        t.add(3, 250, 192); /* late */
        t.add(5, 5_000_000_000L, 256);
        t.trim();
        assertEquals(5, t.size());
        assertEquals(3, t.seq(2));
        assertEquals(192, t.offsetOf(3));
        assertEquals(128, t.offsetOf(4));
        assertEquals(100, t.timeOf(2));
        assertEquals(250, t.timeOf(3));
        assertEquals(300, t.timeOf(4));
        assertEquals(5_000_000_000L, t.endNs());
        assertEquals(3, t.seqAt(260));
        assertEquals(-1, t.offsetOf(6));
    }
}
