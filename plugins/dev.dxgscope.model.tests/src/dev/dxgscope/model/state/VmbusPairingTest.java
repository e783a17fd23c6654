package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dxgscope.model.decode.Event;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Requests pair with their replies by channel and transaction id, whatever the ids' values. */
class VmbusPairingTest {
    private static final int MAKERESIDENT = 11;
    private final ModelBuilder builder = new ModelBuilder();
    private long seq;

    private int message(int direction, int channel, long luid, long transaction) {
        seq++;
        builder.accept(new Event.Vmbus(seq, seq * 1000, 7, 7, seq * 64, channel, direction, luid, 0, transaction, 0, 0,
                MAKERESIDENT, ByteBuffer.allocate(0)));
        return (int) seq - 1;
    }

    /**
     * Adapter LUID 4 with transaction 1 and LUID 2 with transaction 32 once mixed into the same
     * number; each reply must still find its own request.
     */
    @Test
    void transactionsOfDifferentAdaptersNeverPairWithEachOther() {
        int first = message(Event.Vmbus.REQUEST, 1, 4, 1);
        int second = message(Event.Vmbus.REQUEST, 1, 2, 32);
        int global = message(Event.Vmbus.REQUEST, 0, 9, 1); /* the global channel has no adapter */
        int secondReply = message(Event.Vmbus.REPLY, 1, 2, 32);
        int firstReply = message(Event.Vmbus.REPLY, 1, 4, 1);
        int globalReply = message(Event.Vmbus.REPLY, 0, 0, 1);
        builder.finish(0);
        VmbusTable t = builder.model().vmbus();
        assertEquals(secondReply, t.pair(second));
        assertEquals(firstReply, t.pair(first));
        assertEquals(globalReply, t.pair(global));
        assertEquals(first, t.pair(firstReply));
    }
}
