package dev.dxgscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java reader against captures written by the C probe and collector. */
class CaptureReaderTest {
    @TempDir
    static Path dir;
    static Path threads;
    static Path tree;
    static Path badptr;

    @BeforeAll
    static void record() throws Exception {
        threads = NativeTools.record(dir, "threads", "threads", "3", "500");
        tree = NativeTools.record(dir, "tree", "tree");
        badptr = NativeTools.record(dir, "badptr", "badptr");
    }

    @Test
    void javaDumpEqualsTheCDumpLineForLine() throws Exception {
        /* and, with VMBus messages, fd passing and device samples: a committed simulator capture and a snapshot */
        Path sharer = NativeTools.ROOT.resolve("plugins/dev.dxgscope.model.tests/resources/captures/leaky-sharer.dxgcap");
        Path snapshot = dir.resolve("snapshot.dxgcap");
        NativeTools.run(Map.of(), NativeTools.DXGCAP.toString(), "snapshot", "--sim", "--interval", "100", "--duration",
                "1", "-o", snapshot.toString());
        for (Path capture : List.of(threads, tree, badptr, sharer, snapshot)) {
            String c = NativeTools.run(Map.of(), NativeTools.DXGCAP.toString(), "dump", capture.toString());
            try (CaptureFile file = CaptureFile.open(capture)) {
                assertEquals(c, CaptureDump.dump(file), capture.getFileName().toString());
            }
        }
    }

