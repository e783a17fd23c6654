package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
    void addsAfterASetTurnedTheLastPageWideKeepTheirValues() {
        PackedLongs c = new PackedLongs();
        for (int i = 0; i < 10; i++) {
            c.add(1000 + i);
        }
        c.set(9, 1000 + 9 + 10_000_000_000L); /* the page being filled becomes a page of longs */
        c.add(1010);
        c.add(1011);
        assertEquals(12, c.size());
        assertEquals(1000 + 9 + 10_000_000_000L, c.get(9));
        assertEquals(1010, c.get(10));
        assertEquals(1011, c.get(11));
    }

    @Test
    void lateRecordsAreSortedInAndTimesNeverGoBack() {
        Timeline t = new Timeline();
        t.add(1, 100);
        t.add(2, 90); /* stamped before the previous seq's record: lifted to 100 */
        t.add(4, 300);
        t.add(3, 250); /* late */
        t.add(5, 5_000_000_000L);
        t.trim();
        assertEquals(5, t.size());
        assertEquals(3, t.seq(2));
        assertEquals(2, t.indexOf(3));
        assertEquals(3, t.indexOf(4));
        assertEquals(100, t.timeOf(2));
        assertEquals(250, t.timeOf(3));
        assertEquals(300, t.timeOf(4));
        assertEquals(5_000_000_000L, t.endNs());
        assertEquals(3, t.seqAt(260));
        assertEquals(5, t.indexOf(6), "past the end");
    }

    /**
     * Records in order take a shorter path than late ones or ones stamped before the record
     * before them; pages turn wide on a long pause. Whatever the mix, the timeline must hold the
     * records in seq order and, as each one's time, the latest stamp up to that record.
     */
    @Test
    void everyMixOfInOrderLateAndBackwardRecordsGivesTheSameTimeline() {
        Random random = new Random(20261121);
        record Rec(long seq, long ts) {
        }
        List<Rec> added = new ArrayList<>();
        long ts = 1_000_000;
        int n = 3 * PackedLongs.PAGE + 200;
        for (int i = 1; i <= n; i++) {
            ts += i == PackedLongs.PAGE + 9 ? 5_000_000_000L : random.nextInt(2000);
            long stamp = random.nextInt(50) == 0 ? ts - random.nextInt(5000) : ts; /* stamped a little early */
            added.add(new Rec(i, stamp));
        }
        for (int i = 2 * PackedLongs.PAGE; i + 3 < n; i += 1 + random.nextInt(40)) { /* late records from page 2 on */
            java.util.Collections.swap(added, i, i + 1 + random.nextInt(3));
        }
        Timeline t = new Timeline();
        added.forEach(r -> t.add(r.seq(), r.ts()));
        t.trim();

        List<Rec> bySeq = new ArrayList<>(added);
        bySeq.sort(Comparator.comparingLong(Rec::seq));
        assertEquals(n, t.size());
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Rec r = bySeq.get(i);
            latest = Math.max(latest, r.ts());
            assertEquals(r.seq(), t.seq(i), "seq at " + i);
            assertEquals(latest, t.time(i), "time at " + i);
            assertEquals(i, t.indexOf(r.seq()), "index of seq " + r.seq());
        }
    }
}
