package dev.dxgscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.state.CaptureModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture whose model does not fit in memory is read up to where the heap filled: the model
 * holds exactly the records before that byte, its health list says where it ends and how much
 * memory the whole capture needs, and nothing after the cut is read, by a later update or by
 * finish. Both ways of reading (record by record, and ahead on a second thread), a failed
 * allocation, and the guard's own rule (a whole collection before it first says full).
 */
class MemoryCutTest {
    @TempDir
    static Path dir;
    /** Read record by record (under the read-ahead size), a few times 16K records. */
    private static Path small;
    /** Read ahead on a second thread. */
    private static Path large;

    @BeforeAll
    static void record() throws Exception {
        Path renderLoop = Workloads.DIST.resolve("workloads/render-loop");
        small = Workloads.recordProgram(dir, "small", renderLoop, "4200", "0"); /* about 55K records, 13 MB */
        large = Workloads.recordProgram(dir, "large", renderLoop, "6000", "0");
        assertTrue(Files.size(small) < ModelLoader.READ_AHEAD_FROM && Files.size(large) >= ModelLoader.READ_AHEAD_FROM,
                Files.size(small) + " and " + Files.size(large) + " bytes");
        long records = recordsBefore(small, Long.MAX_VALUE);
        assertTrue(records > 3 * 16384 + 1000, "three checks and more fit in the small capture: " + records + " records");
    }

    /**
     * A guard that says full from its {@code fullFrom}th check on, counting its checks and the
     * whole collections it asks for (a check reads the use once, and once more after a collection).
     */
    private static MemoryGuard counting(int fullFrom, AtomicInteger checks, AtomicInteger collections) {
        AtomicInteger reads = new AtomicInteger();
        return new MemoryGuard(() -> {
            int check = reads.incrementAndGet();
            checks.set(check);
            return check >= fullFrom ? 90 : 10;
        }, () -> {
            collections.incrementAndGet();
            reads.decrementAndGet(); /* the read after a collection belongs to the same check */
        }, 100, 0.85);
    }

    /** The number of whole records before {@code offset}. */
    private static long recordsBefore(Path file, long offset) throws Exception {
        try (CaptureFile f = CaptureFile.open(file)) {
            RecordCursor c = f.records();
            long n = 0;
            while (c.next() && c.position() <= offset) {
                n++;
            }
            return n;
        }
    }