    @Test
    void anErrorOnTheReadAheadThreadReachesTheConsumerInsteadOfHangingIt() throws Exception {
        try (CaptureFile file = CaptureFile.open(threads)) {
            RecordCursor cursor = file.records();
            cursor.beforeRefill(() -> {
                throw new OutOfMemoryError("no room for a window");
            });
            OutOfMemoryError e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (ReadAhead ahead = ReadAhead.start(cursor)) {
                    return assertThrows(OutOfMemoryError.class, () -> {
                        while (ahead.next() != null) {
                            /* drain */
                        }
                    });
                }
            });
            assertEquals("no room for a window", e.getMessage());
        }
    }

    @Test
    void readsEveryRecordWithItsFields() throws Exception {
        try (CaptureFile file = CaptureFile.open(threads)) {
            assertEquals(Preamble.State.COMPLETE, file.preamble().state());
            RecordCursor c = file.records();
            assertTrue(c.next());
            assertEquals(RecordKind.SESSION, c.kind());
            List<String> session = Payloads.strings(c.payload(), 0);
            assertTrue(session.contains("clock=CLOCK_MONOTONIC"), session.toString());
            assertTrue(c.next());
            assertEquals(RecordKind.ABI, c.kind());
            AbiTables abi = AbiTables.parse(c.payload());
            assertEquals(24, abi.struct("d3dkmt_queryadapterinfo").size());
            assertEquals(16, abi.struct("d3dkmt_queryadapterinfo").field("private_data_size").offset());
            assertEquals("LX_DXQUERYADAPTERINFO", abi.ioctlByCode(0xc0184709).name());
            int enters = 0;
            int leaves = 0;
            long records = 2;
            while (c.next()) {
                records++;
                if (c.kind() == RecordKind.IOCTL_ENTER) {
                    enters++;
                    ByteBuffer p = c.payload();
                    assertEquals(0xc0184709, p.getInt(4));
                    Payloads.Blocks blocks = Payloads.blocks(p, 24, p.getInt(16));
                    assertEquals(Payloads.Block.ARG, blocks.blocks().get(0).role());
                    assertEquals(24, blocks.blocks().get(0).data().limit());
                } else if (c.kind() == RecordKind.IOCTL_LEAVE) {
                    leaves++;
                    assertEquals(25, c.payload().getInt(12), "ENOTTY from /dev/null");
                }
            }
            assertEquals(1500, enters);
            assertEquals(1500, leaves);
            assertEquals(file.preamble().records(), records);
            assertTrue(c.problems().isEmpty(), c.problems().toString());
        }
    }

    @Test
    void unreadableTargetMemoryIsFlagged() throws Exception {
        try (CaptureFile file = CaptureFile.open(badptr)) {
            RecordCursor c = file.records();
            int unreadable = 0;
            while (c.next()) {
                if (c.kind() == RecordKind.IOCTL_ENTER) {
                    for (Payloads.Block b : Payloads.blocks(c.payload(), 24, c.payload().getInt(16)).blocks()) {
                        unreadable += b.unreadable() ? 1 : 0;
                    }
                }
            }
            assertEquals(4, unreadable);
        }
    }

    /** The tree capture without its 43 KB ABI record: small enough to cut at every byte. */
    private static byte[] smallCapture() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] all = Files.readAllBytes(tree);
        out.write(all, 0, CaptureFormat.PREAMBLE_SIZE);
        try (CaptureFile file = CaptureFile.open(tree)) {
            RecordCursor c = file.records();
            while (c.next()) {
                if (c.kind() != RecordKind.ABI) {
                    out.write(all, (int) c.offset(), c.length());
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void aCutAtEveryByteReadsEveryWholeRecordAndReportsTheCut() throws Exception {
        byte[] all = smallCapture();
        Path small = dir.resolve("small.dxgcap");
        Files.write(small, all);
        List<Long> ends = new ArrayList<>();
        try (CaptureFile file = CaptureFile.open(small)) {
            RecordCursor c = file.records();
            while (c.next()) {
                ends.add(c.position());
            }
        }
        assertTrue(ends.size() > 20 && all.length < 8000, ends.size() + " records, " + all.length + " bytes");
        Path cut = dir.resolve("cut.dxgcap");
        for (int size = 0; size <= all.length; size++) {
            Files.write(cut, java.util.Arrays.copyOf(all, size));
            if (size < CaptureFormat.PREAMBLE_SIZE) {
                assertThrows(NotACaptureException.class, () -> CaptureFile.open(cut).close());
                continue;
            }
            try (CaptureFile file = CaptureFile.open(cut)) {
                RecordCursor c = file.records();
                int n = 0;
                while (c.next()) {
                    n++;
                }
                int whole = 0;
                while (whole < ends.size() && ends.get(whole) <= size) {
                    whole++;
                }
                assertEquals(whole, n, "records before a cut at " + size);
                long boundary = whole == 0 ? CaptureFormat.PREAMBLE_SIZE : ends.get(whole - 1);
                if (boundary == size) {
                    assertTrue(c.problems().isEmpty(), "cut on a boundary at " + size);
                } else {
                    assertEquals(1, c.problems().size(), "cut at " + size);
                    CaptureProblem p = c.problems().get(0);
                    assertEquals(CaptureProblem.Kind.TRUNCATED, p.kind());
                    assertEquals(boundary, p.offset());
                }
            }
        }
    }

    @Test
    void damageCostsOnlyTheRecordsItHits() throws Exception {
        byte[] all = Files.readAllBytes(threads);
        long total;
        long victim;
        try (CaptureFile file = CaptureFile.open(threads)) {
            RecordCursor c = file.records();
            List<Long> offsets = new ArrayList<>();
            while (c.next()) {
                offsets.add(c.offset());
            }
            total = offsets.size();
            victim = offsets.get(offsets.size() / 2);
        }
        all[(int) victim + 50] ^= 0x10;
        Path damaged = dir.resolve("damaged.dxgcap");
        Files.write(damaged, all);
        try (CaptureFile file = CaptureFile.open(damaged)) {
            RecordCursor c = file.records();
            long n = 0;
            while (c.next()) {
                n++;
            }
            assertEquals(total - 1, n);
            assertEquals(1, c.problems().size());
            assertEquals(new CaptureProblem(victim, CaptureProblem.Kind.DAMAGED, c.problems().get(0).skipped(),
                    "checksum mismatch"), c.problems().get(0));
        }
    }

    @Test
    void tailsAGrowingCaptureWithoutLosingOrRepeatingRecords() throws Exception {
        byte[] all = Files.readAllBytes(threads);
        Path growing = dir.resolve("growing.dxgcap");
        Files.write(growing, java.util.Arrays.copyOf(all, CaptureFormat.PREAMBLE_SIZE));
        long expected;
        try (CaptureFile file = CaptureFile.open(threads)) {
            expected = file.preamble().records();
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        try (CaptureFile file = CaptureFile.open(growing);
                FileChannel out = FileChannel.open(growing, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            RecordCursor c = file.records().follow(true);
            int written = CaptureFormat.PREAMBLE_SIZE;
            java.util.Random random = new java.util.Random(7);
            while (written < all.length) {
                int chunk = Math.min(all.length - written, 1 + random.nextInt(3000));
                out.write(ByteBuffer.wrap(all, written, chunk));
                written += chunk;
                while (c.next()) {
                    assertTrue(seen.add(c.seq()), "record #" + c.seq() + " read twice");
                }
            }
            assertTrue(c.problems().isEmpty(), c.problems().toString());
        }
        assertEquals(expected, seen.size());
    }

    @Test
    void indexOrdersBySeqAndReadsAnyRecord() throws Exception {
        try (CaptureFile file = CaptureFile.open(threads)) {
            CaptureIndex index = CaptureIndex.build(file);
            assertEquals(file.preamble().records(), index.size());
            for (int i = 1; i < index.size(); i++) {
                assertTrue(index.seq(i - 1) < index.seq(i));
            }
            int middle = index.size() / 2;
            RawRecord r = index.read(file, middle);
            assertEquals(index.seq(middle), r.seq());
            assertEquals(middle, index.indexOfSeq(r.seq()));
            assertThrows(IOException.class, () -> file.readAt(index.offset(middle) + 8));
        }
    }

    @Test
    void filesThatAreNotCapturesAreRefusedWithAReason() throws Exception {
        Path text = dir.resolve("text.dxgcap");
        Files.writeString(text, "this is not a capture, but it is long enough to hold a preamble of 64 bytes!!");
        NotACaptureException e = assertThrows(NotACaptureException.class, () -> CaptureFile.open(text));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        byte[] all = Files.readAllBytes(tree);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 2);
        Path newer = dir.resolve("newer.dxgcap");
        Files.write(newer, all);
        e = assertThrows(NotACaptureException.class, () -> CaptureFile.open(newer));
        assertTrue(e.getMessage().contains("version 2 is newer"), e.getMessage());
        assertThrows(IOException.class, () -> CaptureFile.open(dir.resolve("missing.dxgcap")));
        assertFalse(Files.exists(dir.resolve("missing.dxgcap")));
    }
}
