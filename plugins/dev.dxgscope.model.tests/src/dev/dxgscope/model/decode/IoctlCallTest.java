package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.RecordCursor;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
