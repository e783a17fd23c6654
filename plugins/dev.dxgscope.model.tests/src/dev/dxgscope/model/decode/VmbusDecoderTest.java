package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.AbiTables;
import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.RecordCursor;
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
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VMBus message decoding on the committed captures (recorded before vmbus-fields.tsv) and on
 * captures recorded now: compute-pressure (MakeResident, residency queries, DestroyAllocation),
 * render-loop and the simulator conformance program (EVICT, which no workload sends): known
 * values, the values each message carries against what its ioctl passed, every message of every
 * capture, and every truncation and random corruption of them.
 */
class VmbusDecoderTest {
    static final Path CAPTURES = Workloads.ROOT.resolve("plugins/dev.dxgscope.model.tests/resources/captures");

    @TempDir
    static Path dir;
    private static Path compute;
    private static Path render;
    private static Path conformance;

    @BeforeAll
    static void record() throws Exception {
        compute = Workloads.record(dir, "compute-pressure");
        render = Workloads.record(dir, "render-loop", "3");
        conformance = Workloads.recordProgram(dir, "conformance", Workloads.SIM_CONFORMANCE);
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

    /** What one ioctl passed: a few argument fields and its handle array, by name. */
    record Passed(String ioctl, Map<String, Long> fields, List<String> handles) {
        String hex(String field) {
            return "0x" + Long.toHexString(fields.get(field));
        }
    }

    /**
     * The ioctls named {@code ioctl} of a capture by enter seq (a VMBus message's cause): {@code fields}
     * as the caller passed them, and the {@code array} buffer the probe copied, as hex handles.
     */
    static Map<Long, Passed> passed(Path file, String ioctl, String array, String... fields) throws Exception {
        Map<Long, Passed> out = new HashMap<>();
        try (CaptureFile f = CaptureFile.open(file)) {
            EventDecoder decoder = new EventDecoder(d -> { });
            RecordCursor c = f.records();
            c.beforeRefill(decoder::detach);
            while (c.next()) {
                if (decoder.decode(c) instanceof Event.IoctlEnter e && e.call().is(ioctl)) {
                    Map<String, Long> values = new LinkedHashMap<>();
                    for (String field : fields) {
                        values.put(field, e.call().u32In(field));
                    }
                    List<String> handles = Arrays.stream(u32s(e.call(), array, false))
                            .mapToObj(h -> "0x" + Integer.toHexString(h)).toList();
                    out.put(e.seq(), new Passed(ioctl, values, handles));
                }
            }
        }
        return out;
    }

    /** The kinds of the leaves under a node (what a reader sees as the bytes' meaning). */
    static Set<VmbusField.Kind> leafKinds(VmbusField node) {
        Set<VmbusField.Kind> kinds = EnumSet.noneOf(VmbusField.Kind.class);
        node.flatten().filter(VmbusField::leaf).forEach(f -> kinds.add(f.kind()));
        return kinds;
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
    void evictRequestsCarryTheHandlesTheirIoctlPassed() throws Exception {
        Loaded l = load(conformance);
        VmbusTable t = l.model().vmbus();
        Map<Long, Passed> calls = passed(conformance, "LX_DXEVICT", "allocations", "device", "alloc_count");
        int requests = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!t.commandName(i).equals("EVICT")) {
                continue;
            }
            VmbusField tree = l.decode(i);
            if (t.direction(i) == VmbusTable.REPLY) {
                VmbusField trim = tree.find("reply/num_bytes_to_trim");
                assertNotNull(trim, tree.flatten().toList().toString());
                assertEquals(8, trim.size());
                assertEquals(8, l.messages().get(i).message().remaining());
                continue;
            }
            Passed call = calls.get(t.cause(i));
            assertNotNull(call, "message " + i + " is caused by an LX_DXEVICT");
            int n = call.handles().size();
            assertEquals(call.fields().get("alloc_count"), (long) n);
            assertEquals(call.hex("device"), tree.find("command/device").value());
            assertEquals(String.valueOf(n), tree.find("command/alloc_count").value());
            assertEquals(24 + 16 + 4, tree.find("command/flags").offset(), "after the two headers and device");
            VmbusField list = tree.find("command/allocations[" + n + "]");
            assertNotNull(list, tree.flatten().toList().toString());
            assertEquals(call.handles(), list.children().stream().map(VmbusField::value).toList());
            assertEquals(Set.of(VmbusField.Kind.FIELD, VmbusField.Kind.ELEMENT), leafKinds(tree.child("command")),
                    "every byte of the command is a field: " + tree.flatten().toList());
            assertEquals(t.messageSize(i), tree.child("command").end(), "nothing after the command");
            requests++;
        }
        assertEquals(calls.size(), requests, "one EVICT request per LX_DXEVICT");
        assertTrue(requests > 0, "sim_conformance evicts");
    }

