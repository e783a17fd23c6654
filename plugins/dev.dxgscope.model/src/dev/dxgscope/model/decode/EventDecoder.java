package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.Payloads;
import dev.dxgscope.capture.RecordView;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.decode.Diagnostic.Severity;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns records (in seq order) into typed {@link Event}s: parses every payload FORMAT.md defines,
 * pairs IOCTL_LEAVE with its IOCTL_ENTER, and learns the ABI tables from the ABI record. A record
 * it cannot parse becomes a {@link Diagnostic}, never an exception.
 *
 * <p>Cost: nothing is copied while a record is decoded. A call in flight keeps a view of its enter
 * record in the reader's window; {@link #detach()} copies those views before the window is reused.
 * A returned call's object is reused for a later call, so sequential calls allocate no call object.
 */
public final class EventDecoder {
    private final Consumer<Diagnostic> diagnostics;
    private final LongMap<IoctlCall> inFlight = new LongMap<>();
    /** The call of the last IOCTL_LEAVE decoded, and one whose leave was handled, free for the next call. */
    private IoctlCall returned;
    private IoctlCall spare;
    /** Ioctl kinds by the code's number byte (dxg codes differ there); a code that collides misses. */
    private final IoctlCall.Kind[] kinds = new IoctlCall.Kind[256];
    private AbiTables abi = AbiTables.empty();
    private boolean sawAbi;
    private boolean warnedNoAbi;

