package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.Payloads;
import dev.dxgscope.capture.RawRecord;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.model.Workloads;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields read by name: an ioctl kind finds a name once and then by reference, so every way of
 * asking (the ABI's own strings, equal strings that are other objects, more names than the kind
 * keeps, names the struct does not have) must read what the argument struct holds at the offset.
 */
class IoctlCallTest {
    @Test
    void everyFieldReadByNameIsTheValueAtItsOffsetHoweverItIsAskedFor() throws Exception {
        Set<String> kinds = new HashSet<>();
        int reads = 0;
        for (String capture : new String[] {"leaky-sharer.dxgcap", "stuck-wait.dxgcap"}) {
            try (CaptureFile f = CaptureFile.open(VmbusDecoderTest.CAPTURES.resolve(capture))) {
                EventDecoder decoder = new EventDecoder(d -> { });
                RecordCursor c = f.records();
                c.beforeRefill(decoder::detach);
                while (c.next()) {
                    if (!(decoder.decode(c) instanceof Event.IoctlEnter e) || e.call().argStruct() == null
                            || e.call().argIn() == null) {
                        continue;
                    }
                    IoctlCall call = e.call();
                    ByteBuffer arg = call.argIn();
                    kinds.add(call.name());
                    for (int round = 0; round < 2; round++) { /* the second round finds what the first kept */
                        for (AbiTables.Field field : call.argStruct().fields().values()) {
                            long expected = field.offset() + 4 <= arg.remaining() && field.size() >= 4
                                    ? Integer.toUnsignedLong(arg.getInt(field.offset())) : IoctlCall.UNKNOWN;
                            if (expected == IoctlCall.UNKNOWN) {
                                continue;
                            }
                            assertEquals(expected, call.u32In(field.name()), call + " " + field.name());
                            assertEquals(expected, call.u32In(new String(field.name())), call + " " + field.name());
                            reads++;
                        }
                        assertEquals(IoctlCall.UNKNOWN, call.u32In("no_such_field"), call.name());
                    }
                }
            }
        }
        assertTrue(kinds.size() >= 10, "many ioctl kinds: " + kinds);
        assertTrue(reads > 400, "many reads: " + reads);
    }

    /**
     * A kind keeps at most a fixed number of names (interned ones only). Asked for many more, the
     * ones it keeps must still be found where they were put and the others looked up each time:
     * every field reads its value before, while and after the table is full.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) /* a full table must not make a probe spin */
    void aKindAskedForMoreNamesThanItKeepsStillReadsEveryField() throws Exception {
        int calls = 0;
        try (CaptureFile f = CaptureFile.open(VmbusDecoderTest.CAPTURES.resolve("leaky-sharer.dxgcap"))) {
            EventDecoder decoder = new EventDecoder(d -> { });
            RecordCursor c = f.records();
            c.beforeRefill(decoder::detach);
            while (c.next() && calls < 40) {
                if (!(decoder.decode(c) instanceof Event.IoctlEnter e) || e.call().argStruct() == null
                        || e.call().argIn() == null) {
                    continue;
                }
                IoctlCall call = e.call();
                ByteBuffer arg = call.argIn();
                for (int round = 0; round < 3; round++) {
                    for (AbiTables.Field field : call.argStruct().fields().values()) {
                        if (field.size() >= 4 && field.offset() + 4 <= arg.remaining()) {
                            assertEquals(Integer.toUnsignedLong(arg.getInt(field.offset())),
                                    call.u32In(field.name().intern()), call + " " + field.name() + " round " + round);
                        }
                    }
                    for (int i = 0; i < 100; i++) { /* fills the table past what it keeps */
                        assertEquals(IoctlCall.UNKNOWN, call.u32In(("no_field_" + round + "_" + i).intern()));
                    }
                }
                calls++;
            }
        }
        assertTrue(calls >= 20, "calls: " + calls);
    }

    /**
     * Captured buffers read in place: for every readable buffer block of every call (parsed here
     * from the record on its own, FORMAT.md), the first block of that name and element is what the
     * call's view reads, element by element; a name the call does not have reads as not captured.
     */
    @Test
    void everyCapturedBufferReadsTheBytesOfItsBlock(@TempDir Path dir) throws Exception {
        IoctlCall.Buffer view = new IoctlCall.Buffer();
        Set<String> names = new HashSet<>();
        int elements = 0;
        int laterElements = 0;
        for (Path capture : new Path[] {VmbusDecoderTest.CAPTURES.resolve("leaky-sharer.dxgcap"),
                VmbusDecoderTest.CAPTURES.resolve("stuck-wait.dxgcap"), Workloads.record(dir, "compute-pressure")}) {
            try (CaptureFile f = CaptureFile.open(capture)) {
                EventDecoder decoder = new EventDecoder(d -> { });
                RecordCursor c = f.records();
                c.beforeRefill(decoder::detach);
                while (c.next()) {
                    RawRecord r = c.copy();
                    Event e = decoder.decode(c);
                    IoctlCall call = e instanceof Event.IoctlEnter in ? in.call()
                            : e instanceof Event.IoctlLeave out ? out.call() : null;
                    if (call == null || call.ioctl() == null) {
                        continue;
                    }
                    boolean leave = e instanceof Event.IoctlLeave;
                    ByteBuffer p = r.payload().slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int from = leave ? 32 : 24;
                    long count = Integer.toUnsignedLong(p.getInt(leave ? 24 : 16));
                    Set<String> seen = new HashSet<>();
                    for (Payloads.Block b : Payloads.blocks(p, from, count).blocks()) {
                        if (b.role() != Payloads.Block.BUFFER || (b.flags() & Payloads.Block.UNREADABLE) != 0) {
                            continue;
                        }
                        AbiTables.Buffer row = decoder.abi().buffers(call.name()).get(b.buffer());
                        int element = row.parent() >= 0 ? b.element() : -1;
                        if (!seen.add(row.name() + "/" + element)) {
                            continue; /* the view reads the first such block */
                        }
                        call.buffer(row.name(), leave, element, view);
                        ByteBuffer data = b.data().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        assertTrue(view.captured(), call + " " + row.name());
                        assertEquals(data.remaining(), view.size(), call + " " + row.name());
                        for (int i = 0; i < view.u32Count(); i++) {
                            assertEquals(data.getInt(data.position() + 4 * i), view.u32(i), call + " " + row.name());
                            assertEquals(Integer.toUnsignedLong(data.getInt(data.position() + 4 * i)), view.u32At(4 * i));
                            elements++;
                        }
                        for (int i = 0; i < view.u64Count(); i++) {
                            assertEquals(data.getLong(data.position() + 8 * i), view.u64(i), call + " " + row.name());
                        }
                        assertThrows(IndexOutOfBoundsException.class, () -> view.u32(view.u32Count()));
                        assertEquals(IoctlCall.UNKNOWN, view.u64At(view.size() - 7));
                        names.add(call.name() + ":" + row.name());
                        laterElements += element > 0 ? 1 : 0;
                    }
                    assertFalse(call.buffer("no_such_buffer", leave, -1, view).captured());
                    assertEquals(0, view.u32Count());
                }
            }
        }
        assertTrue(names.size() >= 8, "many buffers: " + names);
        assertTrue(elements > 200, "many elements: " + elements);
        assertTrue(laterElements > 10, "buffers of elements after the first: " + laterElements);
    }
}
