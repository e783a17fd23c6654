package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The handle table agrees with a plain map through any mix of puts and removes, and resizes. */
class HandleTableTest {
    private final List<DxgObject> all = new ArrayList<>();
    private final DxgProcess p = new DxgProcess(7, 0, 1, all);

    private DxgObject object(int handle) {
        DxgObject o = new DxgObject(all.size(), ObjectType.ALLOCATION, p, handle, null, all.size(), "test");
        all.add(o);
        return o;
    }

    @Test
    void agreesWithAMapThroughRandomPutsAndRemoves() {
        HandleTable table = new HandleTable(all);
        Map<Integer, DxgObject> expected = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            /* handles spaced 0x40 as the driver hands them out, some with the high bit, few enough to collide */
            int handle = 0x40000000 + (random.nextInt(4_000) << 6) | (random.nextInt(8) == 0 ? 0x80000000 : 0);
            if (random.nextInt(3) == 0) {
                DxgObject o = expected.get(handle);
                if (o != null) {
                    table.remove(o);
                    expected.remove(handle);
                }
            } else {
                DxgObject o = object(handle);
                table.put(o);
                expected.put(handle, o);
            }
            if (step % 1000 == 0) {
                assertEquals(expected.size(), table.size());
            }
        }
        for (int h = 0x40000000; h < 0x40000000 + (4_000 << 6); h += 0x40) {
            assertSame(expected.get(h), table.get(h), Integer.toHexString(h));
            assertSame(expected.get(h | 0x80000000), table.get(h | 0x80000000));
        }
        assertEquals(new HashSet<>(expected.values()), new HashSet<>(table.values()));
    }

    @Test
    void aNewerObjectWithTheSameHandleIsNotRemovedByTheOldOnesEnd() {
        HandleTable table = new HandleTable(all);
        DxgObject old = object(0x40000040);
        table.put(old);
        DxgObject reused = object(0x40000040); /* the capture missed the old one's end */
        table.put(reused);
        table.remove(old);
        assertSame(reused, table.get(0x40000040));
        table.remove(reused);
        assertNull(table.get(0x40000040));
        assertEquals(0, table.size());
        table.remove(old); /* its handle is no longer in the table at all */
        table.remove(object(0x40001000)); /* never put */
        assertEquals(0, table.size());
        table.put(object(0)); /* handle 0 is none */
        assertEquals(0, table.size());
    }
}