    public EventDecoder(Consumer<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    public AbiTables abi() {
        return abi;
    }

    /**
     * Gives every call in flight its own copy of its enter record: the records' buffer is about to
     * be reused. The returned call kept for reuse is dropped, as it points there too (and a finished
     * model would keep the buffer through it). Cost: a copy of each call in flight that still has a
     * view (a handful, normally).
     */
    public void detach() {
        inFlight.forEach(IoctlCall::detach);
        returned = null;
        spare = null;
    }

    /** Calls entered and not returned so far (blocked at the end of the capture, or their leave was lost). */
    public Collection<IoctlCall> inFlight() {
        return inFlight.values();
    }

    private IoctlCall.Kind kind(int code) {
        IoctlCall.Kind k = kinds[code & 0xff];
        if (k != null && k.code() == code) {
            return k;
        }
        k = new IoctlCall.Kind(abi, code);
        kinds[code & 0xff] = k;
        return k;
    }

    /** Decodes one record; null when it yields no event (the ABI record, unknown kinds, damage). */
    public Event decode(RecordView r) {
        reuseReturned();
        RecordKind kind = r.kind();
        if (kind == null) {
            diagnostics.accept(new Diagnostic(Severity.INFO, r.offset(), r.seq(),
                    "record kind " + r.kindCode() + " is not known to this reader; skipped"));
            return null;
        }
        try {
            if (kind == RecordKind.IOCTL_ENTER || kind == RecordKind.IOCTL_LEAVE) {
                IoctlCall c = ioctl(r, kind);
                return c == null ? null : c.returned()
                        ? new Event.IoctlLeave(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), c)
                        : new Event.IoctlEnter(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), c);
            }
            ByteBuffer p = r.payload();
            if (p.position() != 0 || p.order() != ByteOrder.LITTLE_ENDIAN) {
                p = p.slice().order(ByteOrder.LITTLE_ENDIAN);
            }
            return switch (kind) {
                case SESSION -> new Event.Session(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), facts(p));
                case ABI -> {
                    abi = AbiTables.parse(p);
                    java.util.Arrays.fill(kinds, null);
                    sawAbi = true;
                    yield null;
                }
                case END -> new Event.End(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), p.getInt(0),
                        p.getInt(4), p.getLong(8));
                case IOCTL_ENTER, IOCTL_LEAVE -> throw new AssertionError("decoded in place above");
                case FD -> fd(r, p);
                case MMAP -> new Event.Mmap(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), p.getInt(0),
                        p.getInt(4), p.getLong(8), p.getLong(16), p.getInt(24), p.getInt(28));
                case PROCESS -> new Event.Process(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(),
                        Event.ProcessOp.of(p.getInt(0)), p.getInt(4), p.getInt(8), Payloads.strings(p, 16),
                        r.tid() == 0);
                case FENCE_SAMPLE -> fenceSample(r, p);
                case DEVICE_SAMPLE -> new Event.DeviceSample(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(),
                        p.getInt(0), p.getInt(4), p.getLong(8), p.slice(16, p.limit() - 16).order(ByteOrder.LITTLE_ENDIAN));
                case VMBUS -> vmbus(r, p);
                case LOG -> new Event.Log(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), p.getInt(0),
                        p.getLong(8), text(p, 16));
                case MARKER -> new Event.Marker(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), text(p, 0));
                case LOST -> new Event.Lost(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), p.getLong(0),
                        p.getLong(8), p.getInt(16));
            };
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return tooShort(r, kind);
        }
    }

    private Event tooShort(RecordView r, RecordKind kind) {
        diagnostics.accept(new Diagnostic(Severity.WARNING, r.offset(), r.seq(),
                kind + " record is too short for its fields (" + r.payloadSize() + " bytes); skipped"));
        return null;
    }

    private static Map<String, String> facts(ByteBuffer p) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String s : Payloads.strings(p, 0)) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                facts.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return facts;
    }

    /**
     * Decodes an IOCTL_ENTER or IOCTL_LEAVE record to its call without making an event of it: the
     * loader's path, as nearly every record is one. The call has just entered (not
     * {@link IoctlCall#returned()}) or just returned; a returned call is valid until the next record
     * is decoded. Null for another kind of record, or one too short for its fields (reported).
     */
    public IoctlCall call(RecordView r) {
        reuseReturned();
        RecordKind kind = r.kind();
        if (kind != RecordKind.IOCTL_ENTER && kind != RecordKind.IOCTL_LEAVE) {
            return null;
        }
        try {
            return ioctl(r, kind);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            tooShort(r, kind);
            return null;
        }
    }

    /** The last returned call's leave has been handled by now: its object may take the next call. */
    private void reuseReturned() {
        if (returned != null) {
            spare = returned;
            returned = null;
        }
    }

    /**
     * Ioctl records are read in place in {@link RecordView#bytes()} by absolute position: no view
     * object per record.
     */
    private IoctlCall ioctl(RecordView r, RecordKind kind) {
        ByteBuffer b = r.bytes();
        int at = r.payloadAt();
        int end = at + r.payloadSize();
        int head = kind == RecordKind.IOCTL_ENTER ? 24 : 32;
        if (r.payloadSize() < head) {
            tooShort(r, kind);
            return null;
        }
        return kind == RecordKind.IOCTL_ENTER ? enter(r, b, at, end) : leave(r, b, at, end);
    }

    private IoctlCall enter(RecordView r, ByteBuffer b, int at, int end) {
        if (!sawAbi && !warnedNoAbi) {
            warnedNoAbi = true;
            diagnostics.accept(new Diagnostic(Severity.ERROR, r.offset(), r.seq(),
                    "the capture has no ABI record before its first ioctl: arguments cannot be decoded"));
        }
        IoctlCall call = fresh();
        call.enter(kind(b.getInt(at + 4)), r.seq(), r.timestampNs(), r.offset(), r.pid(), r.tid(), b.getInt(at),
                b.getLong(at + 8));
        /* a view of the record: detach() copies it if the call is still in flight when the window moves */
        blocks(call.in(), r, b, at, end, 24, b.getInt(at + 16), "IOCTL_ENTER");
        inFlight.put(r.seq(), call);
        return call;
    }

    private IoctlCall leave(RecordView r, ByteBuffer b, int at, int end) {
        long enterSeq = b.getLong(at);
        IoctlCall call = inFlight.remove(enterSeq);
        if (call == null) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, r.offset(), r.seq(), "IOCTL_LEAVE of #" + enterSeq
                    + " without its IOCTL_ENTER (lost or damaged); the call is known from its result only"));
            call = fresh();
            call.enter(kind(b.getInt(at + 20)), enterSeq, r.timestampNs(), -1, r.pid(), r.tid(),
                    b.getInt(at + 16), 0);
        }
        call.leave(r.seq(), r.timestampNs(), r.offset(), b.getInt(at + 8), b.getInt(at + 12));
        blocks(call.out(), r, b, at, end, 32, b.getInt(at + 24), "IOCTL_LEAVE");
        returned = call;
        return call;
    }

    /** A call object to fill: the last returned one (its leave has been handled by now) or a new one. */
    private IoctlCall fresh() {
        IoctlCall c = spare;
        spare = null;
        return c != null ? c : new IoctlCall();
    }

    /**
     * Points {@code side} at the whole blocks of an ioctl record whose payload is {@code [at, end)} of
     * {@code b}, from {@code head} bytes in; blocks after one that does not fit are reported and dropped.
     */
    private void blocks(IoctlCall.Blocks side, RecordView r, ByteBuffer b, int at, int end, int head, int count,
            String what) {
        long wanted = Integer.toUnsignedLong(count);
        int whole = side.set(b, at, end, at + head, wanted);
        if (whole < wanted) {
            diagnostics.accept(new Diagnostic(Severity.WARNING, r.offset(), r.seq(),
                    what + ": block " + whole + " does not fit the record; decoded the blocks before it"));
        }
    }

    private static Event fd(RecordView r, ByteBuffer p) {
        int count = p.getInt(12);
        if (count < 0 || 16L + 4L * count > p.limit()) {
            throw new IndexOutOfBoundsException();
        }
        int[] fds = new int[count];
        for (int i = 0; i < count; i++) {
            fds[i] = p.getInt(16 + 4 * i);
        }
        return new Event.Fd(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), Event.FdOp.of(p.getInt(0)),
                p.getInt(4), p.getInt(8), fds, Payloads.strings(p, 16 + 4 * count));
    }

    private static Event fenceSample(RecordView r, ByteBuffer p) {
        int count = p.getInt(0);
        if (count < 0 || 8L + 24L * count > p.limit()) {
            throw new IndexOutOfBoundsException();
        }
        int[] handles = new int[count];
        int[] kinds = new int[count];
        long[] vas = new long[count];
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            int at = 8 + 24 * i;
            handles[i] = p.getInt(at);
            kinds[i] = p.getInt(at + 4);
            vas[i] = p.getLong(at + 8);
            values[i] = p.getLong(at + 16);
        }
        return new Event.FenceSample(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), handles, kinds, vas,
                values);
    }

    /**
     * The VMBus message of one VMBUS record read again from the file (the model keeps only its
     * offset); null when the record is not a whole VMBUS record.
     */
    public static Event.Vmbus vmbus(RecordView r) {
        if (r.kind() != RecordKind.VMBUS) {
            return null;
        }
        try {
            return vmbus(r, r.payload().duplicate().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Event.Vmbus vmbus(RecordView r, ByteBuffer p) {
        int size = p.getInt(44);
        if (size < 0 || 48L + size > p.limit()) {
            throw new IndexOutOfBoundsException();
        }
        return new Event.Vmbus(r.seq(), r.timestampNs(), r.pid(), r.tid(), r.offset(), p.getInt(0), p.getInt(4),
                p.getLong(8), p.getLong(16), p.getLong(24), p.getInt(32), p.getInt(36), p.getInt(40),
                p.slice(48, size).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static String text(ByteBuffer p, int from) {
        return new String(Payloads.cString(p, from), StandardCharsets.UTF_8);
    }
}
