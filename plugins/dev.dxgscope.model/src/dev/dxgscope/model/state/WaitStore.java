package dev.dxgscope.model.state;

import dev.dxgscope.model.decode.LongMap;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Every wait of a capture as columns of primitives (objects, processes and the satisfying signal
 * by id or index), read through {@link Wait} views, so millions of waits are a few arrays for the
 * collector rather than millions of objects: about 46 bytes a wait. The host event id and the
 * destruction of the object waited on are rare, and kept in side maps.
 */
final class WaitStore {
    private static final Wait.Kind[] KINDS = Wait.Kind.values();
    private static final Wait.Outcome[] OUTCOMES = Wait.Outcome.values();
    private final ObjectTracker objects;
    private final SignalStore signals;
    private final CallNames calls = new CallNames();
    private byte[] kind = new byte[16];
    private byte[] outcome = new byte[16];
    private long[] seq = new long[16];
    private long[] endSeq = new long[16];
    private long[] value = new long[16];
    private int[] process = new int[16];
    private int[] tid = new int[16];
    private int[] object = new int[16];
    private int[] context = new int[16];
    private int[] satisfiedBy = new int[16];
    private short[] call = new short[16];
    private final LongMap<Long> eventIds = new LongMap<>();
    private final LongMap<Long> objectDestroyed = new LongMap<>();
    private int size;

    WaitStore(ObjectTracker objects, SignalStore signals) {
        this.objects = objects;
        this.signals = signals;
    }

    /** Adds a pending wait; returns its index. {@code ctx} may be null. */
    int add(Wait.Kind k, long atSeq, DxgProcess p, int thread, SyncObject s, long v, DxgObject ctx, String name) {
        if (size == seq.length) {
            grow(Math.max(16, size * 2));
        }
        int i = size++;
        kind[i] = (byte) k.ordinal();
        outcome[i] = (byte) Wait.Outcome.PENDING.ordinal();
        seq[i] = atSeq;
        endSeq[i] = DxgObject.ALIVE;
        value[i] = v;
        process[i] = p.index();
        tid[i] = thread;
        object[i] = s.id();
        context[i] = ctx == null ? -1 : ctx.id();
        satisfiedBy[i] = -1;
        call[i] = calls.id(name);
        return i;
    }

    private void grow(int n) {
        kind = Arrays.copyOf(kind, n);
        outcome = Arrays.copyOf(outcome, n);
        seq = Arrays.copyOf(seq, n);
        endSeq = Arrays.copyOf(endSeq, n);
        value = Arrays.copyOf(value, n);
        process = Arrays.copyOf(process, n);
        tid = Arrays.copyOf(tid, n);
        object = Arrays.copyOf(object, n);
        context = Arrays.copyOf(context, n);
        satisfiedBy = Arrays.copyOf(satisfiedBy, n);
        call = Arrays.copyOf(call, n);
    }

    int size() {
        return size;
    }

    Wait.Kind kind(int i) {
        return KINDS[kind[i]];
    }

    Wait.Outcome outcome(int i) {
        return OUTCOMES[outcome[i]];
    }

    boolean pending(int i) {
        return outcome[i] == Wait.Outcome.PENDING.ordinal();
    }

    long seq(int i) {
        return seq[i];
    }

    long endSeq(int i) {
        return endSeq[i];
    }

    long value(int i) {
        return value[i];
    }

    DxgProcess process(int i) {
        return objects.processes.get(process[i]);
    }

    int tid(int i) {
        return tid[i];
    }

    SyncObject object(int i) {
        return (SyncObject) objects.objects.get(object[i]);
    }

    /** The id of the object waited on (no lookup). */
    int objectId(int i) {
        return object[i];
    }

    DxgObject context(int i) {
        return context[i] < 0 ? null : objects.objects.get(context[i]);
    }

    String call(int i) {
        return calls.name(call[i]);
    }

    Signal satisfiedBy(int i) {
        return signals.get(satisfiedBy[i]);
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
            endSeq[i] = at;
            outcome[i] = (byte) Wait.Outcome.SATISFIED.ordinal();
            satisfiedBy[i] = by;
        }
    }

    void fail(int i, long at) {
        if (pending(i)) {
            endSeq[i] = at;
            outcome[i] = (byte) Wait.Outcome.FAILED.ordinal();
        }
    }

    void objectDestroyed(int i, long at) {
        if (pending(i) && objectDestroyed.get(i) == null) {
            objectDestroyed.put(i, at);
        }
    }

    /** The capture is complete: what is still pending was never satisfied; spare capacity goes. */
    void finish() {
        for (int i = 0; i < size; i++) {
            if (pending(i)) {
                outcome[i] = (byte) Wait.Outcome.NEVER_SATISFIED.ordinal();
            }
        }
        grow(size);
    }

    /** All waits as a read-only list of views. */
    List<Wait> list() {
        return new Views();
    }

    private final class Views extends AbstractList<Wait> implements RandomAccess {
        @Override
        public Wait get(int i) {
            return new Wait(WaitStore.this, Objects.checkIndex(i, size));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
