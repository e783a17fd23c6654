package dev.dxgscope.model.state;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Every signal of a capture as columns of primitives (objects and processes by id), read through
 * {@link Signal} views. A load of millions of signals then leaves a few arrays for the collector,
 * not millions of objects to copy: about 34 bytes a signal.
 */
final class SignalStore {
    private static final Signal.Kind[] KINDS = Signal.Kind.values();
    private final ObjectTracker objects;
    private final CallNames calls = new CallNames();
    private byte[] kind = new byte[16];
    private long[] seq = new long[16];
    private long[] value = new long[16];
    private int[] process = new int[16];
    private int[] tid = new int[16];
    private int[] object = new int[16];
    private int[] context = new int[16];
    private short[] call = new short[16];
    private int size;

    SignalStore(ObjectTracker objects) {
        this.objects = objects;
    }

    /** Adds a signal; returns its index. {@code ctx} may be null. */
    int add(Signal.Kind k, long atSeq, DxgProcess p, int thread, SyncObject s, long v, DxgObject ctx, String name) {
        if (size == seq.length) {
            grow(Math.max(16, size * 2));
        }
        int i = size++;
        kind[i] = (byte) k.ordinal();
        seq[i] = atSeq;
        value[i] = v;
        process[i] = p.index();
        tid[i] = thread;
        object[i] = s.id();
        context[i] = ctx == null ? -1 : ctx.id();
        call[i] = calls.id(name);
        return i;
    }

    private void grow(int n) {
        kind = Arrays.copyOf(kind, n);
        seq = Arrays.copyOf(seq, n);
        value = Arrays.copyOf(value, n);
        process = Arrays.copyOf(process, n);
        tid = Arrays.copyOf(tid, n);
        object = Arrays.copyOf(object, n);
        context = Arrays.copyOf(context, n);
        call = Arrays.copyOf(call, n);
    }

    /** Drops the spare capacity (the capture is complete). */
    void trim() {
        grow(size);
    }

    int size() {
        return size;
    }

    Signal get(int i) {
        return i < 0 ? null : new Signal(this, i);
    }

    Signal.Kind kind(int i) {
        return KINDS[kind[i]];
    }

    long seq(int i) {
        return seq[i];
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

    /** The fence's object id of signal i (no lookup). */
    int objectId(int i) {
        return object[i];
    }

    DxgObject context(int i) {
        return context[i] < 0 ? null : objects.objects.get(context[i]);
    }

    String call(int i) {
        return calls.name(call[i]);
    }

    /** All signals as a read-only list of views. */
    List<Signal> list() {
        return new Views();
    }

    private final class Views extends AbstractList<Signal> implements RandomAccess {
        @Override
        public Signal get(int i) {
            return new Signal(SignalStore.this, Objects.checkIndex(i, size));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