    @Test
    void readRecordByRecordTheModelEndsWhereTheHeapFilled() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger collections = new AtomicInteger();
        CaptureModel whole = ModelLoader.load(small);
        CaptureModel cut;
        try (CaptureFile f = CaptureFile.open(small)) {
            cut = ModelLoader.load(f, null, counting(2, checks, collections));
        }
        Diagnostic why = cut.memoryCut();
        assertNotNull(why, "the model says it was cut");
        assertEquals(2, checks.get(), "checked every 16K records, and nothing read after it said full");
        assertEquals(1, collections.get(), "a whole collection before the first 'full'");
        assertEquals(2 * 16384, cut.timeline().size(), "the records up to the second check, each whole");
        assertEquals(2 * 16384, recordsBefore(small, why.offset()), "the cut is where the next record starts");
        assertEquals(cut.timeline().lastSeq(), why.seq());
        assertTrue(cut.diagnostics().contains(why), "on the health list");
        assertEquals(Diagnostic.Severity.ERROR, why.severity());
        assertTrue(why.text().startsWith("not enough memory: the model ends here, at #" + why.seq() + " ("), why.text());
        assertTrue(why.text().contains("DXGSCOPE_HEAP="), why.text());
        assertTrue(cut.complete(), "finished: calls in flight and pending waits are final, as in a cut-off capture");
        assertTrue(cut.diagnostics().stream().noneMatch(d -> d.text().contains("no END record")),
                "the END is there, past the cut: " + cut.diagnostics());
        assertTrue(whole.timeline().size() > cut.timeline().size());
        assertNull(whole.memoryCut());
        for (int i = 0; i < cut.timeline().size(); i++) {
            assertEquals(whole.timeline().seq(i), cut.timeline().seq(i));
        }
    }

    /** A 4 GiB heap full after a part of the file: the heap it suggests holds the whole at that rate, with little to spare. */
    @Test
    void theSuggestedHeapFitsTheWholeCapture() throws Exception {
        long gib = 1L << 30;
        long[] used = {0};
        CaptureModel m;
        try (CaptureFile f = CaptureFile.open(small)) {
            m = ModelLoader.load(f, null, new MemoryGuard(() -> used[0] = 90 * (4 * gib / 100), () -> { }, 4 * gib, 0.85));
        }
        Diagnostic why = m.memoryCut();
        assertNotNull(why);
        java.util.regex.Matcher g = java.util.regex.Pattern.compile("DXGSCOPE_HEAP=(\\d+)g").matcher(why.text());
        assertTrue(g.find(), why.text());
        long suggested = Long.parseLong(g.group(1));
        double share = (double) why.offset() / Files.size(small);
        assertTrue(suggested * share >= 4, "enough for the whole: " + suggested + " GiB at " + share);
        assertTrue(suggested <= Math.ceil(4 / share * 1.1) && suggested > 4, "not much more: " + suggested + " at " + share);
        assertTrue(why.text().contains("dxgscope may use 4 GiB of memory"), why.text());
    }

    @Test
    void readAheadTheModelEndsAtTheBatchWhereTheHeapFilled() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger collections = new AtomicInteger();
        CaptureModel cut;
        try (CaptureFile f = CaptureFile.open(large)) {
            cut = ModelLoader.load(f, null, counting(1, checks, collections));
        }
        Diagnostic why = cut.memoryCut();
        assertNotNull(why);
        assertEquals(1, checks.get(), "no batch read after the check that said full");
        assertTrue(why.offset() < Files.size(large), "cut before the end");
        assertEquals(recordsBefore(large, why.offset()), cut.timeline().size(), "exactly the records before the cut");
        assertTrue(cut.timeline().size() > 0);
    }

    /** Damage the reader found ahead, past the cut, is not the model's: it is not on the health list. */
    @Test
    void damagePastTheCutIsNotListed() throws Exception {
        Path damaged = dir.resolve("damaged.dxgcap");
        Files.copy(large, damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(damaged);
        try (var ch = java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
            for (long at = size * 9 / 16; at < size - 4096; at += size / 16) { /* past the first window (8 MiB) */
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}), at);
            }
        }
        CaptureModel whole = ModelLoader.load(damaged);
        assertTrue(whole.diagnostics().stream().anyMatch(d -> d.text().startsWith("damaged bytes skipped")),
                "the damage is there: " + whole.diagnostics());
        CaptureModel cut;
        try (CaptureFile f = CaptureFile.open(damaged)) {
            cut = ModelLoader.load(f, null, counting(1, new AtomicInteger(), new AtomicInteger()));
        }
        long end = cut.memoryCut().offset();
        assertTrue(end < size * 9 / 16, "cut before the first damage: " + end);
        assertTrue(cut.diagnostics().stream().noneMatch(d -> d.text().startsWith("damaged bytes skipped")),
                cut.diagnostics().toString());
    }

    @Test
    void aFailedAllocationCutsTheModelThere() throws Exception {
        for (Path file : new Path[] {small, large}) {
            MemoryGuard failing = new MemoryGuard(() -> {
                throw new OutOfMemoryError("Java heap space"); /* as an allocation in a tracker would */
            }, () -> { }, 100, 0.85);
            CaptureModel cut;
            try (CaptureFile f = CaptureFile.open(file)) {
                cut = ModelLoader.load(f, null, failing);
            }
            Diagnostic why = cut.memoryCut();
            assertNotNull(why, file.toString());
            assertTrue(why.text().contains("an allocation failed"), why.text());
            assertEquals(recordsBefore(file, why.offset()), cut.timeline().size(), "the records before the cut");
        }
    }

    @Test
    void aLiveCaptureReadsNothingMoreOnceCut() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger collections = new AtomicInteger();
        try (CaptureFile f = CaptureFile.open(small)) {
            ModelLoader live = new ModelLoader(f, counting(3, checks, collections));
            long read = 0;
            for (long n; (n = live.update(5_000)) > 0;) { /* slices, as a live session reads */
                read += n;
            }
            assertEquals(3 * 16384, read, "checked across slices, every 16K records");
            assertNotNull(live.model().memoryCut());
            assertEquals(0, live.update(5_000));
            assertFalse(live.update());
            CaptureModel m = live.finish();
            assertEquals(3 * 16384, m.timeline().size(), "finish reads nothing after the cut");
        }
    }

    @Test
    void theGuardCollectsBeforeItFirstSaysFullAndAgainOnlyAfterTheUseGrew() {
        long[] used = {50};
        AtomicInteger collections = new AtomicInteger();
        long[] afterCollection = {0};
        MemoryGuard g = new MemoryGuard(() -> used[0], () -> {
            collections.incrementAndGet();
            used[0] = afterCollection[0];
        }, 100, 0.85);
        assertFalse(g.full());
        assertEquals(0, collections.get(), "no collection below the limit");
        used[0] = 90;
        afterCollection[0] = 82; /* garbage the young collections left */
        assertFalse(g.full(), "room after a whole collection");
        assertEquals(1, collections.get());
        used[0] = 86;
        assertTrue(g.full(), "grown by less than a twentieth since the collection: believed");
        assertEquals(1, collections.get());
        used[0] = 88;
        afterCollection[0] = 80;
        assertFalse(g.full(), "grown by a twentieth: collected again, and room again");
        assertEquals(2, collections.get());
        used[0] = 95;
        afterCollection[0] = 95;
        assertTrue(g.full(), "full after a collection too");
        assertEquals(3, collections.get());
        MemoryGuard real = MemoryGuard.ofHeap(1.0);
        assertFalse(real.full(), "this JVM's heap is not past all of it");
        assertEquals(Runtime.getRuntime().maxMemory(), real.max());
    }
}
