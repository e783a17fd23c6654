package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.Workloads;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.ResidencyOp;
import dev.dxgscope.model.state.VmbusTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VMBus message decoding on the committed captures and on compute-pressure recorded now (the
 * committed ones have no MakeResident): known values, every message of every capture, and every
 * truncation and random corruption of them.
 */
class VmbusDecoderTest {
    static final Path CAPTURES = Workloads.ROOT.resolve("plugins/dev.dxgscope.model.tests/resources/captures");

    @TempDir
    static Path dir;
    private static Path compute;

    @BeforeAll
    static void record() throws Exception {
        compute = Workloads.record(dir, "compute-pressure");
    }

    /** A capture's model with every message read back from the file. */
    record Loaded(CaptureModel model, List<Event.Vmbus> messages) {
        Event.Vmbus requestOf(int i) {
            int p = model.vmbus().pair(i);
            return p >= 0 && model.vmbus().direction(i) == VmbusTable.REPLY ? messages.get(p) : null;
        }

        VmbusField decode(int i) {
            return VmbusDecoder.decode(model.abi(), messages.get(i), requestOf(i));
        }
    }

    static Loaded load(Path file) throws Exception {
        CaptureModel m = ModelLoader.load(file);
        List<Event.Vmbus> out = new ArrayList<>();
        try (CaptureFile f = CaptureFile.open(file)) {
            for (int i = 0; i < m.vmbus().size(); i++) {
                Event.Vmbus v = m.vmbus().message(f, i);
                assertNotNull(v, "message " + i);
                assertEquals(m.vmbus().seq(i), v.seq());
                assertEquals(m.vmbus().messageSize(i), v.message().remaining());
                out.add(v);
            }
        }
        return new Loaded(m, out);
    }

