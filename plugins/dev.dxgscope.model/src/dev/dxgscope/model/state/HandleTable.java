package dev.dxgscope.model.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's live handle table while the model is built: handle value to the object behind it.
 * Each slot is one long (the handle in the high half, the object's id in the low half, 0 when
 * empty: 0 is no handle), so a lookup reads one array and storing an entry stores no reference,
 * which under G1 costs a barrier and a card to scan per store (in a table that lives as long as
 * the process). Open addressing, linear probing, backward-shift deletion, at most half full.
 *
 * <p>Cost: 8 bytes a slot, 16 to 32 per live handle; a lookup is one probe or a few, plus one read
 * of the capture's object list.
 */
final class HandleTable {
    private final List<DxgObject> all;
    private long[] slots = new long[64];
    private int size;

    /** {@code all}: the capture's objects, by id. */
    HandleTable(List<DxgObject> all) {
        this.all = all;
    }

    private static int home(int handle, int mask) {
        long h = handle * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private static int handleOf(long slot) {
        return (int) (slot >>> 32);
    }

    /** The slot of {@code handle}: where it is, or the empty slot where it would go. */
    private int find(int handle) {
        int mask = slots.length - 1;
        int i = home(handle, mask);
        while (slots[i] != 0 && handleOf(slots[i]) != handle) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The object behind {@code handle} now, or null. */
    DxgObject get(int handle) {
        long s = slots[find(handle)];
        return s == 0 ? null : all.get((int) s);
    }

    /** Puts {@code o} behind its handle, in place of what was there (an end the capture missed); handle 0 is none. */
    void put(DxgObject o) {
        int handle = o.handle();
        if (handle == 0) {
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long s : old) {
                if (s != 0) {
                    slots[find(handleOf(s))] = s;
                }
            }
        }
        int i = find(handle);
        if (slots[i] == 0) {
            size++;
        }
        slots[i] = ((long) handle << 32) | (o.id() & 0xFFFFFFFFL);
    }

    /** Takes {@code o} out if it is what its handle names now (a newer object may have that handle). */
    void remove(DxgObject o) {
        int i = find(o.handle());
        if (slots[i] == 0 || (int) slots[i] != o.id()) {
            return;
        }
        int mask = slots.length - 1;
        slots[i] = 0;
        size--;
        for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int h = home(handleOf(slots[j]), mask);
            /* move the entry back into the hole unless its home lies cyclically in (i, j] */
            if (i <= j ? (h <= i || h > j) : (h <= i && h > j)) {
                slots[i] = slots[j];
                slots[j] = 0;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    /** The objects in the table, in no particular order (a copy). */
    List<DxgObject> values() {
        List<DxgObject> out = new ArrayList<>(size);
        for (long s : slots) {
            if (s != 0) {
                out.add(all.get((int) s));
            }
        }
        return out;
    }
}
