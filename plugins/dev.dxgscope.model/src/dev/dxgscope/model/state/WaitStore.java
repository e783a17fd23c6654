package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.LongMap;
import java.util.List;

/**
 * Every wait of a capture as rows of longs ({@link Rows}; objects, processes and the satisfying
 * signal by id or index), read through {@link Wait} views, so millions of waits are a few thousand
 * pages for the collector rather than millions of objects (rows, not columns: see
 * {@link SignalStore}). 48 bytes a wait, 56 once a GPU wait has a submit behind it. The host event
 * id and the destruction of the object waited on are rare, and kept in side maps.
 */
final class WaitStore {
    private static final Wait.Kind[] KINDS = Wait.Kind.values();
    private static final Wait.Outcome[] OUTCOMES = Wait.Outcome.values();
    private static final int PENDING = Wait.Outcome.PENDING.ordinal();
    /**
     * seq, endSeq, value, process << 32 | object, context << 32 | tid,
     * satisfiedBy << 32 | call << 16 | outcome << 8 | kind.
     */
    private static final int STRIDE = 6;
    private final ObjectTracker objects;
    private final SignalStore signals;
    private final CallNames calls = new CallNames();
    private final Rows rows = new Rows(STRIDE);
    private final LongMap<Long> eventIds = new LongMap<>();
    private final LongMap<Long> objectDestroyed = new LongMap<>();
    private long[] submitsBehind = new long[0];

    WaitStore(ObjectTracker objects, SignalStore signals) {
        this.objects = objects;
        this.signals = signals;
    }

    /** Adds a pending wait; returns its index. {@code ctx} may be null. */
    int add(Wait.Kind k, long seq, DxgProcess p, int tid, SyncObject s, long value, DxgObject ctx, String call) {
        int i = rows.add();
        long[] row = rows.page(i);
        int at = rows.offset(i);
        row[at] = seq;
        row[at + 1] = DxgObject.ALIVE;
        row[at + 2] = value;
        row[at + 3] = Rows.pair(p.index(), s.id());
        row[at + 4] = Rows.pair(ObjectTracker.idOf(ctx), tid);
        row[at + 5] = Rows.pair(-1, calls.id(call) << 16 | PENDING << 8 | k.ordinal());
        return i;
    }

    int size() {
        return rows.size();
    }

    private int flags(int i) {
        return Rows.low(rows.get(i, 5));
    }

    Wait.Kind kind(int i) {
        return KINDS[flags(i) & 0xff];
    }

    Wait.Outcome outcome(int i) {
        return OUTCOMES[flags(i) >>> 8 & 0xff];
    }

    boolean pending(int i) {
        return (flags(i) >>> 8 & 0xff) == PENDING;
    }

    private void end(int i, long at, Wait.Outcome o, int by) {
        int f = flags(i) & ~0xff00 | o.ordinal() << 8;
        rows.set(i, 5, Rows.pair(by, f));
        if (at != DxgObject.ALIVE) {
            rows.set(i, 1, at);
        }
    }

    long seq(int i) {
        return rows.get(i, 0);
    }

    long endSeq(int i) {
        return rows.get(i, 1);
    }

    long value(int i) {
        return rows.get(i, 2);
    }

    DxgProcess process(int i) {
        return objects.processes.get(Rows.high(rows.get(i, 3)));
    }

    int tid(int i) {
        return Rows.low(rows.get(i, 4));
    }

    SyncObject object(int i) {
        return (SyncObject) objects.objects.get(objectId(i));
    }

    /** The id of the object waited on (no lookup). */
    int objectId(int i) {
        return Rows.low(rows.get(i, 3));
    }

    DxgObject context(int i) {
        return objects.object(Rows.high(rows.get(i, 4)));
    }

    String call(int i) {
        return calls.name((short) (flags(i) >>> 16));
    }

    Signal satisfiedBy(int i) {
        return signals.get(Rows.high(rows.get(i, 5)));
    }

    long eventId(int i) {
        Long v = eventIds.get(i);
        return v == null ? 0 : v;
    }

    long objectDestroyedSeq(int i) {
        Long v = objectDestroyed.get(i);
        return v == null ? DxgObject.ALIVE : v;
    }

    void setEventId(int i, long eventId) {
        eventIds.put(i, eventId);
    }

    /** Satisfied at {@code at} by signal {@code by} (-1 when no signal is known); only while pending. */
    void satisfy(int i, long at, int by) {
        if (pending(i)) {
            end(i, at, Wait.Outcome.SATISFIED, by);
        }
    }

    void fail(int i, long at) {
        if (pending(i)) {
            end(i, at, Wait.Outcome.FAILED, -1);
        }
    }

    /**
     * The first submit queued behind a GPU wait on its context or queue while it was pending. Most
     * GPU waits of a render loop have one, so this is a column of its own (seq + 1, 0 for none),
     * made when the first one is seen: 8 bytes a wait in a capture with GPU waits, none otherwise.
     */
    void submittedBehind(int i, long submitSeq) {
        if (!pending(i)) {
            return;
        }
        if (submitsBehind.length <= i) {
            submitsBehind = java.util.Arrays.copyOf(submitsBehind, Math.max(i + 1, Math.max(64, rows.size() * 3 / 2)));
        }
        if (submitsBehind[i] == 0) {
            submitsBehind[i] = submitSeq + 1;
        }
    }

    long submitBehindSeq(int i) {
        return i < submitsBehind.length ? submitsBehind[i] - 1 : -1;
    }

    void objectDestroyed(int i, long at) {
        if (pending(i) && objectDestroyed.get(i) == null) {
            objectDestroyed.put(i, at);
        }
    }

    /** The capture is complete: what is still pending was never satisfied. */
    void finish() {
        if (submitsBehind.length > rows.size()) {
            submitsBehind = java.util.Arrays.copyOf(submitsBehind, rows.size()); /* no spare capacity kept */
        }
        for (int i = 0; i < rows.size(); i++) {
            if (pending(i)) {
                end(i, DxgObject.ALIVE, Wait.Outcome.NEVER_SATISFIED, -1);
            }
        }
    }

    /** All waits as a read-only list of views. */
    List<Wait> list() {
        return RowView.list(rows::size, i -> new Wait(this, i));
    }
}