    @Test
    void createAllocationRepliesGiveEachAllocationsSize() throws Exception {
        Loaded l = load(CAPTURES.resolve("leaky-sharer.dxgcap"));
        VmbusTable t = l.model().vmbus();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.commandName(i).equals("CREATEALLOCATION") && t.direction(i) == VmbusTable.REPLY) {
                VmbusField tree = l.decode(i);
                VmbusField infos = tree.find("reply/allocation_info[2]");
                assertNotNull(infos, tree.flatten().toList().toString());
                long cause = t.cause(i);
                List<Allocation> made = l.model().objects().stream()
                        .filter(o -> o instanceof Allocation && o.createdSeq() == cause).map(o -> (Allocation) o)
                        .toList();
                assertEquals(2, made.size());
                for (int k = 0; k < 2; k++) {
                    VmbusField size = infos.find("[" + k + "]/allocation_size");
                    assertEquals(8, size.size());
                    long bytes = Long.parseLong(size.value().split(" ")[0]);
                    assertEquals(made.get(k).size(), bytes, "the model took the size from this reply");
                    assertEquals(String.format("0x%016x", bytes), size.raw());
                    assertEquals("0x" + Integer.toHexString(made.get(k).handle()),
                            infos.find("[" + k + "]/allocation").value());
                    assertEquals(bytes == 4194304 ? "4194304 (4 MiB)" : "2097152 (2 MiB)", size.value());
                    sizes.add(bytes);
                }
                VmbusField priv = tree.find("reply/allocation private driver data");
                assertEquals(t.messageSize(i), priv.end(), "private data runs to the end");
                assertEquals(2, priv.children().size());
            }
        }
        /* A's shared resource: 2 x 4 MiB; B's own allocations: 2 x 2 MiB (workloads/README.md) */
        assertEquals(List.of(4194304L, 4194304L, 2097152L, 2097152L), sizes);
    }

    @Test
    void withoutItsRequestAReplyShowsTheFirstAllocationAndSaysWhy() throws Exception {
        Loaded l = load(CAPTURES.resolve("leaky-sharer.dxgcap"));
        VmbusTable t = l.model().vmbus();
        for (int i = 0; i < t.size(); i++) {
            if (t.commandName(i).equals("CREATEALLOCATION") && t.direction(i) == VmbusTable.REPLY) {
                VmbusField tree = VmbusDecoder.decode(l.model().abi(), l.messages().get(i), null);
                assertNotNull(tree.find("reply/allocation_info[1]/[0]/allocation_size"));
                assertTrue(tree.flatten().anyMatch(f -> f.kind() == VmbusField.Kind.PROBLEM
                        && f.value().contains("request")), tree.flatten().toList().toString());
                return;
            }
        }
    }

    @Test
    void headersAndNamesDecode() throws Exception {
        Loaded l = load(CAPTURES.resolve("leaky-sharer.dxgcap"));
        VmbusTable t = l.model().vmbus();
        for (int i = 0; i < t.size(); i++) {
            VmbusField tree = l.decode(i);
            if (t.direction(i) == VmbusTable.REQUEST) {
                assertEquals(t.commandName(i) + " (" + t.command(i) + ")",
                        tree.find("command header/command_type").value(), tree.toString());
                assertEquals("16", tree.find("extension header/command_offset").value());
            }
            if (t.commandName(i).equals("CREATEPROCESS") && t.direction(i) == VmbusTable.REQUEST) {
                assertEquals("\"leaky-sharer\"", tree.find("command/process_name").value());
                assertEquals("VM_TO_HOST", tree.find("command header/channel_type").value());
            }
            if (t.commandName(i).equals("GETINTERNALADAPTERINFO") && t.direction(i) == VmbusTable.REPLY) {
                assertTrue(tree.find("reply/device_description").value().startsWith("\"dxgsim "),
                        tree.find("reply/device_description").value());
            }
            if (t.direction(i) == VmbusTable.REPLY && t.messageSize(i) == 4
                    && tree.find("reply/status") != null) {
                assertEquals("STATUS_SUCCESS (the record's status)", tree.find("reply/status").value());
            }
        }
    }

    @Test
    void makeResidentListsItsHandlesAndResidencyRepliesTheirStates() throws Exception {
        Loaded l = load(compute);
        VmbusTable t = l.model().vmbus();
        List<ResidencyOp> ops = l.model().residencyOps().stream()
                .filter(o -> o.kind() == ResidencyOp.Kind.MAKE_RESIDENT).toList();
        int requests = 0;
        int states = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.commandName(i).equals("MAKERESIDENT") && t.direction(i) == VmbusTable.REQUEST) {
                VmbusField tree = l.decode(i);
                long cause = t.cause(i);
                ResidencyOp op = ops.stream().filter(o -> o.seq() == cause).findFirst().orElseThrow();
                VmbusField list = tree.find("command/allocations[" + op.allocations().size() + "]");
                assertNotNull(list, tree.flatten().toList().toString());
                List<String> handles = op.allocations().stream().map(Allocation::handle)
                        .map(h -> "0x" + Integer.toHexString(h)).toList();
                assertEquals(handles, list.children().stream().map(VmbusField::value).toList());
                assertEquals(String.valueOf(op.allocations().size()), tree.find("command/alloc_count").value());
                requests++;
            }
            if (t.commandName(i).equals("MAKERESIDENT") && t.direction(i) == VmbusTable.REPLY && t.failed(i)) {
                assertEquals("STATUS_NO_MEMORY", l.decode(i).find("reply/status").value());
            }
            if (t.commandName(i).equals("QUERYALLOCATIONRESIDENCY") && t.direction(i) == VmbusTable.REPLY) {
                VmbusField tree = l.decode(i);
                VmbusField list = tree.child("reply").children().stream()
                        .filter(f -> f.name().startsWith("residency states[")).findFirst().orElseThrow();
                for (VmbusField s : list.children()) {
                    assertTrue(s.value().startsWith("RESIDENT") || s.value().equals("NOTRESIDENT"), s.value());
                    states++;
                }
            }
        }
        assertEquals(ops.size(), requests);
        assertTrue(states > 0);
    }

    @Test
    void everyMessageOfEveryCaptureDecodesAndEveryByteIsShownOnce() throws Exception {
        for (Path p : List.of(CAPTURES.resolve("leaky-sharer.dxgcap"), CAPTURES.resolve("stuck-wait.dxgcap"), compute)) {
            Loaded l = load(p);
            for (int i = 0; i < l.messages().size(); i++) {
                VmbusField tree = l.decode(i);
                checkTree(tree, l.messages().get(i).message().remaining(), p + " message " + i);
                assertFalse(tree.flatten().anyMatch(f -> f.kind() == VmbusField.Kind.PROBLEM),
                        p + " message " + i + ": " + tree.flatten().toList());
            }
        }
    }

    /** Every node lies within the message, and the leaves cover every byte (nothing hidden). */
    static void checkTree(VmbusField tree, int length, String what) {
        assertEquals(0, tree.offset(), what);
        assertEquals(length, tree.size(), what);
        BitSet covered = new BitSet(length);
        tree.flatten().forEach(f -> {
            assertTrue(f.offset() >= 0 && f.size() >= 0 && f.end() <= length, what + ": " + f);
            if (f.leaf()) {
                covered.set(f.offset(), f.end());
            }
        });
        assertEquals(length, covered.cardinality(), what + ": bytes no leaf shows in " + tree.flatten().toList());
    }

    @Test
    void damagedMessagesGivePartialTreesNeverExceptions() throws Exception {
        Random random = new Random(42);
        for (Path p : List.of(CAPTURES.resolve("leaky-sharer.dxgcap"), compute)) {
            Loaded l = load(p);
            for (int i = 0; i < l.messages().size(); i++) {
                Event.Vmbus m = l.messages().get(i);
                byte[] bytes = new byte[m.message().remaining()];
                m.message().duplicate().get(bytes);
                int step = Math.max(1, bytes.length / 97);
                for (int cut = 0; cut < bytes.length; cut += step) {
                    decodeChecked(l, with(m, java.util.Arrays.copyOf(bytes, cut), m.command()), "cut " + cut);
                }
                for (int k = 0; k < 20; k++) {
                    byte[] bad = bytes.clone();
                    for (int j = 0; j < 1 + random.nextInt(8) && bad.length > 0; j++) {
                        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                    }
                    decodeChecked(l, with(m, bad, m.command()), "corrupt " + k);
                    decodeChecked(l, with(m, bad, random.nextInt(2000)), "command");
                }
                VmbusField unknown = VmbusDecoder.decode(l.model().abi(), with(m, bytes, 777), null);
                if (m.direction() == VmbusTable.REQUEST) {
                    assertTrue(unknown.flatten().anyMatch(f -> f.value().contains("unknown command type 777")));
                }
                VmbusField noAbi = VmbusDecoder.decode(AbiTables.empty(), m, null);
                checkTree(noAbi, bytes.length, "no ABI");
            }
        }
    }

    private static void decodeChecked(Loaded l, Event.Vmbus m, String what) {
        checkTree(VmbusDecoder.decode(l.model().abi(), m, null), m.message().remaining(), what);
    }

    private static Event.Vmbus with(Event.Vmbus m, byte[] bytes, int command) {
        return new Event.Vmbus(m.seq(), m.ts(), m.pid(), m.tid(), m.offset(), m.channel(), m.direction(), m.luid(),
                m.cause(), m.transaction(), m.flags(), m.status(), command,
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }
}
