package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dxgscope.model.analysis.VmbusExpert;
import dev.dxgscope.model.analysis.VmbusFilter;
import org.junit.jupiter.api.Test;

/** "Slow" replies on a synthetic table: above the command's p99 (with enough replies) or above 10 ms. */
class VmbusExpertTest {
    private long seq = 1;
    private long ts;

    private void exchange(VmbusTable t, int command, long latencyNs) {
        int request = t.add(seq++, ts, 0, 7, 1, VmbusTable.REQUEST, 0, 0, seq, 0, 0, command, 56);
        ts += latencyNs;
        int reply = t.add(seq++, ts, 0, 7, 1, VmbusTable.REPLY, 0, 0, seq, 0, 0, command, 24);
        t.pair(request, reply);
        ts += 1000;
    }

    @Test
    void slowRepliesAreTheTailOfTheirCommandOrVerySlow() throws Exception {
        VmbusTable t = new VmbusTable();
        for (int k = 1; k <= 200; k++) {
            exchange(t, 11, k * 1000L); /* MAKERESIDENT: 1 to 200 us */
        }
        for (int k = 0; k < 5; k++) {
            exchange(t, 21, 2_000_000); /* QUERYVIDEOMEMORYINFO: 2 ms, too few for a p99 */
        }
        exchange(t, 21, 20_000_000); /* 20 ms */
        t.add(seq++, ts, 0, 7, 1, VmbusTable.REQUEST, 0, 0, seq, 0, 0, 20, 424); /* SUBMITCOMMAND, no reply */
        VmbusExpert x = VmbusExpert.of(t);
        assertEquals(198_000, x.p99(11));
        assertEquals(-1, x.p99(21));
        int[] slow = VmbusFilter.parse("flags ~ slow").apply(t, x);
        assertEquals(3, slow.length, "199 us, 200 us and 20 ms");
        assertEquals(199_000, t.latencyNs(slow[0]));
        assertEquals(20_000_000, t.latencyNs(slow[2]));
        assertEquals(1, VmbusFilter.parse("flags ~ unanswered").apply(t, x).length);
        assertEquals(8, VmbusFilter.parse("latency >= 199us && direction == reply").apply(t, x).length);
        assertEquals(6, VmbusFilter.parse("latency > 1ms && direction == request").apply(t, x).length);
    }
}