    @Test
    void destroyAllocationRequestsCarryTheHandlesTheirIoctlPassed() throws Exception {
        int requests = 0;
        for (Path p : List.of(compute, render)) {
            Loaded l = load(p);
            VmbusTable t = l.model().vmbus();
            Map<Long, Passed> calls = passed(p, "LX_DXDESTROYALLOCATION2", "allocations", "device", "resource",
                    "alloc_count");
            for (int i = 0; i < t.size(); i++) {
                if (!t.commandName(i).equals("DESTROYALLOCATION") || t.direction(i) != VmbusTable.REQUEST) {
                    continue;
                }
                VmbusField tree = l.decode(i);
                Passed call = calls.get(t.cause(i));
                assertNotNull(call, p + " message " + i + " is caused by an LX_DXDESTROYALLOCATION2");
                int n = call.handles().size();
                assertTrue(n > 0);
                assertEquals(call.hex("device"), tree.find("command/device").value());
                assertEquals(call.hex("resource"), tree.find("command/resource").value());
                assertEquals(String.valueOf(call.fields().get("alloc_count")), tree.find("command/alloc_count").value());
                assertNotNull(tree.find("command/flags"));
                VmbusField list = tree.find("command/allocations[" + n + "]");
                assertNotNull(list, tree.flatten().toList().toString());
                assertEquals(call.handles(), list.children().stream().map(VmbusField::value).toList());
                /* the sender sizes the message from sizeof: the struct's tail after allocations[1] is padding */
                VmbusField command = tree.child("command");
                assertEquals(Set.of(VmbusField.Kind.FIELD, VmbusField.Kind.ELEMENT, VmbusField.Kind.PADDING),
                        leafKinds(command), tree.flatten().toList().toString());
                VmbusField padding = command.child("(padding)");
                assertEquals(list.end(), padding.offset());
                assertEquals(t.messageSize(i), padding.end(), "nothing unparsed");
                assertTrue(padding.size() <= 8, padding.toString());
                requests++;
            }
        }
        /* compute-pressure: the 300 MiB one, then the 24; render-loop: the 8 (workloads/README.md) */
        assertEquals(3, requests);
    }

