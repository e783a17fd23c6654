package dev.dxgscope.model.state;

import java.util.List;

/**
 * Every signal of a capture as rows of longs ({@link Rows}; objects and processes by id), read
 * through {@link Signal} views. A load of millions of signals then leaves a few thousand pages for
 * the collector, not millions of objects to copy; rows rather than a column per field, because a row is written in
 * one place where columns are as many memory streams as fields. 40 bytes a signal.
 */
final class SignalStore {
    private static final Signal.Kind[] KINDS = Signal.Kind.values();
    /** seq, value, process << 32 | object, context << 32 | tid, call << 8 | kind. */
    private static final int STRIDE = 5;
    private final ObjectTracker objects;
    private final CallNames calls = new CallNames();
    private final Rows rows = new Rows(STRIDE);

    SignalStore(ObjectTracker objects) {
        this.objects = objects;
    }

    /** Adds a signal; returns its index. {@code ctx} may be null. */
    int add(Signal.Kind k, long seq, DxgProcess p, int tid, SyncObject s, long value, DxgObject ctx, String call) {
        int i = rows.add();
        long[] row = rows.page(i);
        int at = rows.offset(i);
        row[at] = seq;
        row[at + 1] = value;
        row[at + 2] = Rows.pair(p.index(), s.id());
        row[at + 3] = Rows.pair(ObjectTracker.idOf(ctx), tid);
        row[at + 4] = (long) calls.id(call) << 8 | k.ordinal();
        return i;
    }

    Signal get(int i) {
        return i < 0 ? null : new Signal(this, i);
    }

    Signal.Kind kind(int i) {
        return KINDS[(int) (rows.get(i, 4) & 0xff)];
    }

    long seq(int i) {
        return rows.get(i, 0);
    }

    long value(int i) {
        return rows.get(i, 1);
    }

    DxgProcess process(int i) {
        return objects.processes.get(Rows.high(rows.get(i, 2)));
    }

    int tid(int i) {
        return Rows.low(rows.get(i, 3));
    }

    SyncObject object(int i) {
        return (SyncObject) objects.objects.get(Rows.low(rows.get(i, 2)));
    }

    DxgObject context(int i) {
        return objects.object(Rows.high(rows.get(i, 3)));
    }

    String call(int i) {
        return calls.name((short) (rows.get(i, 4) >>> 8));
    }

    /** All signals as a read-only list of views. */
    List<Signal> list() {
        return RowView.list(rows::size, i -> new Signal(this, i));
    }
}