    @Test
    void residencyQueriesCarryTheHandlesTheirIoctlPassedAndRepliesTheStatesItReturned() throws Exception {
        Loaded l = load(compute);
        VmbusTable t = l.model().vmbus();
        Map<Long, Passed> calls = passed(compute, "LX_DXQUERYALLOCATIONRESIDENCY", "allocations", "device",
                "resource", "allocation_count");
        Map<Long, int[]> states = new HashMap<>();
        try (CaptureFile f = CaptureFile.open(compute)) {
            EventDecoder decoder = new EventDecoder(d -> { });
            RecordCursor c = f.records();
            while (c.next()) {
                if (decoder.decode(c) instanceof Event.IoctlLeave e && e.call().is("LX_DXQUERYALLOCATIONRESIDENCY")) {
                    states.put(e.call().enterSeq(), u32s(e.call(), "residency_status", true));
                }
            }
        }
        int requests = 0;
        int replies = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!t.commandName(i).equals("QUERYALLOCATIONRESIDENCY")) {
                continue;
            }
            VmbusField tree = l.decode(i);
            Passed call = calls.get(t.cause(i));
            assertNotNull(call, "message " + i + " is caused by an LX_DXQUERYALLOCATIONRESIDENCY");
            int n = call.handles().size();
            assertEquals(24, n, "every allocation, each time (workloads/README.md)");
            if (t.direction(i) == VmbusTable.REPLY) {
                assertEquals("STATUS_SUCCESS", tree.find("reply/status").value());
                VmbusField list = tree.find("reply/residency states[" + n + "]");
                assertNotNull(list, tree.flatten().toList().toString());
                assertEquals(Arrays.stream(states.get(t.cause(i))).mapToObj(Names::residencyStatus).toList(),
                        list.children().stream().map(VmbusField::value).toList());
                replies++;
                continue;
            }
            VmbusField args = tree.find("command/args");
            assertNotNull(args, tree.flatten().toList().toString());
            assertEquals(VmbusField.Kind.STRUCT, args.kind(), "the ioctl's own struct, forwarded");
            assertEquals(32, args.size());
            assertEquals(call.hex("device"), args.child("device").value());
            assertEquals(call.hex("resource"), args.child("resource").value());
            assertEquals(String.valueOf(n), args.child("allocation_count").value());
            VmbusField list = tree.find("command/allocations[" + n + "]");
            assertNotNull(list, tree.flatten().toList().toString());
            assertEquals(args.end(), list.offset(), "the handles follow the struct");
            assertEquals(call.handles(), list.children().stream().map(VmbusField::value).toList());
            assertEquals(Set.of(VmbusField.Kind.FIELD, VmbusField.Kind.ELEMENT), leafKinds(tree.child("command")),
                    tree.flatten().toList().toString());
            assertEquals(t.messageSize(i), list.end(), "nothing unparsed");
            requests++;
        }
        assertEquals(calls.size(), requests);
        assertEquals(requests, replies);
        assertEquals(6, requests, "one per group of 4 (workloads/README.md)");
    }

    @Test
    void repliesInTheRequestBufferShowTheHandlesTheHostFilledIn() throws Exception {
        for (Path file : List.of(render, compute)) {
            Loaded l = load(file);
            VmbusTable t = l.model().vmbus();
            Set<String> contexts = new java.util.HashSet<>();
            Set<String> queues = new java.util.HashSet<>();
            for (var o : l.model().objects()) {
                if (o.type() == dev.dxgscope.model.state.ObjectType.CONTEXT) {
                    contexts.add(o.handleHex());
                } else if (o.type() == dev.dxgscope.model.state.ObjectType.HW_QUEUE) {
                    queues.add(o.handleHex());
                }
            }
            int seen = 0;
            for (int i = 0; i < t.size(); i++) {
                String command = t.commandName(i);
                if (t.direction(i) != VmbusTable.REPLY
                        || !(command.equals("CREATECONTEXTVIRTUAL") || command.equals("CREATEHWQUEUE"))) {
                    continue;
                }
                VmbusField tree = l.decode(i);
                boolean context = command.equals("CREATECONTEXTVIRTUAL");
                VmbusField handle = tree.find("command (returned)/" + (context ? "context" : "hwqueue"));
                assertNotNull(handle, command + " reply: " + tree);
                String value = handle.value().substring(0, 10);
                assertTrue((context ? contexts : queues).contains(value), command + " returned " + handle.value()
                        + ", not a handle the model has: " + (context ? contexts : queues));
                assertFalse(leafKinds(tree).contains(VmbusField.Kind.UNPARSED), command + ": " + tree);
                seen++;
            }
            assertTrue(seen > 0, "replies in " + file.getFileName());
        }
    }

    @Test
    void openResourceRepliesListTheOpenedAllocations() throws Exception {
        Loaded l = load(conformance);
        VmbusTable t = l.model().vmbus();
        Set<String> allocations = new java.util.HashSet<>();
        for (var o : l.model().objects()) {
            if (o.type() == dev.dxgscope.model.state.ObjectType.ALLOCATION) {
                allocations.add(o.handleHex());
            }
        }
        int seen = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!t.commandName(i).equals("OPENRESOURCE") || t.direction(i) != VmbusTable.REPLY || t.status(i) != 0) {
                continue;
            }
            VmbusField tree = l.decode(i);
            VmbusField array = tree.child("reply").children().stream().filter(f -> f.name().startsWith("allocations"))
                    .findFirst().orElse(null);
            assertNotNull(array, "OPENRESOURCE reply: " + tree.flatten().toList());
            VmbusField first = array.children().get(0);
            assertTrue(allocations.contains(first.value().substring(0, 10)), first.value());
            assertFalse(leafKinds(tree).contains(VmbusField.Kind.UNPARSED), tree.toString());
            seen++;
        }
        assertTrue(seen > 0, "the conformance program opens shared resources");
    }

    @Test
    void allocationPriorityRequestsCarryTheirHandlesAndPriorities() throws Exception {
        /* no workload sets priorities: a SETALLOCATIONPRIORITY request built from the capture's own ABI */
        var abi = load(conformance).model().abi();
        var hdr = abi.vmbusStruct("dxgkvmb_command_vgpu_to_host");
        var cmd = abi.vmbusStruct("dxgkvmb_command_setallocationpriority");
        /* the command struct's offsets include its header; two handles and two priorities follow it */
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(cmd.size() + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(hdr.field("command_type").offset(), 59);
        b.putInt(cmd.field("device").offset(), 0x40000040);
        b.putInt(cmd.field("allocation_count").offset(), 2);
        b.putInt(cmd.size(), 0x40000100).putInt(cmd.size() + 4, 0x40000140);
        b.putInt(cmd.size() + 8, 5).putInt(cmd.size() + 12, 7);
        Event.Vmbus m = new Event.Vmbus(1, 0, 1, 1, 0, 1, Event.Vmbus.REQUEST, 0, 0, 1, 0, 0, 59, b);
        VmbusField c = VmbusDecoder.decode(abi, m, null).child("command");
        assertNotNull(c, "the command struct");
        List<String> handles = c.children().stream().filter(f -> f.name().startsWith("allocations")).findFirst()
                .orElseThrow().children().stream().map(f -> f.value().substring(0, 10)).toList();
        assertEquals(List.of("0x40000100", "0x40000140"), handles);
        List<String> priorities = c.children().stream().filter(f -> f.name().startsWith("priorities")).findFirst()
                .orElseThrow().children().stream().map(VmbusField::value).toList();
        assertEquals(List.of("5", "7"), priorities);
        assertFalse(leafKinds(VmbusDecoder.decode(abi, m, null)).contains(VmbusField.Kind.UNPARSED));
    }

    @Test
    void theAdapterHeaderShowsItsChannelTypeAndAsyncBitsAndItsPadding() throws Exception {
        Loaded l = load(render);
        VmbusTable t = l.model().vmbus();
        int seen = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.direction(i) != VmbusTable.REQUEST || t.channel(i) == 0) {
                continue; /* the global channel's header has a plain channel_type field */
            }
            VmbusField header = l.decode(i).child("command header");
            VmbusField bits = header.child("channel_type:8 async_msg:1");
            assertNotNull(bits, header.flatten().toList().toString());
            assertEquals("channel type 0 (vGPU to host), synchronous", bits.value());
            assertFalse(leafKinds(header).contains(VmbusField.Kind.UNDESCRIBED), header.flatten().toList().toString());
            seen++;
        }
        assertTrue(seen > 0);
    }

    @Test
    void withoutVmbusFieldsTheseMessagesStayUndescribed() throws Exception {
        /* the committed captures predate vmbus-fields.tsv: a DESTROYDEVICE command is one undescribed block */
        Loaded l = load(CAPTURES.resolve("leaky-sharer.dxgcap"));
        VmbusTable t = l.model().vmbus();
        assertTrue(l.model().abi().vmbusStruct("dxgkvmb_command_destroyallocation").fields().isEmpty());
        int seen = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.commandName(i).equals("DESTROYDEVICE") && t.direction(i) == VmbusTable.REQUEST) {
                VmbusField command = l.decode(i).child("command");
                assertEquals(VmbusField.Kind.UNDESCRIBED, command.kind());
                assertTrue(command.value().endsWith("no fields in the capture's ABI"), command.value());
                seen++;
            }
        }
        assertTrue(seen > 0);
    }

    @Test
    void withVmbusFieldsEveryCommandStructHasFieldsAndForwardedArgumentsOpen() throws Exception {
        Set<String> withArgs = new java.util.TreeSet<>();
        for (Path p : List.of(compute, render, conformance)) {
            Loaded l = load(p);
            for (int i = 0; i < l.messages().size(); i++) {
                VmbusField tree = l.decode(i);
                String what = p.getFileName() + " message " + i + ": " + tree.flatten().toList();
                assertFalse(tree.flatten().anyMatch(f -> f.value().endsWith("no fields in the capture's ABI")), what);
                VmbusField args = tree.find("command/args");
                if (args != null) {
                    /* the ioctl's own struct, decoded with the capture's d3dkmthk table */
                    assertEquals(VmbusField.Kind.STRUCT, args.kind(), what);
                    assertFalse(args.children().isEmpty(), what);
                    withArgs.add(l.model().vmbus().commandName(i));
                }
            }
        }
        assertTrue(withArgs.containsAll(Set.of("CREATEPAGINGQUEUE", "CREATESYNCOBJECT", "GETDEVICESTATE", "LOCK2",
                "QUERYALLOCATIONRESIDENCY", "QUERYSTATISTICS", "SUBMITCOMMAND", "SUBMITCOMMANDTOHWQUEUE", "UNLOCK2")),
                withArgs.toString());
    }

    @Test
    void everyMessageOfEveryCaptureDecodesAndEveryByteIsShownOnce() throws Exception {
        for (Path p : List.of(CAPTURES.resolve("leaky-sharer.dxgcap"), CAPTURES.resolve("stuck-wait.dxgcap"), compute,
                render, conformance)) {
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
        for (Path p : List.of(CAPTURES.resolve("leaky-sharer.dxgcap"), compute, conformance)) {
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

    /** A call's captured u32 array, copied out of the payload (it is only valid while the call is handled). */
    private static int[] u32s(IoctlCall call, String name, boolean out) {
        IoctlCall.Buffer b = call.buffer(name, out, -1, new IoctlCall.Buffer());
        int[] v = new int[b.u32Count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.u32(i);
        }
        return v;
    }
}
